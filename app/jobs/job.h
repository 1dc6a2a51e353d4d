#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace Alchemyst {

// The states the filter knows by name. Anything else the server sends is kept as it came and
// grouped under Other, never dropped.
enum class StateCategory
{
    Waiting,
    Delayed,
    Active,
    Completed,
    Failed,
    Cancelled,
    Other,
};
constexpr int StateCategoryCount = 7;

StateCategory categoryOf(const QString& state);
QString categoryName(StateCategory category);  // "Waiting", "Delayed", ..., "Other"
bool isCancellableState(const QString& state); // waiting and delayed only

struct Job
{
    // Caps applied by fromJson, in UTF-16 units. A server's text is laid out on every paint and
    // printed by the CLI, so one huge field must not cost every row; the caps sit far above what a
    // real value needs. A capped text keeps its start and ends in '…' (U+2026).
    static constexpr qsizetype MaxIdLength = 500;      // longer: the entry is refused, never cut
    static constexpr qsizetype MaxStateLength = 64;    // known states have at most 16
    static constexpr qsizetype MaxNameLength = 500;    // fileName and source; file names are <= 255 bytes
    static constexpr qsizetype MaxReasonLength = 2000; // a message or a short trace, ~25 lines
    // Epochs at or beyond 10000-01-01T00:00:00Z are not times the server meant: unknown.
    static constexpr qint64 MaxEpochMs = 253402300800000;

    QString id;
    QString state;
    QString fileName; // data.metadata.fileName when present
    QString source;   // data.source when present
    QString failedReason;
    qint64 processedOn = 0; // epoch ms; 0 when unknown
    qint64 finishedOn = 0;  // epoch ms; 0 when unknown
    int attempts = -1;      // -1 when unknown
    // failedReason was cut at MaxReasonLength: the single-job answer ("failedReason" of its payload)
    // has the whole text. Sits in the padding after attempts, so a Job does not grow.
    bool reasonTruncated = false;

    // Parses one job of the list or single-job answer; nullopt when it has no usable id.
    // Fields of the wrong type are treated as absent rather than failing the whole job.
    // A usable id is a non-empty string of at most MaxIdLength without U+FFFD (what a repaired
    // invalid UTF-8 byte becomes, see parseJsonBody), or a JSON number that is an exact integer
    // within qint64 (-2^63 excluded); "id" is read only when "jobId" is absent, empty or neither a
    // string nor a number. An id that is present but not usable refuses the entry: a cancel must
    // never address another job. Known limit: QJsonValue does not say how a number was written, so
    // a fraction or exponent literal that Qt rounds to an integer (9007199254740993.0) reads as
    // that integer; integer literals, the form servers write, are exact.
    static std::optional<Job> fromJson(const QJsonObject& object);

    bool operator==(const Job& other) const;
    bool operator!=(const Job& other) const { return !(*this == other); }
};

using JobList = QList<Job>;

} // namespace Alchemyst

// Only implicitly shared strings and plain numbers: moved in memory when a list grows, not copied one by one.
Q_DECLARE_TYPEINFO(Alchemyst::Job, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(Alchemyst::Job)
