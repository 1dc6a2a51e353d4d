#include "apiresult.h"

#include <QCoreApplication>

namespace Alchemyst {

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok:
        return QStringLiteral("ok");
    case Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case Outcome::Conflict:
        return QStringLiteral("running");
    case Outcome::NotFound:
        return QStringLiteral("not-found");
    case Outcome::InvalidId:
        return QStringLiteral("invalid-id");
    case Outcome::Unauthorized:
        return QStringLiteral("unauthorized");
    case Outcome::PaymentRequired:
        return QStringLiteral("payment-required");
    case Outcome::Forbidden:
        return QStringLiteral("forbidden");
    case Outcome::RateLimited:
        return QStringLiteral("rate-limited");
    case Outcome::ServerError:
        return QStringLiteral("server-error");
    case Outcome::Timeout:
        return QStringLiteral("timeout");
    case Outcome::NetworkError:
        return QStringLiteral("network-error");
    case Outcome::MalformedResponse:
        return QStringLiteral("malformed-response");
    case Outcome::InsecureUrl:
        return QStringLiteral("insecure-url");
    case Outcome::Stopped:
        return QStringLiteral("stopped");
    }
    return QStringLiteral("unknown");
}

namespace {

MessageAudience g_audience = MessageAudience::Window;

} // namespace

void setMessageAudience(MessageAudience audience)
{
    g_audience = audience;
}

MessageAudience messageAudience()
{
    return g_audience;
}

QString keyCheckHint(MessageAudience audience)
{
    // The CLI speaks English for scripts (it loads no translation); the window names its own menu item.
    if (audience == MessageAudience::CommandLine)
        return QStringLiteral("Check the key with `alchemyst-jobs login --env NAME`.");
    return QCoreApplication::translate("Alchemyst::ApiResult",
                                       "Check the key with File → Edit Environment….");
}

QString outcomeSentence(Outcome outcome)
{
    return outcomeSentence(outcome, g_audience);
}

QString outcomeSentence(Outcome outcome, MessageAudience audience)
{
    switch (outcome) {
    case Outcome::Ok:
        return QCoreApplication::translate("Alchemyst::ApiResult", "The request succeeded.");
    case Outcome::Cancelled:
        return QCoreApplication::translate("Alchemyst::ApiResult", "The job was cancelled.");
    case Outcome::Conflict:
        return QCoreApplication::translate("Alchemyst::ApiResult",
                                           "The job is running and cannot be cancelled.");
    case Outcome::NotFound:
        return QCoreApplication::translate("Alchemyst::ApiResult",
                                           "The job was not found, or it has already completed or failed.");
    case Outcome::InvalidId:
        return QCoreApplication::translate("Alchemyst::ApiResult",
                                           "The server rejected the job id as invalid.");
    case Outcome::Unauthorized:
        return (audience == MessageAudience::CommandLine
                    ? QStringLiteral("The API key was not accepted (unauthorized).")
                    : QCoreApplication::translate("Alchemyst::ApiResult",
                                                  "The API key was not accepted (unauthorized).")) +
               QLatin1Char(' ') + keyCheckHint(audience);
    case Outcome::PaymentRequired:
        return QCoreApplication::translate("Alchemyst::ApiResult",
                                           "The account is out of credits (payment required).");
    case Outcome::Forbidden:
        return QCoreApplication::translate("Alchemyst::ApiResult",
                                           "The API key lacks the scope for this action (forbidden).");
    case Outcome::RateLimited:
        return QCoreApplication::translate("Alchemyst::ApiResult",
                                           "Too many requests: the server asked us to wait (rate limited).");
    case Outcome::ServerError:
        return QCoreApplication::translate("Alchemyst::ApiResult", "The server reported an internal error.");
    case Outcome::Timeout:
        return QCoreApplication::translate("Alchemyst::ApiResult",
                                           "The server did not answer in time (timeout).");
    case Outcome::NetworkError:
        return QCoreApplication::translate("Alchemyst::ApiResult",
                                           "The server could not be reached (network error).");
    case Outcome::MalformedResponse:
        return QCoreApplication::translate(
            "Alchemyst::ApiResult", "The server's answer could not be understood (malformed response).");
    case Outcome::InsecureUrl:
        return QCoreApplication::translate("Alchemyst::ApiResult", "The base URL is not allowed.");
    case Outcome::Stopped:
        return QCoreApplication::translate("Alchemyst::ApiResult", "Stopped before the end.");
    }
    return {};
}

int exitCodeFor(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok:
    case Outcome::Cancelled:
        return 0;
    case Outcome::Conflict:
        return 3;
    case Outcome::NotFound:
        return 4;
    case Outcome::Unauthorized:
    case Outcome::PaymentRequired:
    case Outcome::Forbidden:
        return 5;
    case Outcome::InvalidId:
        return 6;
    case Outcome::RateLimited:
    case Outcome::ServerError:
    case Outcome::Timeout:
    case Outcome::NetworkError:
    case Outcome::MalformedResponse:
    case Outcome::InsecureUrl:
    case Outcome::Stopped:
        return 7;
    }
    return 7;
}

} // namespace Alchemyst
