#pragma once

#include "jobs/job.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Alchemyst {

// Failed jobs whose reasons say the same thing about different documents.
struct FailureGroup
{
    QString key;    // the normalised reason (FailureGrouper::normalize); empty for failures without a reason
    QString reason; // the most frequent exact text in the group (the first listed on a tie)
    // What the group's texts say, for its heading: the key with each placeholder given back its value
    // where every text of the key met so far has the same one ("Document ‹n› exceeds the 25 MB limit
    // (‹n› MB)"); the exact text when the group has one.
    QString label;
    int count = 0;
    int variants = 0;   // distinct exact texts in the group
    QStringList jobIds; // in list order; empty unless asked for (FailureGrouper::WithJobIds)
};
using FailureGroupList = QList<FailureGroup>;

// Groups failed jobs by reason, where reasons that differ only in numbers, ids, UUIDs or quoted names
// fall together: "Document 4411 exceeds the 25 MB limit (31 MB)" and "Document 77 exceeds the 25 MB
// limit (40 MB)" are one group. Keeps the normalisation of every exact text it has met, so that a
// refresh that brings the same reasons again costs one hash lookup per failed job.
class FailureGrouper
{
public:
    // Above this many remembered texts the cache starts again (a server that puts a timestamp in every
    // reason must not grow it forever).
    static constexpr int MaxCachedReasons = 200000;

    // UUIDs -> <uuid>; quoted tokens without spaces ('abc', "x-1.pdf", `k`) -> '<id>' in their quotes;
    // tokens of 6 or more letters and digits holding a digit (hex ids, job_7f3a9c) -> <id>; other
    // digit runs -> # ("31MB" -> "#MB", "1.5" -> "#"); whitespace runs -> one space, trimmed. Words stay.
    static QString normalize(const QString& reason);

    // A placeholder of a key: where it starts in the key, what kind it is and the text it replaced.
    struct Slot
    {
        enum Kind
        {
            Number, // "#"
            Id,     // "<id>"
            Name,   // "<id>" between quotes
            Uuid,   // "<uuid>"
        };
        qsizetype at = 0;
        Kind kind = Number;
        QString value;
    };
    // normalize, noting every placeholder it wrote.
    static QString normalize(const QString& reason, QList<Slot>* parts);
    // The key with placeholders shown as ‹n›, ‹id›, ‹name›, ‹uuid› where `varies` says so (or has no
    // entry), and as their value elsewhere.
    static QString templateLabel(const QString& key, const QList<Slot>& parts, const QList<bool>& varies);

    enum JobIdsOption
    {
        WithoutJobIds, // what the window shows: counts and texts (a million jobs' ids: an eighth of the time)
        WithJobIds,    // what `status --json` prints
    };
    // Groups the jobs in the Failed category; largest group first, ties by representative text.
    FailureGroupList group(const JobList& jobs, JobIdsOption ids = WithJobIds);
    // Normalises the reasons of the failed jobs among these into the cache, without grouping: a pass does
    // it page by page, so that the grouping after a first pass over a large queue (every reason new) is
    // lookups, not a million normalisations at once on the UI thread. Stops adding at MaxCachedReasons.
    void learn(const JobList& jobs);
    // The group key of a reason (cached).
    QString keyOf(const QString& reason);
    // Whether `job` belongs to the group with `key`: a filter for the table.
    bool matches(const Job& job, const QString& key);
    void clearCache();

private:
    int reasonIndex(const QString& reason);

    QHash<QString, int> m_reasonIndex; // exact reason -> index in m_reasonKeys
    QList<int> m_reasonKeys;           // reason index -> index in m_keys
    QStringList m_reasonTexts;         // reason index -> the exact text
    QHash<QString, int> m_keyIndex;    // normalised key -> index in m_keys
    QStringList m_keys;
    struct Template
    {
        QList<Slot> parts; // of the first text met with the key
        QList<bool> varies;
    };
    QList<Template> m_templates; // key index -> its placeholders
};

} // namespace Alchemyst
