#include "job.h"

#include "api/jsonbody.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <limits>

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

// QJsonValue::toInteger() answers its default both for 0 and for a number that is no qint64
// (a fraction, beyond the range, NaN): asking with two defaults tells them apart, and no double is
// ever cast by hand.
bool exactInteger(const QJsonValue& value, qint64* out)
{
    if (!value.isDouble())
        return false;
    const qint64 number = value.toInteger(0);
    if (number == 0 && value.toInteger(1) != 0)
        return false;
    *out = number;
    return true;
}

enum class IdRead
{
    Absent,
    Usable,
    Refused,
};

IdRead readId(const QJsonValue& value, QString* id)
{
    if (value.isString()) {
        QString text = value.toString();
        if (text.isEmpty())
            return IdRead::Absent;
        // A cut id, or one whose invalid bytes were replaced, would name another job; so would one holding
        // a lone surrogate ("\ud800"), which UTF-8 (a URL, the journal, --json) can only write as U+FFFD.
        if (text.size() > Job::MaxIdLength || text.contains(QChar(QChar::ReplacementCharacter)) ||
            !text.isValidUtf16())
            return IdRead::Refused;
        *id = std::move(text);
        return IdRead::Usable;
    }
    if (value.isDouble()) {
        qint64 number = 0;
        // Qt keeps integer literals that fit qint64 exactly, but rounds "-9223372036854775809" and
        // its neighbours to the double -2^63, which then fits: that one value cannot be trusted.
        if (!exactInteger(value, &number) || number == std::numeric_limits<qint64>::min())
            return IdRead::Refused;
        *id = QString::number(number);
        return IdRead::Usable;
    }
    return IdRead::Absent;
}

qint64 epochMs(const QJsonValue& value)
{
    if (value.isDouble()) {
        // Checked before the cast: casting a double outside qint64 is undefined behaviour. NaN
        // fails both comparisons. Integers below MaxEpochMs (< 2^53) are exact as doubles; a
        // fraction of a millisecond is dropped.
        const double number = value.toDouble();
        return number > 0 && number < static_cast<double>(Job::MaxEpochMs) ? static_cast<qint64>(number) : 0;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        return ok && number > 0 && number < Job::MaxEpochMs ? number : 0;
    }
    return 0;
}

// Keeps the start of an over-long text and marks the cut with '…', never splitting a surrogate pair.
// left() copies into an exact allocation, so a 5 MB value does not stay behind as capacity.
QString capped(const QString& text, qsizetype max, bool* truncated = nullptr)
{
    if (text.size() <= max)
        return text;
    qsizetype keep = max - 1;
    if (keep > 0 && text.at(keep - 1).isHighSurrogate())
        --keep;
    if (truncated)
        *truncated = true;
    return text.left(keep) + QChar(0x2026);
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

namespace {

// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct States
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::StateCategory)
};

} // namespace

QString categoryName(StateCategory category)
{
    switch (category) {
    case StateCategory::Waiting:
        return States::tr("Waiting");
    case StateCategory::Delayed:
        return States::tr("Delayed");
    case StateCategory::Active:
        return States::tr("Active");
    case StateCategory::Completed:
        return States::tr("Completed");
    case StateCategory::Failed:
        return States::tr("Failed");
    case StateCategory::Cancelled:
        return States::tr("Cancelled");
    case StateCategory::Other:
        return States::tr("Other");
    }
    return States::tr("Other");
}

bool isCancellableState(const QString& state)
{
    const StateCategory category = categoryOf(state);
    return category == StateCategory::Waiting || category == StateCategory::Delayed;
}

std::optional<Job> Job::fromJson(const QJsonObject& object)
{
    Job job;
    IdRead idRead = readId(object.value(QLatin1String("jobId")), &job.id);
    if (idRead == IdRead::Absent)
        idRead = readId(object.value(QLatin1String("id")), &job.id);
    if (idRead != IdRead::Usable)
        return std::nullopt;

    // Read once: each toString() makes a new QString from the parsed bytes.
    const QString status = object.value(QLatin1String("status")).toString();
    job.state = !status.isEmpty() ? internedState(capped(status, MaxStateLength)) : QStringLiteral("unknown");

    qint64 attempts = 0;
    if (exactInteger(object.value(QLatin1String("attemptsMade")), &attempts) && attempts >= 0 &&
        attempts < 1000000000)
        job.attempts = static_cast<int>(attempts);

    job.processedOn = epochMs(object.value(QLatin1String("processedOn")));
    job.finishedOn = epochMs(object.value(QLatin1String("finishedOn")));

    const QJsonValue reason = object.value(QLatin1String("failedReason"));
    if (reason.isString())
        job.failedReason = capped(reason.toString(), MaxReasonLength, &job.reasonTruncated);

    const QJsonValue data = object.value(QLatin1String("data"));
    if (data.isObject()) {
        const QJsonObject dataObject = data.toObject();
        const QJsonValue source = dataObject.value(QLatin1String("source"));
        if (source.isString())
            job.source = capped(source.toString(), MaxNameLength);
        const QJsonValue metadata = dataObject.value(QLatin1String("metadata"));
        if (metadata.isObject()) {
            const QJsonValue fileName = metadata.toObject().value(QLatin1String("fileName"));
            if (fileName.isString())
                job.fileName = capped(fileName.toString(), MaxNameLength);
        }
    }
    return job;
}

bool Job::operator==(const Job& other) const
{
    return id == other.id && state == other.state && attempts == other.attempts &&
           processedOn == other.processedOn && finishedOn == other.finishedOn &&
           failedReason == other.failedReason && reasonTruncated == other.reasonTruncated &&
           fileName == other.fileName && source == other.source;
}

} // namespace Alchemyst
