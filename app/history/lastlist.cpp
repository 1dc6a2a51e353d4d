#include "lastlist.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThreadPool>
#include <algorithm>
#include <cstring>

Q_LOGGING_CATEGORY(lcLastList, "alchemyst.lastlist", QtWarningMsg)

namespace Alchemyst {

namespace {

constexpr char Magic[8] = {'A', 'J', 'M', 'L', 'A', 'S', 'T', '\n'};
constexpr quint32 Inline = 0xffffffffu;
// Sources are shared by many jobs in the common case (one uploader); past this many distinct ones they are
// written inline, so that the table never costs more than it saves.
constexpr int MaxTableEntries = 65536;

// FNV-1a over 64-bit words: ~5 GB/s here, enough to tell a damaged file from a written one (not a MAC).
quint64 hashOf(const char* data, qsizetype size)
{
    quint64 h = 1469598103934665603ULL;
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word = 0;
        std::memcpy(&word, data + i, 8);
        h = (h ^ word) * 1099511628211ULL;
        h ^= h >> 29;
    }
    for (; i < size; ++i)
        h = (h ^ static_cast<unsigned char>(data[i])) * 1099511628211ULL;
    return h;
}

class Writer
{
public:
    explicit Writer(QByteArray& out)
        : m_out(out)
    {}
    template <typename T>
    void number(T value)
    {
        // Little-endian on every platform this ships for (x86-64, arm64).
        m_out.append(reinterpret_cast<const char*>(&value), sizeof(T));
    }
    void text(const QString& value)
    {
        number<quint32>(static_cast<quint32>(value.size()));
        m_out.append(reinterpret_cast<const char*>(value.constData()),
                     value.size() * static_cast<qsizetype>(sizeof(QChar)));
    }

private:
    QByteArray& m_out;
};

class Reader
{
public:
    Reader(const char* data, qsizetype size)
        : m_data(data)
        , m_size(size)
    {}
    bool ok() const { return m_ok; }
    template <typename T>
    T number()
    {
        T value{};
        if (!need(sizeof(T)))
            return value;
        std::memcpy(&value, m_data + m_at, sizeof(T));
        m_at += sizeof(T);
        return value;
    }
    QString text()
    {
        const auto length = static_cast<qsizetype>(number<quint32>());
        if (!m_ok || length > (m_size - m_at) / 2 || !need(length * 2))
            return {};
        QString value(reinterpret_cast<const QChar*>(m_data + m_at), length);
        m_at += length * 2;
        return value;
    }
    void fail() { m_ok = false; }

private:
    bool need(qsizetype bytes)
    {
        if (m_ok && bytes <= m_size - m_at)
            return true;
        m_ok = false;
        return false;
    }
    const char* m_data;
    qsizetype m_size;
    qsizetype m_at = 0;
    bool m_ok = true;
};

QThreadPool* writerPool()
{
    // One thread, parented to the application so that its last write finishes before the process ends.
    static QThreadPool* pool = [] {
        auto* created = new QThreadPool(QCoreApplication::instance());
        created->setMaxThreadCount(1);
        created->setExpiryTimeout(30 * 1000);
        return created;
    }();
    return pool;
}

bool writeBytes(const QString& filePath, const QByteArray& bytes, QString* error)
{
    QDir().mkpath(QFileInfo(filePath).absolutePath());
    QSaveFile file(filePath);
    // The list names the user's files: for the user alone, like the first sightings.
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || !file.commit()) {
        if (error)
            *error = LastListStore::tr("The last list could not be saved to %1: %2")
                         .arg(QDir::toNativeSeparators(filePath), file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

} // namespace

QString LastListStore::defaultFilePath(const QString& environmentKey)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/last-list/") + environmentKey + QStringLiteral(".bin");
}

QByteArray LastListStore::encode(const JobList& jobs, qint64 asOfMs)
{
    const qsizetype count = std::min<qsizetype>(jobs.size(), MaxJobs);
    QByteArray out;
    out.reserve(64 + count * 48);
    Writer w(out);
    out.append(Magic, sizeof(Magic));
    w.number<quint32>(FormatVersion);
    w.number<qint64>(asOfMs);
    w.number<quint32>(static_cast<quint32>(count));
    // Each state and source is written in full where it first occurs, then by its number.
    QHash<QString, quint32> states;
    QHash<QString, quint32> sources;
    auto shared = [&w](QHash<QString, quint32>& table, const QString& value) {
        const auto it = table.constFind(value);
        if (it != table.constEnd()) {
            w.number<quint32>(it.value());
            return;
        }
        w.number<quint32>(Inline);
        w.text(value);
        if (table.size() < MaxTableEntries)
            table.insert(value, static_cast<quint32>(table.size()));
    };
    for (qsizetype i = 0; i < count; ++i) {
        const Job& job = jobs.at(i);
        w.text(job.id);
        shared(states, job.state);
        w.text(job.fileName);
        shared(sources, job.source);
        w.text(job.failedReason);
        w.number<qint64>(job.processedOn);
        w.number<qint64>(job.finishedOn);
        w.number<qint32>(job.attempts);
        w.number<quint8>(job.reasonTruncated ? 1 : 0);
    }
    w.number<quint64>(hashOf(out.constData(), out.size()));
    return out;
}

LastListStore::Snapshot LastListStore::decode(const QByteArray& bytes)
{
    Snapshot snapshot;
    const qsizetype body = bytes.size() - static_cast<qsizetype>(sizeof(quint64));
    if (body < static_cast<qsizetype>(sizeof(Magic)) ||
        std::memcmp(bytes.constData(), Magic, sizeof(Magic)) != 0) {
        snapshot.problem = tr("it is not a saved job list");
        return snapshot;
    }
    Reader r(bytes.constData() + sizeof(Magic), body - static_cast<qsizetype>(sizeof(Magic)));
    // The version first: another version may lay out (and hash) the rest differently.
    const auto version = r.number<quint32>();
    if (version != FormatVersion) {
        snapshot.problem = tr("it was written by another version of the app (format %1)").arg(version);
        return snapshot;
    }
    quint64 stored = 0;
    std::memcpy(&stored, bytes.constData() + body, sizeof(stored));
    if (stored != hashOf(bytes.constData(), body)) {
        snapshot.problem = tr("it is damaged (its checksum does not match)");
        return snapshot;
    }
    const auto asOfMs = r.number<qint64>();
    const auto count = static_cast<qsizetype>(r.number<quint32>());
    if (!r.ok() || count > MaxJobs) {
        snapshot.problem = tr("it is damaged (a job count of %1)").arg(count);
        return snapshot;
    }
    QList<QString> states;
    QList<QString> sources;
    auto shared = [&r](QList<QString>& table) -> QString {
        const auto index = r.number<quint32>();
        if (index != Inline) {
            if (index < static_cast<quint32>(table.size()))
                return table.at(index);
            r.fail();
            return {};
        }
        QString value = r.text();
        if (table.size() < MaxTableEntries)
            table.append(value);
        return value;
    };
    JobList jobs;
    jobs.reserve(count);
    for (qsizetype i = 0; i < count && r.ok(); ++i) {
        Job job;
        job.id = r.text();
        job.state = shared(states);
        job.fileName = r.text();
        job.source = shared(sources);
        job.failedReason = r.text();
        job.processedOn = r.number<qint64>();
        job.finishedOn = r.number<qint64>();
        job.attempts = r.number<qint32>();
        job.reasonTruncated = r.number<quint8>() != 0;
        if (job.id.isEmpty())
            r.fail(); // never written: a job without an id could not be cancelled or matched
        jobs.append(std::move(job));
    }
    if (!r.ok() || jobs.size() != count) {
        snapshot.problem = tr("it is damaged (it ends too early)");
        return snapshot;
    }
    snapshot.jobs = std::move(jobs);
    snapshot.asOfMs = asOfMs;
    return snapshot;
}

LastListStore::Snapshot LastListStore::read(const QString& filePath)
{
    QFile file(filePath);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        Snapshot snapshot;
        snapshot.problem = tr("The last list %1 could not be read: %2")
                               .arg(QDir::toNativeSeparators(filePath), file.errorString());
        return snapshot;
    }
    Snapshot snapshot = decode(file.readAll());
    if (!snapshot.problem.isEmpty())
        snapshot.problem = tr("The last list %1 was not shown: %2.")
                               .arg(QDir::toNativeSeparators(filePath), snapshot.problem);
    return snapshot;
}

bool LastListStore::write(const QString& filePath, const JobList& jobs, qint64 asOfMs, QString* error)
{
    return writeBytes(filePath, encode(jobs, asOfMs), error);
}

void LastListStore::writeLater(const QString& filePath, const JobList& jobs, qint64 asOfMs)
{
    writerPool()->start([filePath, list = JobList(jobs), asOfMs]() mutable {
        const QByteArray bytes = encode(list, asOfMs);
        list = JobList(); // the UI thread's list is no longer shared: its next change does not copy it
        QString error;
        // Only the next start's first second is poorer for it: a warning, not a banner.
        if (!writeBytes(filePath, bytes, &error))
            qCWarning(lcLastList).noquote() << error;
    });
}

bool LastListStore::waitForWrites(int timeoutMs)
{
    return writerPool()->waitForDone(timeoutMs);
}

} // namespace Alchemyst
