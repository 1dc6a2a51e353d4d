#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Alchemyst {

class JobSession;
struct ApiResult;

// What the window says about its refreshes, as text: the status bar's line and the banners. Words only:
// the window decides where they go and in which tone.
class RefreshTexts
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::RefreshTexts)

public:
    // The status bar: "as of 09:14, refreshing…", the pass's progress or the last refresh (STALE when it
    // is), the freshness of the tops of the lists, the wait or the next refresh, and the rows. session may
    // be null (not connected).
    static QString status(const JobSession* session, bool autoRefresh, int rows, bool timesInUtc,
                          const QDateTime& now = QDateTime::currentDateTime());
    // The banner after a pass that failed or was stopped (rich text, the server's words escaped), with its
    // link: "key" (a new key), "retry".
    static QString refreshProblem(const ApiResult& result, int jobsShown);
    // The banner after a pass that succeeded with something to say (the server's note, entries without a
    // usable id); empty when there is nothing.
    static QString passNote(const QString& serverNote, int skipped);
    // The records banner when history cannot be written, with its link "retry-history"; empty hides it.
    static QString historyProblem(const QString& sentence);
};

} // namespace Alchemyst
