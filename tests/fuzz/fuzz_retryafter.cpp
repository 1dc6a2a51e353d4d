// Any Retry-After header value against a fixed clock: -1 or a bounded wait, nothing else.
#include "api/apiclient.h"
#include "fuzzsupport.h"

#include <QTimeZone>

using namespace Alchemyst;

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    AjmFuzz::ensureApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // A fixed "now" so that a finding reproduces from its input alone.
    static const QDateTime now(QDate(2026, 7, 2), QTime(12, 0, 0), QTimeZone::utc());
    const QByteArray value(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const int seconds = ApiClient::parseRetryAfterSeconds(value, now);
    AJM_FUZZ_CHECK(seconds == -1 || (seconds >= 0 && seconds <= ApiClient::MaxRetryAfterSeconds));
    return 0;
}
