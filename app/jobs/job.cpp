#include "job.h"

#include <QJsonValue>

namespace Alchemyst {

namespace {

// Most jobs share a handful of states: hand out one shared string per known state so that 100,000
// jobs do not carry 100,000 copies of "completed".
QString internedState(const QString& state)
{
    static const QString known[] = {
        QStringLiteral("waiting"),     QStringLiteral("delayed"),          QStringLiteral("active"),
        QStringLiteral("completed"),   QStringLiteral("failed"),           QStringLiteral("cancelled"),
        QStringLiteral("prioritized"), QStringLiteral("waiting-children"), QStringLiteral("unknown"),
    };
    for (const QString& candidate : known) {
        if (candidate == state)
            return candidate;
    }
    return state;
}

QString stringOrNumber(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == static_cast<double>(static_cast<qint64>(number)))
            return QString::number(static_cast<qint64>(number));
        return QString::number(number, 'g', 17);
    }
    return {};
}

qint64 epochMs(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        return number > 0 && number < 1e15 ? static_cast<qint64>(number) : 0;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        return ok && number > 0 ? number : 0;
    }
    return 0;
}

} // namespace

StateCategory categoryOf(const QString& state)
{
    if (state == QLatin1String("waiting"))
        return StateCategory::Waiting;
    if (state == QLatin1String("delayed"))
        return StateCategory::Delayed;
    if (state == QLatin1String("active"))
        return StateCategory::Active;
    if (state == QLatin1String("completed"))
        return StateCategory::Completed;
    if (state == QLatin1String("failed"))
        return StateCategory::Failed;
    if (state == QLatin1String("cancelled"))
        return StateCategory::Cancelled;
    return StateCategory::Other;
}

QString categoryName(StateCategory category)
{
    switch (category) {
    case StateCategory::Waiting:
        return QStringLiteral("Waiting");
    case StateCategory::Delayed:
        return QStringLiteral("Delayed");
    case StateCategory::Active:
        return QStringLiteral("Active");
    case StateCategory::Completed:
        return QStringLiteral("Completed");
    case StateCategory::Failed:
        return QStringLiteral("Failed");
    case StateCategory::Cancelled:
        return QStringLiteral("Cancelled");
    case StateCategory::Other:
        return QStringLiteral("Other");
    }
    return QStringLiteral("Other");
}

bool isCancellableState(const QString& state)
{
    const StateCategory category = categoryOf(state);
    return category == StateCategory::Waiting || category == StateCategory::Delayed;
}

std::optional<Job> Job::fromJson(const QJsonObject& object)
{
    Job job;
    job.id = stringOrNumber(object.value(QLatin1String("jobId")));
    if (job.id.isEmpty())
        job.id = stringOrNumber(object.value(QLatin1String("id")));
    if (job.id.isEmpty())
        return std::nullopt;

    const QJsonValue status = object.value(QLatin1String("status"));
    job.state = status.isString() && !status.toString().isEmpty() ? internedState(status.toString())
                                                                  : QStringLiteral("unknown");

    const QJsonValue attempts = object.value(QLatin1String("attemptsMade"));
    if (attempts.isDouble() && attempts.toDouble() >= 0 && attempts.toDouble() < 1e9)
        job.attempts = static_cast<int>(attempts.toDouble());

    job.processedOn = epochMs(object.value(QLatin1String("processedOn")));
    job.finishedOn = epochMs(object.value(QLatin1String("finishedOn")));

    const QJsonValue reason = object.value(QLatin1String("failedReason"));
    if (reason.isString())
        job.failedReason = reason.toString();

    const QJsonValue data = object.value(QLatin1String("data"));
    if (data.isObject()) {
        const QJsonObject dataObject = data.toObject();
        const QJsonValue source = dataObject.value(QLatin1String("source"));
        if (source.isString())
            job.source = source.toString();
        const QJsonValue metadata = dataObject.value(QLatin1String("metadata"));
        if (metadata.isObject()) {
            const QJsonValue fileName = metadata.toObject().value(QLatin1String("fileName"));
            if (fileName.isString())
                job.fileName = fileName.toString();
        }
    }
    return job;
}

QJsonObject Job::toJson() const
{
    const auto orNull = [](const QString& text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    const auto msOrNull = [](qint64 ms) {
        return ms > 0 ? QJsonValue(static_cast<double>(ms)) : QJsonValue();
    };
    QJsonObject object;
    object.insert(QStringLiteral("jobId"), id);
    object.insert(QStringLiteral("status"), state);
    object.insert(QStringLiteral("attemptsMade"), attempts >= 0 ? QJsonValue(attempts) : QJsonValue());
    object.insert(QStringLiteral("processedOn"), msOrNull(processedOn));
    object.insert(QStringLiteral("finishedOn"), msOrNull(finishedOn));
    object.insert(QStringLiteral("failedReason"), orNull(failedReason));
    object.insert(QStringLiteral("fileName"), orNull(fileName));
    object.insert(QStringLiteral("source"), orNull(source));
    return object;
}

bool Job::operator==(const Job& other) const
{
    return id == other.id && state == other.state && attempts == other.attempts &&
           processedOn == other.processedOn && finishedOn == other.finishedOn &&
           failedReason == other.failedReason && fileName == other.fileName && source == other.source;
}

} // namespace Alchemyst
