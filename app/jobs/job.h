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
    QString id;
    QString state;
    QString fileName; // data.metadata.fileName when present
    QString source;   // data.source when present
    QString failedReason;
    qint64 processedOn = 0; // epoch ms; 0 when unknown
    qint64 finishedOn = 0;  // epoch ms; 0 when unknown
    int attempts = -1;      // -1 when unknown

    // Parses one job of the list or single-job answer; nullopt when it has no usable id.
    // Fields of the wrong type are treated as absent rather than failing the whole job.
    static std::optional<Job> fromJson(const QJsonObject& object);
    QJsonObject toJson() const; // the CLI's --json shape

    bool operator==(const Job& other) const;
    bool operator!=(const Job& other) const { return !(*this == other); }
};

using JobList = QList<Job>;

} // namespace Alchemyst

Q_DECLARE_METATYPE(Alchemyst::Job)
