#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace Alchemyst {

// How a call to the API ended. One value per call; widgets and the CLI branch on this, never on a reply.
enum class Outcome
{
    Ok,
    Cancelled,
    Conflict, // 409: the job is running
    NotFound,
    InvalidId,
    Unauthorized,
    PaymentRequired,
    Forbidden,
    RateLimited,
    ServerError,
    Timeout,
    NetworkError,
    MalformedResponse,
    InsecureUrl,
    Stopped, // ended early by the operator
};

struct ApiResult
{
    Outcome outcome = Outcome::NetworkError;
    int httpStatus = 0;         // 0 when no HTTP answer arrived
    QString message;            // the best human message: the server's own words where it gave any
    QJsonObject payload;        // the parsed body when it was a JSON object
    int retryAfterSeconds = -1; // from Retry-After on 429, -1 when absent
    bool tooLarge = false;      // the answer passed the client's response cap and was discarded

    bool isSuccess() const { return outcome == Outcome::Ok || outcome == Outcome::Cancelled; }
};

// A stable, lowercase name of an outcome, for logs, JSON output and tests.
QString outcomeName(Outcome outcome);

// Whose words the sentences use: a 401 names what to do, and the window and the CLI do it differently (a
// menu item, a command). The window's by default; the CLI's main sets CommandLine once, so that core texts
// (a batch's "not sent" reason) name the command too.
enum class MessageAudience
{
    Window,
    CommandLine,
};
void setMessageAudience(MessageAudience audience);
MessageAudience messageAudience();

// A sentence an operator understands, for the outcome as a whole (the server's message comes separately),
// in the words of messageAudience() or of the audience given.
QString outcomeSentence(Outcome outcome);
QString outcomeSentence(Outcome outcome, MessageAudience audience);

// What to do about a key the server refused (401), in the audience's words: "Check the key with
// `alchemyst-jobs login --env NAME`." or the window's menu item.
QString keyCheckHint(MessageAudience audience);

// Exit code of the command-line tool for an outcome (0 on success).
int exitCodeFor(Outcome outcome);

} // namespace Alchemyst

Q_DECLARE_METATYPE(Alchemyst::ApiResult)
