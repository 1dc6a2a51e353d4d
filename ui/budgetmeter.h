#pragma once

#include "api/budgetusage.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace Alchemyst {

class JobSession;

// The status bar's request meter: "Requests 212/333 a minute" with a small bar, the requests spent in the
// last minute against this monitor's share. Its tooltip says what spent them (full passes, top-of-list
// polls, details, cancels, other programs on this computer sharing the budget), and after a 429 it says
// that the monitor has slowed down, and to what. It reads the session's budget every second.
class BudgetMeter : public QWidget
{
    Q_OBJECT

public:
    explicit BudgetMeter(QWidget* parent = nullptr);

    // The session whose budget is shown (not owned; nullptr: none, the meter hides). Read at once, then
    // every second while it lives.
    void setSession(JobSession* session);
    // Shows this reading (what refresh() does with the session's); for a meter without a session too.
    void setUsage(const BudgetSnapshot& usage);
    const BudgetSnapshot& usage() const { return m_usage; }

    QString text() const;
    // The words for a reading: the label's and the tooltip's.
    static QString textFor(const BudgetSnapshot& usage);
    static QString toolTipFor(const BudgetSnapshot& usage);
    // What the bar shows as spent: every process's on the shared ledger when known, else this one's.
    static int spentOf(const BudgetSnapshot& usage);

public slots:
    void refresh();

protected:
    void changeEvent(QEvent* event) override;

private:
    class Bar;
    void applyTone();

    QPointer<JobSession> m_session;
    QTimer m_timer;
    BudgetSnapshot m_usage;
    Bar* m_bar;
    QLabel* m_label;
    bool m_toned = false; // the label is in the warning tone
};

} // namespace Alchemyst
