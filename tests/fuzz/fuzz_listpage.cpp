// A list page or single-job answer as the server might send it, along the path a 200 answer takes:
// parseJsonBody (which repairs invalid UTF-8 inside strings) then parseListPage over any JSON object,
// Job::fromJson over every array element, and the CLI's --json shape of every job parsed. The invariants are
// the ones the code promises: a repaired body is valid UTF-8 and parses, an error's offset lies within the
// body, every listed job has a usable id (the one the window keys its data with), and no entry is dropped
// without being counted (jobs + skipped == entries).
#include "api/apiclient.h"
#include "api/jsonbody.h"
#include "api/listpage.h"
#include "fuzzsupport.h"
#include "jobs/jobjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <algorithm>
#include <vector>

using namespace Alchemyst;

namespace {

bool isValidUtf8(const QByteArray& bytes)
{
    // fromUtf8 turns every ill-formed sequence into U+FFFD, which changes the bytes.
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

// Equal as JSON values: the same members with equal values, whatever their order. QJsonObject's own ==
// in Qt 6.4 compares member by member in storage order, and that order is not stable for keys holding
// U+0000: a document written with toJson and read back can hold its members in another order.
bool sameJson(const QJsonValue& a, const QJsonValue& b)
{
    if (a.type() != b.type())
        return false;
    if (a.isObject()) {
        const QJsonObject left = a.toObject();
        const QJsonObject right = b.toObject();
        if (left.size() != right.size())
            return false;
        // By iteration, sorted by key: a lookup (constFind) is itself a search over that unstable order.
        const auto members = [](const QJsonObject& object) {
            std::vector<std::pair<QString, QJsonValue>> list;
            for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                list.emplace_back(it.key(), it.value());
            std::stable_sort(list.begin(), list.end(),
                             [](const auto& x, const auto& y) { return x.first < y.first; });
            return list;
        };
        const auto l = members(left);
        const auto r = members(right);
        for (size_t i = 0; i < l.size(); ++i) {
            if (l[i].first != r[i].first || !sameJson(l[i].second, r[i].second))
                return false;
        }
        return true;
    }
    if (a.isArray()) {
        const QJsonArray left = a.toArray();
        const QJsonArray right = b.toArray();
        if (left.size() != right.size())
            return false;
        for (qsizetype i = 0; i < left.size(); ++i) {
            if (!sameJson(left.at(i), right.at(i)))
                return false;
        }
        return true;
    }
    return a == b;
}

bool sameDocument(const QJsonDocument& a, const QJsonDocument& b)
{
    if (a.isObject() != b.isObject() || a.isArray() != b.isArray())
        return false;
    return a.isObject() ? sameJson(a.object(), b.object()) : sameJson(a.array(), b.array());
}

void checkJob(const Job& job)
{
    AJM_FUZZ_CHECK(!job.id.isEmpty());
    AJM_FUZZ_CHECK(!job.id.contains(QChar(QChar::ReplacementCharacter))); // not a usable id
    AJM_FUZZ_CHECK(job.id.isValidUtf16());
    AJM_FUZZ_CHECK(!job.state.isEmpty());
    // The caps of job.h hold whatever the server sent: one huge field must not cost every row.
    AJM_FUZZ_CHECK(job.id.size() <= Job::MaxIdLength);
    AJM_FUZZ_CHECK(job.state.size() <= Job::MaxStateLength);
    AJM_FUZZ_CHECK(job.fileName.size() <= Job::MaxNameLength);
    AJM_FUZZ_CHECK(job.source.size() <= Job::MaxNameLength);
    AJM_FUZZ_CHECK(job.failedReason.size() <= Job::MaxReasonLength);
    AJM_FUZZ_CHECK(job.processedOn >= 0 && job.processedOn < Job::MaxEpochMs);
    AJM_FUZZ_CHECK(job.finishedOn >= 0 && job.finishedOn < Job::MaxEpochMs);
    // What the program writes of it (the CLI's --json, the window's export) is valid JSON that scripts and
    // fromJson read back with every field it carries, and nothing a terminal acts on is in it raw.
    QByteArray written;
    appendJobJson(written, job);
    AJM_FUZZ_CHECK(terminalSafeJson(written) == written);
    QJsonParseError error{};
    const QJsonObject json = QJsonDocument::fromJson(written, &error).object();
    AJM_FUZZ_CHECK(error.error == QJsonParseError::NoError);
    AJM_FUZZ_CHECK(json.value(QLatin1String("jobId")).toString() == job.id);
    AJM_FUZZ_CHECK(json.value(QLatin1String("processedOn")) == jsonTimeOrNull(job.processedOn));
    AJM_FUZZ_CHECK(json.value(QLatin1String("finishedOn")) == jsonTimeOrNull(job.finishedOn));
    const std::optional<Job> again = Job::fromJson(json);
    AJM_FUZZ_CHECK(again.has_value());
    AJM_FUZZ_CHECK(again->attempts == job.attempts);
    AJM_FUZZ_CHECK(again->id == job.id); // an id is whole UTF-16 (a lone surrogate is refused)
    // Text travels as UTF-8: a lone surrogate in a name or reason arrives as U+FFFD, as QJsonDocument
    // writes it; everything else exactly.
    const auto viaUtf8 = [](const QString& text) { return QString::fromUtf8(text.toUtf8()); };
    AJM_FUZZ_CHECK(again->state == viaUtf8(job.state));
    AJM_FUZZ_CHECK(again->failedReason == viaUtf8(job.failedReason));
    AJM_FUZZ_CHECK(json.value(QLatin1String("fileName")) == jsonTextOrNull(viaUtf8(job.fileName)));
    AJM_FUZZ_CHECK(json.value(QLatin1String("source")) == jsonTextOrNull(viaUtf8(job.source)));
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
    QJsonParseError error{};
    bool repaired = false;
    const QJsonDocument document = parseJsonBody(bytes, &error, &repaired);
    if (error.error != QJsonParseError::NoError) {
        AJM_FUZZ_CHECK(!repaired);
        AJM_FUZZ_CHECK(error.offset >= 0 && error.offset <= bytes.size());
        AJM_FUZZ_CHECK(!describeJsonError(error, bytes.size()).isEmpty());
        return 0;
    }
    AJM_FUZZ_CHECK(describeJsonError(error, bytes.size()).isEmpty());
    if (repaired) {
        // What the repair made is JSON again, valid UTF-8, and Qt reads it as it is.
        const QByteArray again = document.toJson(QJsonDocument::Compact);
        AJM_FUZZ_CHECK(isValidUtf8(again));
        QJsonParseError reparse{};
        AJM_FUZZ_CHECK(sameDocument(QJsonDocument::fromJson(again, &reparse), document));
        AJM_FUZZ_CHECK(reparse.error == QJsonParseError::NoError);
    } else {
        // A body parsed as it came is exactly what QJsonDocument makes of it.
        AJM_FUZZ_CHECK(sameDocument(QJsonDocument::fromJson(bytes), document));
    }
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
    // No entry silently dropped: every one is a job or counted as skipped.
    AJM_FUZZ_CHECK(page.received == page.raw.size());
    AJM_FUZZ_CHECK(page.received == page.jobs.size() + page.skipped);
    AJM_FUZZ_CHECK(page.rawIndex.size() == page.jobs.size());
    int previous = -1;
    for (qsizetype i = 0; i < page.jobs.size(); ++i) {
        const Job& job = page.jobs.at(i);
        checkJob(job);
        // The entry the window takes a job's data from is the one the job was read from.
        const int index = page.rawIndex.at(i);
        AJM_FUZZ_CHECK(index > previous && index < page.raw.size());
        previous = index;
        const std::optional<Job> fromEntry = Job::fromJson(page.raw.at(index).toObject());
        AJM_FUZZ_CHECK(fromEntry.has_value() && fromEntry->id == job.id);
    }

    // The single-job answer and the error bodies take the same object.
    if (const std::optional<Job> job = Job::fromJson(object))
        checkJob(*job);
    (void)bestMessageFromObject(object);
    return 0;
}
