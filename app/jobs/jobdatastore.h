#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <map>

namespace Alchemyst {

// The opaque `data` of the jobs the window looks at (not completed, or shown in the details pane), kept
// within bounds: at most MaxBytesPerJob of each job (a larger one keeps its first members and the start
// of its long texts, and is marked cut), at most a budget in all and at most maxJobs entries. Past the
// budget the entries of finished jobs go first, then those updated longest ago; the watched job (the one
// the details pane shows) stays. A cut job's whole data is what the single-job answer gives, on demand.
// Sizes are estimates of what a parsed object holds (its texts, keys and about 16 bytes a value), not
// exact heap figures, so that the bound does not cost a serialisation per job.
class JobDataStore
{
public:
    static constexpr qsizetype MaxBytesPerJob = 64 * 1024;
    static constexpr qsizetype DefaultBudgetBytes = 64LL * 1024 * 1024;
    static constexpr int DefaultMaxJobs = 20000;

    struct Entry
    {
        QJsonObject data;
        qsizetype bytes = 0;
        quint64 serial = 0; // when it was stored or last changed: the eviction order
        bool cut = false;
        bool finished = false;
    };

    void setBudgetBytes(qsizetype bytes) { m_budget = qMax<qsizetype>(0, bytes); }
    qsizetype budgetBytes() const { return m_budget; }
    void setMaxJobs(int count) { m_maxJobs = qMax(0, count); }
    int maxJobs() const { return m_maxJobs; }
    // The job whose data is kept whatever its state and the budget (empty: none).
    void setWatched(const QString& id) { m_watched = id; }
    QString watched() const { return m_watched; }

    // A list page carried this data for the job: keeps a bounded part of it, or drops it (a completed job
    // that is not watched, a new job when maxJobs are kept). True when what is kept for it changed.
    bool put(const QString& id, const QString& state, const QJsonObject& data);
    // put() with the `data` of a list entry, read from it only when it is kept (not for the completed bulk).
    bool putListed(const QString& id, const QString& state, const QJsonObject& entry);
    void remove(const QString& id);
    void clear();

    QJsonObject data(const QString& id) const { return m_entries.value(id).data; }
    bool contains(const QString& id) const { return m_entries.contains(id); }
    // What is kept of the job's data is only its start: the single-job answer may have the rest.
    bool isCut(const QString& id) const
    {
        const auto it = m_entries.constFind(id);
        return it != m_entries.constEnd() && it->cut;
    }
    int size() const { return static_cast<int>(m_entries.size()); }
    qsizetype totalBytes() const { return m_total; }

    // The estimate the budget counts (see the class comment).
    static qsizetype estimateBytes(const QJsonObject& object);
    // The object's members within maxBytes (by estimateBytes), the smallest first; texts that do not fit
    // keep their start and end in "...". *cut says whether anything was left out.
    static QJsonObject capped(const QJsonObject& object, qsizetype maxBytes, bool* cut);

private:
    void unlink(const Entry& entry);
    void setFinished(const QString& id, Entry& entry, bool finished);
    void evict();

    QHash<QString, Entry> m_entries;
    // Eviction order per kind: serial -> id.
    std::map<quint64, QString> m_finishedOrder;
    std::map<quint64, QString> m_openOrder;
    QString m_watched;
    qsizetype m_total = 0;
    qsizetype m_budget = DefaultBudgetBytes;
    int m_maxJobs = DefaultMaxJobs;
    quint64 m_serial = 0;
};

} // namespace Alchemyst
