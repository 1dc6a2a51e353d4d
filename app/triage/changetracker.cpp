#include "changetracker.h"

#include <QCoreApplication>
#include <QLocale>

namespace Alchemyst {

namespace {

// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct Changes
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::ChangeTracker)
};

} // namespace

QString PassSummary::notificationText() const
{
    QStringList parts;
    if (!newlyFailed.isEmpty())
        parts.append(Changes::tr("%n job(s) failed", nullptr, static_cast<int>(newlyFailed.size())));
    if (!newlyStuck.isEmpty())
        parts.append(Changes::tr("%n became stuck", nullptr, static_cast<int>(newlyStuck.size())));
    return parts.join(Changes::tr(", "));
}

void ChangeTracker::beginPass(bool baseline)
{
    m_pass = PassSummary();
    m_pass.baseline = baseline;
    m_inPass = true;
}

void ChangeTracker::addChanges(const StateChangeList& changes, qint64 nowMs)
{
    if (!m_inPass)
        beginPass();
    const qint64 until = nowMs + m_markMs;
    for (const StateChange& change : changes) {
        if (!change.from.isEmpty()) {
            const int from = static_cast<int>(categoryOf(change.from));
            --m_pass.delta[from];
            --m_sinceSeen[from];
            m_pass.failedChanged = m_pass.failedChanged || from == static_cast<int>(StateCategory::Failed);
        }
        if (!change.to.isEmpty()) {
            const int to = static_cast<int>(categoryOf(change.to));
            ++m_pass.delta[to];
            ++m_sinceSeen[to];
            m_pass.failedChanged = m_pass.failedChanged || to == static_cast<int>(StateCategory::Failed);
        }
        if (change.to.isEmpty()) {
            // Gone: nothing left to highlight; the stale expiry entry is skipped when it comes due.
            m_markedUntil.remove(change.id);
            m_unseen.remove(change.id);
            if (!m_pass.baseline)
                m_pass.gone.append(change.id);
            continue;
        }
        if (m_pass.baseline)
            continue;
        if (change.from.isEmpty())
            m_pass.appeared.append(change.id);
        else
            m_pass.changed.append(change.id);
        if (change.from != change.to && categoryOf(change.to) == StateCategory::Failed)
            m_pass.newlyFailed.append(change.id);
        if (m_markMs > 0) {
            m_markedUntil.insert(change.id, until);
            m_expiries.emplace_back(until, change.id);
        }
        m_unseen.insert(change.id);
    }
}

void ChangeTracker::expireMarks(qint64 nowMs)
{
    while (!m_expiries.empty() && m_expiries.front().first <= nowMs) {
        const auto it = m_markedUntil.constFind(m_expiries.front().second);
        // A later change re-marked the job: its own entry further back removes it.
        if (it != m_markedUntil.cend() && it.value() <= nowMs)
            m_markedUntil.erase(it);
        m_expiries.pop_front();
    }
}

PassSummary ChangeTracker::endPass(bool complete, qint64 nowMs)
{
    expireMarks(nowMs);
    m_pass.complete = complete;
    m_inPass = false;
    PassSummary summary = std::move(m_pass);
    m_pass = PassSummary();
    return summary;
}

void ChangeTracker::markAllSeen()
{
    m_unseen.clear();
    m_sinceSeen.fill(0);
}

QString ChangeTracker::countText(StateCategory category, int count, int delta)
{
    const QString name = categoryName(category);
    if (delta == 0)
        // Digit grouping ("Waiting 50,007") in the number, so that the translated texts keep their form.
        return Changes::tr("%1 %2").arg(name, QLocale().toString(count));
    // U+2212 minus: the same width as the plus, as a table of figures wants.
    const QString signedDelta = delta > 0 ? QStringLiteral("+%L1").arg(delta)
                                          : QStringLiteral("\u2212%L1").arg(-static_cast<qint64>(delta));
    return Changes::tr("%1 %2 (%3)").arg(name, QLocale().toString(count), signedDelta);
}

void ChangeTracker::clear()
{
    m_pass = PassSummary();
    m_inPass = false;
    m_markedUntil.clear();
    m_expiries.clear();
    m_unseen.clear();
    m_sinceSeen.fill(0);
}

} // namespace Alchemyst
