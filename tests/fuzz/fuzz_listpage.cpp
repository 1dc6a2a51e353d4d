// A list page or single-job answer as the server might send it: parseListPage over any JSON object,
// Job::fromJson over every array element, and the CLI's --json shape of every job parsed.
#include "api/apiclient.h"
#include "api/listpage.h"
#include "fuzzsupport.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Alchemyst;

namespace {

void checkJob(const Job& job)
{
    AJM_FUZZ_CHECK(!job.id.isEmpty());
    AJM_FUZZ_CHECK(!job.state.isEmpty());
    // The caps of job.h hold whatever the server sent: one huge field must not cost every row.
    AJM_FUZZ_CHECK(job.id.size() <= Job::MaxIdLength);
    AJM_FUZZ_CHECK(job.state.size() <= Job::MaxStateLength);
    AJM_FUZZ_CHECK(job.fileName.size() <= Job::MaxNameLength);
    AJM_FUZZ_CHECK(job.source.size() <= Job::MaxNameLength);
    AJM_FUZZ_CHECK(job.failedReason.size() <= Job::MaxReasonLength);
    AJM_FUZZ_CHECK(job.processedOn >= 0 && job.processedOn < Job::MaxEpochMs);
    AJM_FUZZ_CHECK(job.finishedOn >= 0 && job.finishedOn < Job::MaxEpochMs);
    const QJsonObject json = job.toJson();
    AJM_FUZZ_CHECK(json.value(QLatin1String("jobId")).toString() == job.id);
    // The --json shape is read back by scripts and by fromJson itself: the fields it carries survive.
    const std::optional<Job> again = Job::fromJson(json);
    AJM_FUZZ_CHECK(again.has_value());
    AJM_FUZZ_CHECK(again->id == job.id);
    AJM_FUZZ_CHECK(again->state == job.state);
    AJM_FUZZ_CHECK(again->attempts == job.attempts);
    AJM_FUZZ_CHECK(again->processedOn == job.processedOn);
    AJM_FUZZ_CHECK(again->finishedOn == job.finishedOn);
    AJM_FUZZ_CHECK(again->failedReason == job.failedReason);
    (void)QJsonDocument(json).toJson(QJsonDocument::Compact);
}

void parseElements(const QJsonArray& array)
{
    for (const QJsonValue& value : array) {
        if (const std::optional<Job> job = value.isObject() ? Job::fromJson(value.toObject()) : std::nullopt)
            checkJob(*job);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    AjmFuzz::ensureApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isArray()) {
        parseElements(document.array());
        return 0;
    }
    if (!document.isObject())
        return 0;
    const QJsonObject object = document.object();

    const ListPage page = parseListPage(object);
    AJM_FUZZ_CHECK(page.usable == object.value(QLatin1String("jobs")).isArray());
    AJM_FUZZ_CHECK(page.usable || !page.problem.isEmpty());
    AJM_FUZZ_CHECK(page.received == page.jobs.size() + page.skipped);
    for (const Job& job : page.jobs)
        checkJob(job);

    // The single-job answer and the error bodies take the same object.
    if (const std::optional<Job> job = Job::fromJson(object))
        checkJob(*job);
    (void)bestMessageFromObject(object);
    return 0;
}
