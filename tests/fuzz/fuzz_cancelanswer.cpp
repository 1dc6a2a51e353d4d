// A cancel's answer as a server might send it: the body through the repairing parser every answer takes,
// then the rule that decides whether it confirms the cancel of the job asked for. A confirmation always
// says success true or status "cancelled", never success false, and names no other job.
#include "api/apiclient.h"
#include "api/jsonbody.h"
#include "fuzzsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Alchemyst;

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    AjmFuzz::ensureApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte picks the id asked for; the rest is the body.
    static const QString ids[] = {QStringLiteral("17"), QStringLiteral("job-17"), QStringLiteral("0"),
                                  QStringLiteral("9007199254740993")};
    const QString id = ids[data[0] % 4];
    const QByteArray body(reinterpret_cast<const char*>(data + 1), static_cast<qsizetype>(size - 1));
    (void)bestMessageFromBody(body);
    QJsonParseError error;
    const QJsonDocument document = parseJsonBody(body, &error);
    if (!document.isObject())
        return 0;
    const QJsonObject answer = document.object();
    if (!ApiClient::confirmsCancel(answer, id))
        return 0;
    const QJsonValue success = answer.value(QLatin1String("success"));
    const QJsonValue status = answer.value(QLatin1String("status"));
    AJM_FUZZ_CHECK(success == QJsonValue(true) || status == QJsonValue(QLatin1String("cancelled")));
    AJM_FUZZ_CHECK(success != QJsonValue(false));
    const QJsonValue jobId = answer.value(QLatin1String("jobId"));
    if (jobId.isString())
        AJM_FUZZ_CHECK(jobId.toString() == id);
    AJM_FUZZ_CHECK(!jobId.isObject() && !jobId.isArray() && !jobId.isBool());
    return 0;
}
