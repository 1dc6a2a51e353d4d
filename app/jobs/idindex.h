#pragma once

#include <QHash>
#include <QString>
#include <QThreadPool>

namespace Alchemyst {

// Job id -> int (a row, a slot), for indexes that grow by a whole pass at a time. A QHash that fills up
// rehashes every id in one go: at 524k ids that is a few hundred ms on the UI thread, in the middle of a
// first pass of a million jobs. This one grows without a pause: when its table is full it starts a table
// of twice the size for new ids and moves MigrationStep of the old ids into it with every insert, so that
// the old table is empty long before the new one fills. Lookups ask the new table, then the old one.
class IdIndex
{
public:
    static constexpr int MigrationStep = 4;

    // Sizes the table for this many ids (in one go when nothing is migrating: an empty table is cheap).
    void reserve(qsizetype count)
    {
        if (m_old.isEmpty()) {
            if (count > m_new.capacity())
                m_new.reserve(count);
        }
    }
    qsizetype capacity() const { return m_new.capacity() + m_old.capacity(); }
    qsizetype size() const { return m_new.size() + m_oldLive; }
    bool isEmpty() const { return size() == 0; }

    int value(const QString& id, int fallback = -1) const
    {
        const auto found = m_new.constFind(id);
        if (found != m_new.constEnd())
            return found.value();
        if (m_oldLive > 0) {
            const auto old = m_old.constFind(id);
            if (old != m_old.constEnd() && old.value() != Gone)
                return old.value();
        }
        return fallback;
    }
    bool contains(const QString& id) const { return value(id, Gone) != Gone; }

    void insert(const QString& id, int value)
    {
        if (m_oldLive == 0 && m_new.capacity() > 0 && m_new.size() >= m_new.capacity() && !m_new.contains(id))
            startGrowing();
        if (m_oldLive > 0) {
            forgetOld(id); // the new table's entry replaces it
            migrate();
        }
        m_new.insert(id, value);
    }
    // Returns whether the id was there.
    bool remove(const QString& id)
    {
        const bool removed = m_new.remove(id);
        return forgetOld(id) || removed;
    }
    void clear()
    {
        m_new.clear();
        m_old.clear();
        m_oldLive = 0;
    }

private:
    static constexpr int Gone = -2147483647 - 1; // an old entry removed or replaced since

    bool forgetOld(const QString& id)
    {
        if (m_oldLive == 0)
            return false;
        // Marked rather than erased: erasing would invalidate the migration's position.
        const auto old = m_old.find(id);
        if (old == m_old.end() || old.value() == Gone)
            return false;
        old.value() = Gone;
        --m_oldLive;
        if (m_oldLive == 0)
            finishGrowing();
        return true;
    }
    void startGrowing()
    {
        m_old = std::move(m_new);
        m_new = QHash<QString, int>();
        m_new.reserve(2 * m_old.capacity()); // allocating an empty table: no id is hashed
        m_oldLive = m_old.size();
        m_next = m_old.begin();
    }
    void migrate()
    {
        for (int i = 0; i < MigrationStep && m_next != m_old.end(); ++i, ++m_next) {
            if (m_next.value() == Gone)
                continue;
            m_new.insert(m_next.key(), m_next.value());
            m_next.value() = Gone; // moved
            --m_oldLive;
        }
        if (m_next == m_old.end() || m_oldLive == 0)
            finishGrowing();
    }
    void finishGrowing()
    {
        // Freeing half a million entries touches every one of them (each id's reference count, in memory
        // the cache no longer holds): tens of ms. The old table is freed on a pool thread instead; the ids
        // it holds are shared with the jobs, and their counts are atomic.
        if (m_old.size() > BackgroundFreeSize)
            QThreadPool::globalInstance()->start([old = std::move(m_old)]() mutable { old.clear(); });
        m_old = QHash<QString, int>();
        m_oldLive = 0;
        m_next = m_old.end();
    }
    static constexpr qsizetype BackgroundFreeSize = 65536;

    QHash<QString, int> m_new;
    QHash<QString, int> m_old;
    QHash<QString, int>::iterator m_next;
    qsizetype m_oldLive = 0; // old entries not yet moved, removed or replaced
};

} // namespace Alchemyst
