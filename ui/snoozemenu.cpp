#include "snoozemenu.h"

#include "triage/snooze.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QMenu>

namespace Alchemyst {

namespace {
// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct SnoozeMenu
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::SnoozeMenu)
};
} // namespace

void addSnoozeActions(QMenu* menu, SnoozeStore* store, const JobList& jobs,
                      const std::function<void(const QString& error)>& changed)
{
    if (!menu || !store || jobs.isEmpty())
        return;
    const auto apply = [store, jobs, changed](qint64 forMs, bool unsnooze) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const Job& job : jobs) {
            if (unsnooze)
                store->unsnooze(job.id);
            else
                store->snooze(job.id, job.state, now, forMs);
        }
        QString error;
        store->save(&error);
        if (changed)
            changed(error);
    };
    QAction* untilChange = menu->addAction(SnoozeMenu::tr("&Snooze Until Its State Changes"), menu,
                                           [apply] { apply(0, false); });
    untilChange->setObjectName(QStringLiteral("snoozeUntilChangeAction"));
    QMenu* forHours = menu->addMenu(SnoozeMenu::tr("Snooze &For"));
    forHours->setObjectName(QStringLiteral("snoozeForMenu"));
    for (int hours : {1, 4, 24}) {
        QAction* action = forHours->addAction(SnoozeMenu::tr("%n Hour(s)", nullptr, hours), menu,
                                              [apply, hours] { apply(hours * SnoozeStore::HourMs, false); });
        action->setObjectName(QStringLiteral("snoozeFor%1hAction").arg(hours));
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool anySnoozed = false;
    for (const Job& job : jobs)
        anySnoozed = anySnoozed || store->isSnoozed(job.id, job.state, now);
    if (anySnoozed) {
        QAction* wake = menu->addAction(SnoozeMenu::tr("&Unsnooze"), menu, [apply] { apply(0, true); });
        wake->setObjectName(QStringLiteral("unsnoozeAction"));
    }
}

} // namespace Alchemyst
