// Any response body, JSON or not: the best human message it carries.
#include "api/apiclient.h"
#include "cli/terminaltext.h"
#include "fuzzsupport.h"

using namespace Alchemyst;

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    AjmFuzz::ensureApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QString message = bestMessageFromBody(body);
    // A message is a sentence for a person, never a whole body: the contract keeps it short.
    AJM_FUZZ_CHECK(message.size() <= 4096);
    (void)terminalSafeMultiline(message);
    return 0;
}
