#include "triage/snooze.h"

#include "core/privatefiles.h"
#include "triage/firstseen.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>

namespace Alchemyst {

namespace {

constexpr QFileDevice::Permissions PrivateFile = PrivateFiles::FileMode;
// A snooze file holds a few hundred entries at most; anything far larger is not one of ours.
constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;

// A class for the context, so that lupdate files the texts under the one the runtime looks them up in.
struct Snoozes
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::SnoozeStore)
};

QJsonObject toJson(const Snooze& snooze)
{
    QJsonObject object{{QStringLiteral("id"), snooze.id},
                       {QStringLiteral("state"), snooze.state},
                       {QStringLiteral("snoozedAt"), snooze.snoozedAtMs}};
    if (!snooze.untilStateChanges())
        object.insert(QStringLiteral("until"), snooze.untilMs);
    return object;
}

} // namespace

bool Snooze::covers(const QString& currentState, qint64 nowMs) const
{
    if (currentState.isEmpty() || currentState != state)
        return false;
    return untilStateChanges() || nowMs < untilMs;
}

SnoozeStore::SnoozeStore(const QString& filePath)
    : m_filePath(filePath)
{}

QString SnoozeStore::defaultFilePath(const QString& environmentName, const QUrl& serverUrl)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/snooze/") + triageEnvironmentKey(environmentName, serverUrl) +
           QStringLiteral(".json");
}

void SnoozeStore::snooze(const QString& id, const QString& state, qint64 nowMs, qint64 forMs)
{
    if (id.isEmpty())
        return;
    Snooze snooze;
    snooze.id = id;
    snooze.state = state;
    snooze.snoozedAtMs = nowMs;
    snooze.untilMs = forMs > 0 ? nowMs + forMs : 0;
    m_entries.insert(id, snooze);
    m_changes.append({id, snooze});
}

bool SnoozeStore::unsnooze(const QString& id)
{
    if (!m_entries.remove(id))
        return false;
    m_changes.append({id, std::nullopt});
    return true;
}

std::optional<Snooze> SnoozeStore::find(const QString& id) const
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.constEnd())
        return std::nullopt;
    return *it;
}

bool SnoozeStore::isSnoozed(const QString& id, const QString& state, qint64 nowMs) const
{
    const auto it = m_entries.constFind(id);
    return it != m_entries.constEnd() && it->covers(state, nowMs);
}

SnoozeStore::ReadStatus SnoozeStore::read(QHash<QString, Snooze>* entries, QString* why) const
{
    QFile file(m_filePath);
    if (!file.exists())
        return ReadStatus::Missing;
    if (!file.open(QIODevice::ReadOnly)) {
        *why = file.errorString();
        return ReadStatus::Unreadable;
    }
    if (file.size() > MaxFileBytes) {
        *why = Snoozes::tr("it is larger than a snooze file can be");
        return ReadStatus::Damaged;
    }
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *why = Snoozes::tr("it is not a whole snooze file (%1)").arg(parseError.errorString());
        return ReadStatus::Damaged;
    }
    const QJsonObject root = document.object();
    const int version = root.value(QStringLiteral("version")).toInt(0);
    if (version > FileVersion) {
        *why = Snoozes::tr("it was written by a newer version of the app");
        return ReadStatus::Newer;
    }
    if (version < 1 || !root.value(QStringLiteral("snoozes")).isArray()) {
        *why = Snoozes::tr("it is not a snooze file");
        return ReadStatus::Damaged;
    }
    for (const QJsonValue& value : root.value(QStringLiteral("snoozes")).toArray()) {
        const QJsonObject object = value.toObject();
        Snooze snooze;
        snooze.id = object.value(QStringLiteral("id")).toString();
        snooze.state = object.value(QStringLiteral("state")).toString();
        snooze.snoozedAtMs = object.value(QStringLiteral("snoozedAt")).toInteger();
        snooze.untilMs = object.value(QStringLiteral("until")).toInteger();
        if (snooze.id.isEmpty() || snooze.state.isEmpty()) {
            *why = Snoozes::tr("an entry has no job id or state");
            return ReadStatus::Damaged;
        }
        entries->insert(snooze.id, snooze);
    }
    return ReadStatus::Ok;
}

bool SnoozeStore::moveAside(const QString& suffix, QString* movedTo, QString* why) const
{
    QString target = m_filePath + QLatin1Char('.') + suffix;
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    for (int n = 1; QFileInfo::exists(target) && n < 1000; ++n) {
        target = m_filePath + QLatin1Char('.') + suffix + QLatin1Char('-') + stamp +
                 (n > 1 ? QLatin1Char('-') + QString::number(n) : QString());
    }
    QFile file(m_filePath);
    if (!file.rename(target)) { // never replaces an existing file
        *why = file.errorString();
        return false;
    }
    QFile::setPermissions(target, PrivateFile);
    *movedTo = target;
    return true;
}

bool SnoozeStore::fail(const QString& why, QString* error)
{
    m_error = why;
    if (error)
        *error = why;
    return false;
}

bool SnoozeStore::load(QString* error)
{
    m_entries.clear();
    m_changes.clear();
    m_error.clear();
    m_keepFile = false;
    if (m_filePath.isEmpty())
        return true;
    QHash<QString, Snooze> entries;
    QString why;
    const ReadStatus status = read(&entries, &why);
    const QString file = QDir::toNativeSeparators(m_filePath);
    switch (status) {
    case ReadStatus::Ok:
        m_entries = entries;
        return true;
    case ReadStatus::Missing:
        return true;
    case ReadStatus::Unreadable:
        m_keepFile = true;
        return fail(Snoozes::tr("The snoozes in %1 cannot be read: %2").arg(file, why), error);
    case ReadStatus::Damaged:
    case ReadStatus::Newer: {
        QString movedTo;
        QString moveError;
        if (!moveAside(status == ReadStatus::Newer ? QStringLiteral("newer") : QStringLiteral("damaged"),
                       &movedTo, &moveError)) {
            m_keepFile = true;
            return fail(Snoozes::tr("The snoozes in %1 cannot be used (%2), and the file cannot be moved "
                                    "aside (%3): it is kept as it is.")
                            .arg(file, why, moveError),
                        error);
        }
        return fail(Snoozes::tr("The snoozes in %1 could not be used (%2); the file was kept as %3.")
                        .arg(file, why, QDir::toNativeSeparators(movedTo)),
                    error);
    }
    }
    return true;
}

bool SnoozeStore::save(QString* error)
{
    if (m_filePath.isEmpty() || m_changes.isEmpty())
        return true;
    if (m_keepFile)
        return fail(Snoozes::tr("The snoozes were not saved: %1 could not be read when it was loaded, and "
                                "is not replaced.")
                        .arg(QDir::toNativeSeparators(m_filePath)),
                    error);
    if (!PrivateFiles::makeFolder(QFileInfo(m_filePath).absolutePath()))
        return fail(Snoozes::tr("The snoozes were not saved: the folder %1 cannot be created.")
                        .arg(QDir::toNativeSeparators(QFileInfo(m_filePath).absolutePath())),
                    error);
    // What another process saved since this one read the file stays; this store's changes go on top.
    QHash<QString, Snooze> merged;
    QString why;
    const ReadStatus status = read(&merged, &why);
    QString notice;
    if (status == ReadStatus::Unreadable)
        return fail(Snoozes::tr("The snoozes were not saved: %1 cannot be read (%2).")
                        .arg(QDir::toNativeSeparators(m_filePath), why),
                    error);
    if (status == ReadStatus::Damaged || status == ReadStatus::Newer) {
        QString movedTo;
        QString moveError;
        if (!moveAside(status == ReadStatus::Newer ? QStringLiteral("newer") : QStringLiteral("damaged"),
                       &movedTo, &moveError))
            return fail(
                Snoozes::tr("The snoozes were not saved: %1 cannot be used (%2) nor moved aside (%3).")
                    .arg(QDir::toNativeSeparators(m_filePath), why, moveError),
                error);
        notice = Snoozes::tr("The snoozes in %1 could not be used (%2); the file was kept as %3.")
                     .arg(QDir::toNativeSeparators(m_filePath), why, QDir::toNativeSeparators(movedTo));
        merged.clear();
    }
    for (const Change& change : std::as_const(m_changes)) {
        if (change.snooze)
            merged.insert(change.id, *change.snooze);
        else
            merged.remove(change.id);
    }
    QList<Snooze> list = merged.values();
    // A stable order, so that a person comparing two files sees what changed.
    std::sort(list.begin(), list.end(), [](const Snooze& a, const Snooze& b) {
        return a.snoozedAtMs != b.snoozedAtMs ? a.snoozedAtMs < b.snoozedAtMs : a.id < b.id;
    });
    QJsonArray array;
    for (const Snooze& snooze : std::as_const(list))
        array.append(toJson(snooze));
    const QByteArray bytes = QJsonDocument(QJsonObject{{QStringLiteral("version"), FileVersion},
                                                       {QStringLiteral("snoozes"), array}})
                                 .toJson(QJsonDocument::Indented);
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString(), error);
    // QSaveFile gives a new file the umask's mode and a replacement the old file's: neither is private.
    if (!file.setPermissions(PrivateFile) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(Snoozes::tr("The snoozes were not saved to %1: %2")
                        .arg(QDir::toNativeSeparators(m_filePath), file.errorString()),
                    error);
    m_entries = merged;
    m_changes.clear();
    if (!notice.isEmpty())
        return fail(notice, error);
    m_error.clear();
    return true;
}

} // namespace Alchemyst
