// Any base URL the operator or an environment variable might give, and any job id: the URL check
// never crashes, and an id becomes exactly one path segment that decodes back to itself.
#include "api/apiclient.h"
#include "fuzzsupport.h"

using namespace Alchemyst;

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    AjmFuzz::ensureApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));

    const QUrl url(text);
    const QString problem = ApiClient::checkBaseUrl(url);
    if (problem.isEmpty()) {
        // Accepted: the key goes over TLS, or stays on this machine.
        const QString scheme = url.scheme().toLower();
        AJM_FUZZ_CHECK(scheme == QLatin1String("https") || scheme == QLatin1String("http"));
        AJM_FUZZ_CHECK(!url.host().isEmpty());
    }

    const QByteArray segment = ApiClient::encodeJobId(text);
    if (!segment.isEmpty()) {
        AJM_FUZZ_CHECK(!segment.contains('/'));
        AJM_FUZZ_CHECK(!segment.contains('?'));
        AJM_FUZZ_CHECK(!segment.contains('#'));
        const QString decoded = QUrl::fromPercentEncoding(segment);
        AJM_FUZZ_CHECK(decoded == text);
        AJM_FUZZ_CHECK(decoded != QLatin1String(".") && decoded != QLatin1String(".."));
    }
    return 0;
}
