#include "historystore.h"

#include "history/runhistogram.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>
#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

namespace Alchemyst {

Q_LOGGING_CATEGORY(lcHistory, "alchemyst.history", QtWarningMsg)

namespace {

// SQLite's primary result codes (the driver reports them, extended or not, as nativeErrorCode()).
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteReadOnly = 8;
constexpr int SqliteIoErr = 10;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteFull = 13;
constexpr int SqliteCantOpen = 14;
constexpr int SqliteNotADb = 26;

constexpr size_t JsonSliceRows = 20000;

int primaryCode(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

// The bucket tables' depth columns, in StateCategory order.
const char* const DepthColumns[StateCategoryCount] = {"d_waiting", "d_delayed",   "d_active", "d_completed",
                                                      "d_failed",  "d_cancelled", "d_other"};
// The passes table's count columns, in StateCategory order.
const char* const CountColumns[StateCategoryCount] = {"c_waiting", "c_delayed",   "c_active", "c_completed",
                                                      "c_failed",  "c_cancelled", "c_other"};

QString joined(const char* const (&names)[StateCategoryCount], const char* prefix = "",
               const char* suffix = "")
{
    QStringList parts;
    for (const char* name : names)
        parts << QLatin1String(prefix) + QLatin1String(name) + QLatin1String(suffix);
    return parts.join(QLatin1String(", "));
}

QString bucketTableSql(QLatin1String table)
{
    QString columns;
    for (const char* name : DepthColumns)
        columns += QLatin1String(", ") + QLatin1String(name) + QLatin1String(" INTEGER");
    // WITHOUT ROWID: the key is the only way in, and a row is small.
    return QLatin1String("CREATE TABLE ") + table +
           QLatin1String(
               "(env INTEGER NOT NULL, start INTEGER NOT NULL, completed INTEGER NOT NULL DEFAULT 0, "
               "failed INTEGER NOT NULL DEFAULT 0, runtimes BLOB, passes INTEGER NOT NULL DEFAULT 0, "
               "incomplete INTEGER NOT NULL DEFAULT 0, covered INTEGER NOT NULL DEFAULT 0, "
               "depth_at INTEGER") +
           columns + QLatin1String(", PRIMARY KEY(env, start)) WITHOUT ROWID");
}

qint64 floorTo(qint64 ms, qint64 unit)
{
    const qint64 q = ms / unit;
    return (ms % unit < 0 ? q - 1 : q) * unit;
}

QString asideStamp()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

QAtomicInteger<quint64> s_connectionCounter;

// BullMQ's ids are decimal numbers: stored as integers they take 4 bytes where the text takes 8, in the
// row and again in the index. Only the canonical spelling (no sign, no leading zero) becomes a number, so
// that reading it back gives the same text; the column has no affinity, so SQLite keeps each as given.
struct JobKey
{
    qint64 number = 0;
    bool numeric = false;
};

JobKey jobKey(const QString& id)
{
    JobKey key;
    const qsizetype length = id.size();
    if (length == 0 || length > 18 || (length > 1 && id.at(0) == QLatin1Char('0')))
        return key;
    qint64 value = 0;
    for (const QChar c : id) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return key;
        value = value * 10 + (c.unicode() - '0');
    }
    key.number = value;
    key.numeric = true;
    return key;
}

QVariant jobValue(const QString& id)
{
    const JobKey key = jobKey(id);
    return key.numeric ? QVariant(key.number) : QVariant(id);
}

void appendJobJson(QByteArray& out, const QString& id, const JobKey& key)
{
    if (key.numeric) {
        out += QByteArray::number(key.number);
        return;
    }
    out += '"';
    const QByteArray utf8 = id.toUtf8();
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

void appendNullable(QByteArray& out, qint64 value)
{
    if (value > 0)
        out += QByteArray::number(value);
    else
        out += "null";
}

} // namespace

int HistoryBucket::backlog() const
{
    if (!hasDepth())
        return -1;
    return depth[static_cast<int>(StateCategory::Waiting)] + depth[static_cast<int>(StateCategory::Delayed)];
}

// One row of the minutes or hours table, as read or about to be written.
struct HistoryStore::Bucket
{
    int completed = 0;
    int failed = 0;
    RunHistogram runtimes;
    int passes = 0;
    int incomplete = 0;
    bool covered = false;
    qint64 depthAt = -1; // -1: no depth
    std::array<int, StateCategoryCount> depth{};

    void merge(const Bucket& other)
    {
        completed += other.completed;
        failed += other.failed;
        runtimes.merge(other.runtimes);
        passes += other.passes;
        incomplete += other.incomplete;
        covered = covered || other.covered;
        if (other.depthAt >= 0 && other.depthAt >= depthAt) {
            depthAt = other.depthAt;
            depth = other.depth;
        }
    }

    // Columns from `first`: completed, failed, runtimes, passes, incomplete, covered, depth_at, d_*.
    static Bucket read(const QSqlQuery& query, int first)
    {
        Bucket bucket;
        bucket.completed = query.value(first).toInt();
        bucket.failed = query.value(first + 1).toInt();
        bucket.runtimes = RunHistogram::fromBlob(query.value(first + 2).toByteArray());
        bucket.passes = query.value(first + 3).toInt();
        bucket.incomplete = query.value(first + 4).toInt();
        bucket.covered = query.value(first + 5).toInt() != 0;
        const QVariant at = query.value(first + 6);
        bucket.depthAt = at.isNull() ? -1 : at.toLongLong();
        for (int i = 0; i < StateCategoryCount; ++i)
            bucket.depth[i] = query.value(first + 7 + i).toInt();
        return bucket;
    }
};

// Prepared once per connection: a pass's ten thousand changes bind and step, they are not parsed again.
struct HistoryStore::Statements
{
    explicit Statements(const QSqlDatabase& db)
        : insertPass(db)
        , insertChanges(db)
        , findCompletions(db)
        , minuteRuntimes(db)
        , upsertMinuteCounts(db)
        , upsertMinuteCovered(db)
        , upsertMinutePass(db)
        , selectEnvironment(db)
        , insertEnvironment(db)
        , selectState(db)
        , insertState(db)
    {}
    QSqlQuery insertPass;
    QSqlQuery insertChanges;
    QSqlQuery findCompletions;
    QSqlQuery minuteRuntimes;
    QSqlQuery upsertMinuteCounts;
    QSqlQuery upsertMinuteCovered;
    QSqlQuery upsertMinutePass;
    QSqlQuery selectEnvironment;
    QSqlQuery insertEnvironment;
    QSqlQuery selectState;
    QSqlQuery insertState;
};

QString HistoryStore::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/history.sqlite");
}

HistoryStore::HistoryStore(const QString& filePath, IntegrityCheck check)
    : m_filePath(filePath)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_check(check)
{
    m_connectionName = QStringLiteral("ajm-history-%1-%2")
                           .arg(QCoreApplication::applicationPid())
                           .arg(s_connectionCounter.fetchAndAddRelaxed(1));
    open();
}

HistoryStore::~HistoryStore()
{
    close();
}

void HistoryStore::setClock(std::function<qint64()> clock)
{
    m_clock = clock ? std::move(clock)
                    : std::function<qint64()>([] { return QDateTime::currentMSecsSinceEpoch(); });
}

void HistoryStore::close()
{
    m_statements.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
    m_environmentIds.clear();
    m_stateIds.clear();
    m_stateNames.clear();
}

void HistoryStore::open()
{
    close();
    const QString native = QDir::toNativeSeparators(m_filePath);
    const QFileInfo info(m_filePath);
    const QString directory = info.absolutePath();
    const bool created = !QFileInfo::exists(directory);
    if (!QDir().mkpath(directory)) {
        m_openProblem = tr("The history %1 could not be opened: its folder could not be created. Nothing "
                           "will be recorded.")
                            .arg(native);
        return;
    }
    // The history says which jobs of which servers ran when: the user's alone. Its folder is made so when
    // this made it or it is the app's own data folder; a folder given from elsewhere (a test's, /tmp) is left
    // be.
    if (created || directory == QFileInfo(defaultFilePath()).absolutePath())
        QFile::setPermissions(directory,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (!ensureFile())
        return;

    QString why;
    int foundVersion = 0;
    if (openAndCheck(&why, &foundVersion)) {
        QString error;
        if (migrate(foundVersion, &error) && prepareStatements()) {
            m_open = true;
            return;
        }
        if (error.isEmpty())
            error = m_db.lastError().text();
        close();
        m_openProblem =
            tr("The history %1 could not be opened: %2. Nothing will be recorded.").arg(native, error);
        return;
    }
    close();
    if (why.isEmpty()) // could not be read at all (no driver, permissions): nothing to keep aside
        return;

    const bool newer = foundVersion > SchemaVersion;
    QString renameError;
    const QString aside =
        keepAside(newer ? QStringLiteral("newer-") + asideStamp() : QStringLiteral("damaged-") + asideStamp(),
                  &renameError);
    if (aside.isEmpty()) {
        m_openProblem = tr("The history %1 cannot be used (%2) and could not be moved aside: %3. It was left "
                           "as it is and nothing will be recorded.")
                            .arg(native, why, renameError);
        return;
    }
    const QString asideNative = QDir::toNativeSeparators(aside);
    if (newer) {
        m_openProblem = tr("The history %1 was written by a newer version of this app (schema %2; this one "
                           "knows %3). It was kept aside as %4 and a new history was started.")
                            .arg(native)
                            .arg(foundVersion)
                            .arg(SchemaVersion)
                            .arg(asideNative);
    } else {
        m_openProblem = tr("The history %1 was damaged (%2). It was kept aside as %3 and a new history was "
                           "started.")
                            .arg(native, why, asideNative);
    }
    qCWarning(lcHistory).noquote() << m_openProblem;
    const QString keptAside = m_openProblem;
    QString error;
    int fresh = 0;
    if (ensureFile() && openAndCheck(&error, &fresh) && migrate(fresh, &error) && prepareStatements()) {
        m_open = true;
        return;
    }
    if (error.isEmpty())
        error = m_db.lastError().text();
    close();
    m_openProblem = keptAside + QLatin1Char(' ') +
                    tr("The new one could not be opened either: %1. Nothing will be recorded.").arg(error);
}

// SQLite gives its -wal and -shm files the database file's mode, so creating that one 0600 covers all three.
// NewOnly: a second process starting at the same moment must never truncate the first one's file.
bool HistoryStore::ensureFile()
{
    if (!QFileInfo::exists(m_filePath)) {
        QFile file(m_filePath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                       QFileDevice::ReadOwner | QFileDevice::WriteOwner) &&
            !QFileInfo::exists(m_filePath)) {
            m_openProblem = tr("The history %1 could not be created: %2. Nothing will be recorded.")
                                .arg(QDir::toNativeSeparators(m_filePath), file.errorString());
            return false;
        }
    }
    QFile::setPermissions(m_filePath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

// Opens the connection and checks the file: false with *why set when it is not a usable history (not a
// database, damaged, newer); false with *why empty and m_openProblem set when it could not be opened.
bool HistoryStore::openAndCheck(QString* why, int* foundVersion)
{
    why->clear();
    *foundVersion = 0;
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid()) {
        m_openProblem = tr("The history cannot be kept: Qt's SQLite driver (QSQLITE) is not installed. "
                           "Nothing will be recorded.");
        return false;
    }
    m_db.setDatabaseName(m_filePath);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
    if (!m_db.open()) {
        m_openProblem = tr("The history %1 could not be opened: %2. Nothing will be recorded.")
                            .arg(QDir::toNativeSeparators(m_filePath), m_db.lastError().text());
        return false;
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        const QSqlError error = query.lastError();
        const int code = primaryCode(error);
        if (code == SqliteNotADb || code == SqliteCorrupt) {
            *why = tr("it is not a database");
        } else {
            m_openProblem = tr("The history %1 could not be read: %2. Nothing will be recorded.")
                                .arg(QDir::toNativeSeparators(m_filePath), error.text());
        }
        return false;
    }
    *foundVersion = query.value(0).toInt();
    query.finish();
    if (*foundVersion > SchemaVersion) {
        *why = tr("a newer schema");
        return false;
    }
    if (*foundVersion == 0) {
        // A database this code has never migrated must be empty: anything else is someone else's file.
        if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next()) {
            *why = tr("it is not a database");
            return false;
        }
        if (query.value(0).toInt() != 0) {
            *why = tr("it holds tables of another program");
            return false;
        }
        query.finish();
    } else {
        // Page 1 and the schema: what any use of the file reads first.
        if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next()) {
            *why = tr("its schema could not be read: %1").arg(query.lastError().text());
            return false;
        }
        query.finish();
        qint64 lastCheck = 0;
        if (query.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'lastCheck'")) && query.next())
            lastCheck = query.value(0).toLongLong();
        query.finish();
        const qint64 wallClock = QDateTime::currentMSecsSinceEpoch();
        const bool due = m_check == IntegrityCheck::Always || QFileInfo::exists(checkMarkerPath()) ||
                         qAbs(wallClock - lastCheck) >= CheckIntervalMs;
        if (due) {
            // quick_check: integrity_check without cross-checking every index entry against its row, the
            // part that grows faster than the file.
            if (!query.exec(QStringLiteral("PRAGMA quick_check")) || !query.next()) {
                *why = tr("its check could not run: %1").arg(query.lastError().text());
                return false;
            }
            const QString verdict = query.value(0).toString();
            query.finish();
            if (verdict != QLatin1String("ok")) {
                *why = tr("its check found: %1").arg(verdict.left(200));
                return false;
            }
            // Another process may hold the write lock for a moment; a check not noted is only run again.
            if (query.exec(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('lastCheck', %1)")
                               .arg(wallClock)))
                QFile::remove(checkMarkerPath());
            query.finish();
        }
    }
    const QStringList pragmas = {
        QStringLiteral("PRAGMA busy_timeout = %1").arg(BusyTimeoutMs),
        QStringLiteral("PRAGMA journal_mode = WAL"),
        // In WAL, NORMAL loses nothing on a crash of the app, only possibly the last commits on a power loss,
        // and it keeps a commit free of fsync.
        QStringLiteral("PRAGMA synchronous = NORMAL"),
        // After a checkpoint the WAL file is cut back to this, so a big prune does not leave it large.
        QStringLiteral("PRAGMA journal_size_limit = 16777216"),
        QStringLiteral("PRAGMA cache_size = -16384"),
        // Pages read through a mapping instead of a read() each: a pass touches index pages all over a large
        // file. Address space only; the kernel's page cache holds the pages either way.
        QStringLiteral("PRAGMA mmap_size = 268435456"),
    };
    for (const QString& pragma : pragmas) {
        if (!query.exec(pragma)) {
            m_openProblem = tr("The history %1 could not be set up: %2. Nothing will be recorded.")
                                .arg(QDir::toNativeSeparators(m_filePath), query.lastError().text());
            return false;
        }
        query.finish();
    }
    if (m_sizeLimit > 0)
        setSizeLimit(m_sizeLimit);
    return true;
}

// Brings the schema from fromVersion to SchemaVersion, one step per version, each in the same transaction
// that sets user_version: a second process waits, then sees the new version and does nothing.
bool HistoryStore::migrate(int fromVersion, QString* error)
{
    if (fromVersion >= SchemaVersion)
        return true;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error = query.lastError().text();
        return false;
    }
    int version = fromVersion;
    if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
        version = query.value(0).toInt();
    query.finish();
    QStringList steps;
    if (version < 1) {
        steps << QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER) WITHOUT ROWID")
              << QStringLiteral("CREATE TABLE environments(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)")
              << QStringLiteral("CREATE TABLE states(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
              << QStringLiteral(
                     "CREATE TABLE passes(env INTEGER NOT NULL, started INTEGER NOT NULL, ended "
                     "INTEGER NOT NULL, complete INTEGER NOT NULL, requests INTEGER NOT NULL, jobs "
                     "INTEGER NOT NULL, ") +
                     joined(CountColumns, "", " INTEGER NOT NULL") + QLatin1Char(')')
              << QStringLiteral("CREATE INDEX passes_ended ON passes(env, ended)")
              // A rowid table appended in time order: pruning by age drops a range at its head. States are
              // ids into `states` (NULL: not known / gone), times NULL when unknown: a row is ~30 bytes.
              << QStringLiteral("CREATE TABLE changes(env INTEGER NOT NULL, job NOT NULL, from_state "
                                "INTEGER, to_state INTEGER, observed INTEGER NOT NULL, processed INTEGER, "
                                "finished INTEGER)")
              << QStringLiteral("CREATE INDEX changes_job ON changes(env, job)")
              << bucketTableSql(QLatin1String("minutes")) << bucketTableSql(QLatin1String("hours"));
        // Later versions add their steps here: if (version < 2) steps << …;
    }
    steps << QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('lastCheck', %1)")
                 .arg(QDateTime::currentMSecsSinceEpoch())
          << QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion);
    for (const QString& step : steps) {
        if (!query.exec(step)) {
            *error = query.lastError().text();
            qCWarning(lcHistory) << "migration failed:" << step << *error;
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

bool HistoryStore::prepareStatements()
{
    m_statements = std::make_unique<Statements>(m_db);
    Statements& s = *m_statements;
    const QString depthColumns = joined(DepthColumns);
    QString depthUpdates;
    for (const char* name : DepthColumns) {
        const QLatin1String column(name);
        depthUpdates += QLatin1String(", ") + column +
                        QLatin1String(" = CASE WHEN depth_at IS NULL OR excluded.depth_at >= depth_at THEN "
                                      "excluded.") +
                        column + QLatin1String(" ELSE ") + column + QLatin1String(" END");
    }
    const bool ok =
        s.insertPass.prepare(
            QStringLiteral("INSERT INTO passes(env, started, ended, complete, requests, jobs, ") +
            joined(CountColumns) + QStringLiteral(") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) &&
        s.insertChanges.prepare(QStringLiteral(
            "INSERT INTO changes(env, job, from_state, to_state, observed, processed, finished) SELECT ?, "
            "json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
            "json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]') FROM "
            "json_each(?)")) &&
        s.findCompletions.prepare(QStringLiteral(
            "SELECT json_extract(j.value, '$[0]') FROM json_each(?) AS j WHERE EXISTS (SELECT 1 FROM changes "
            "AS c WHERE c.env = ? AND c.job = json_extract(j.value, '$[1]') AND c.to_state = "
            "json_extract(j.value, '$[2]') AND c.finished IS json_extract(j.value, '$[3]'))")) &&
        s.minuteRuntimes.prepare(
            QStringLiteral("SELECT runtimes FROM minutes WHERE env = ? AND start = ?")) &&
        s.upsertMinuteCounts.prepare(QStringLiteral(
            "INSERT INTO minutes(env, start, completed, failed, runtimes) VALUES(?, ?, ?, ?, ?) "
            "ON CONFLICT(env, start) DO UPDATE SET completed = completed + excluded.completed, "
            "failed = failed + excluded.failed, runtimes = excluded.runtimes")) &&
        s.upsertMinuteCovered.prepare(
            QStringLiteral("INSERT INTO minutes(env, start, covered) VALUES(?, ?, 1) "
                           "ON CONFLICT(env, start) DO UPDATE SET covered = 1")) &&
        s.upsertMinutePass.prepare(
            QStringLiteral("INSERT INTO minutes(env, start, covered, passes, incomplete, depth_at, ") +
            depthColumns +
            QStringLiteral(
                ") VALUES(?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(env, start) DO UPDATE "
                "SET covered = 1, passes = passes + 1, incomplete = incomplete + "
                "excluded.incomplete") +
            depthUpdates +
            QStringLiteral(", depth_at = CASE WHEN depth_at IS NULL OR excluded.depth_at >= depth_at THEN "
                           "excluded.depth_at ELSE depth_at END")) &&
        s.selectEnvironment.prepare(QStringLiteral("SELECT id FROM environments WHERE key = ?")) &&
        s.insertEnvironment.prepare(QStringLiteral("INSERT OR IGNORE INTO environments(key) VALUES(?)")) &&
        s.selectState.prepare(QStringLiteral("SELECT id FROM states WHERE name = ?")) &&
        s.insertState.prepare(QStringLiteral("INSERT OR IGNORE INTO states(name) VALUES(?)"));
    if (!ok)
        qCWarning(lcHistory) << "preparing the statements failed:" << m_db.lastError().text();
    return ok;
}

QString HistoryStore::keepAside(const QString& suffix, QString* why)
{
    QString target = m_filePath + QLatin1Char('.') + suffix;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = m_filePath + QLatin1Char('.') + suffix + QLatin1Char('-') + QString::number(n);
    QFile file(m_filePath);
    if (!file.rename(target)) {
        *why = file.errorString();
        return QString();
    }
    // The WAL holds commits not yet in the main file: it goes with it. The -shm index is rebuilt from the
    // WAL and must not be left to describe a file that is no longer there.
    const QString wal = m_filePath + QStringLiteral("-wal");
    if (QFileInfo::exists(wal))
        QFile::rename(wal, target + QStringLiteral("-wal"));
    QFile::remove(m_filePath + QStringLiteral("-shm"));
    QFile::remove(checkMarkerPath());
    return target;
}

bool HistoryStore::retry()
{
    m_writeProblem.clear();
    if (!m_open) {
        m_openProblem.clear();
        open();
    }
    return isRecording();
}

bool HistoryStore::setSizeLimit(qint64 bytes)
{
    m_sizeLimit = bytes;
    if (!m_db.isOpen())
        return false;
    QSqlQuery query(m_db);
    qint64 pageSize = 4096;
    if (query.exec(QStringLiteral("PRAGMA page_size")) && query.next())
        pageSize = std::max<qint64>(512, query.value(0).toLongLong());
    query.finish();
    const qint64 pages = bytes > 0 ? std::max<qint64>(1, bytes / pageSize) : 4294967294LL;
    return query.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages));
}

bool HistoryStore::begin()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        fail(QString(), query.lastError());
        return false;
    }
    return true;
}

bool HistoryStore::commit()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        fail(QString(), query.lastError());
        return false;
    }
    return true;
}

// Ends the running transaction without keeping anything of it and stops recording with a sentence.
void HistoryStore::fail(const QString& what, const QSqlError& error)
{
    QSqlQuery rollback(m_db);
    rollback.exec(QStringLiteral("ROLLBACK"));
    // Ids handed out inside the rolled-back transaction are not in the file: forget them all.
    m_environmentIds.clear();
    m_stateIds.clear();
    m_stateNames.clear();
    const QString native = QDir::toNativeSeparators(m_filePath);
    switch (primaryCode(error)) {
    case SqliteFull:
        m_writeProblem = tr("The history could not be recorded: the disk holding %1 is full (or the history "
                            "reached its size limit). Recording has stopped; the listing goes on. Free some "
                            "space, then retry.")
                             .arg(native);
        break;
    case SqliteBusy:
    case SqliteLocked:
        m_writeProblem = tr("The history could not be recorded: another program kept %1 locked for more than "
                            "%2 seconds. Recording has stopped; the listing goes on.")
                             .arg(native)
                             .arg(BusyTimeoutMs / 1000);
        break;
    case SqliteCorrupt:
    case SqliteNotADb: {
        // The next open checks the whole file whenever it was last checked, and keeps it aside.
        QFile marker(checkMarkerPath());
        marker.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        m_writeProblem =
            tr("The history %1 is damaged (%2). Recording has stopped; the listing goes on. On the "
               "next start the file is kept aside and a new one started.")
                .arg(native, error.text());
        break;
    }
    case SqliteReadOnly:
    case SqliteIoErr:
    case SqliteCantOpen:
    default:
        m_writeProblem = tr("The history could not be recorded in %1: %2. Recording has stopped; the listing "
                            "goes on.")
                             .arg(native, error.text());
        break;
    }
    qCWarning(lcHistory).noquote() << m_writeProblem << what;
}

int HistoryStore::environmentId(const QString& key, bool create) const
{
    const auto found = m_environmentIds.constFind(key);
    if (found != m_environmentIds.constEnd())
        return found.value();
    if (!m_statements)
        return -1;
    QSqlQuery& select = m_statements->selectEnvironment;
    select.bindValue(0, key);
    if (select.exec() && select.next()) {
        const int id = select.value(0).toInt();
        select.finish();
        m_environmentIds.insert(key, id);
        return id;
    }
    select.finish();
    if (!create)
        return -1;
    QSqlQuery& insert = m_statements->insertEnvironment;
    insert.bindValue(0, key);
    if (!insert.exec())
        return -1;
    return environmentId(key, false);
}

void HistoryStore::loadStates() const
{
    m_stateIds.clear();
    m_stateNames.clear();
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT id, name FROM states")))
        return;
    while (query.next()) {
        const int id = query.value(0).toInt();
        const QString name = query.value(1).toString();
        m_stateIds.insert(name, id);
        m_stateNames.insert(id, name);
    }
}

// -1 for the empty state (not known, gone); -2 when the state could not be stored.
int HistoryStore::stateId(const QString& state)
{
    if (state.isEmpty())
        return -1;
    const auto found = m_stateIds.constFind(state);
    if (found != m_stateIds.constEnd())
        return found.value();
    QSqlQuery& insert = m_statements->insertState;
    insert.bindValue(0, state);
    if (!insert.exec())
        return -2;
    QSqlQuery& select = m_statements->selectState;
    select.bindValue(0, state);
    if (!select.exec() || !select.next())
        return -2;
    const int id = select.value(0).toInt();
    select.finish();
    m_stateIds.insert(state, id);
    m_stateNames.insert(id, state);
    return id;
}

QString HistoryStore::stateName(int id) const
{
    auto found = m_stateNames.constFind(id);
    if (found == m_stateNames.constEnd()) {
        loadStates(); // another process added it
        found = m_stateNames.constFind(id);
    }
    return found == m_stateNames.constEnd() ? QString() : found.value();
}

bool HistoryStore::recordPass(const QString& environmentKey, const PassRecord& pass)
{
    if (!isRecording())
        return false;
    if (!begin())
        return false;
    const int env = environmentId(environmentKey, true);
    if (env < 0) {
        fail(QStringLiteral("environment"), m_statements->insertEnvironment.lastError());
        return false;
    }
    QSqlQuery& insert = m_statements->insertPass;
    insert.bindValue(0, env);
    insert.bindValue(1, pass.startedMs);
    insert.bindValue(2, pass.endedMs);
    insert.bindValue(3, pass.complete ? 1 : 0);
    insert.bindValue(4, pass.requests);
    insert.bindValue(5, pass.jobsSeen);
    for (int i = 0; i < StateCategoryCount; ++i)
        insert.bindValue(6 + i, pass.counts[i]);
    if (!insert.exec()) {
        fail(QStringLiteral("pass"), insert.lastError());
        return false;
    }

    // Every minute the pass ran in was watched, even where no pass ended: not a gap. A day at most, so that a
    // start time of 0 does not write years of minutes.
    const qint64 endMinute = floorTo(pass.endedMs, MinuteMs);
    const qint64 started = pass.startedMs > 0 && pass.startedMs <= pass.endedMs
                               ? std::max(pass.startedMs, pass.endedMs - DayMs)
                               : pass.endedMs;
    QSqlQuery& covered = m_statements->upsertMinuteCovered;
    for (qint64 minute = floorTo(started, MinuteMs); minute < endMinute; minute += MinuteMs) {
        covered.bindValue(0, env);
        covered.bindValue(1, minute);
        if (!covered.exec()) {
            fail(QStringLiteral("covered"), covered.lastError());
            return false;
        }
    }
    QSqlQuery& upsert = m_statements->upsertMinutePass;
    upsert.bindValue(0, env);
    upsert.bindValue(1, endMinute);
    upsert.bindValue(2, pass.complete ? 0 : 1);
    upsert.bindValue(3, pass.endedMs);
    for (int i = 0; i < StateCategoryCount; ++i)
        upsert.bindValue(4 + i, pass.counts[i]);
    if (!upsert.exec()) {
        fail(QStringLiteral("minute"), upsert.lastError());
        return false;
    }
    if (!commit())
        return false;
    return maybePrune();
}

bool HistoryStore::recordChanges(const QString& environmentKey, const QList<ChangeRecord>& changes)
{
    if (!isRecording())
        return false;
    if (changes.isEmpty())
        return true;
    if (!begin())
        return false;
    const int env = environmentId(environmentKey, true);
    if (env < 0) {
        fail(QStringLiteral("environment"), m_statements->insertEnvironment.lastError());
        return false;
    }

    struct Row
    {
        JobKey key;
        int index = 0;
        int from = -1;
        int to = -1;
        bool terminal = false;
    };
    std::vector<Row> rows(static_cast<size_t>(changes.size()));
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const ChangeRecord& change = changes.at(i);
        Row& row = rows[static_cast<size_t>(i)];
        row.key = jobKey(change.jobId);
        row.index = static_cast<int>(i);
        row.from = stateId(change.from);
        row.to = stateId(change.to);
        if (row.from == -2 || row.to == -2) {
            fail(QStringLiteral("state"), m_statements->insertState.lastError());
            return false;
        }
        const StateCategory category = change.to.isEmpty() ? StateCategory::Other : categoryOf(change.to);
        row.terminal = category == StateCategory::Completed || category == StateCategory::Failed;
    }
    // In the index's order: its pages are then written one after the other instead of at random.
    std::sort(rows.begin(), rows.end(), [&changes](const Row& a, const Row& b) {
        if (a.key.numeric != b.key.numeric)
            return a.key.numeric; // SQLite sorts integers before text
        if (a.key.numeric)
            return a.key.number < b.key.number;
        return changes.at(a.index).jobId < changes.at(b.index).jobId;
    });

    // In slices, so that a first pass of a million jobs does not build a 60 MB text at once.
    QMap<qint64, Bucket> minutes;
    std::vector<bool> duplicate(rows.size(), false);
    for (size_t begin = 0; begin < rows.size(); begin += JsonSliceRows) {
        const size_t end = std::min(rows.size(), begin + JsonSliceRows);
        // A completion already recorded (another process watching the same environment saw it too) is neither
        // stored nor counted again. One statement over the batch's completions, each an index probe.
        QByteArray terminals = "[";
        for (size_t i = begin; i < end; ++i) {
            const Row& row = rows[i];
            if (!row.terminal)
                continue;
            if (terminals.size() > 1)
                terminals += ',';
            terminals += '[' + QByteArray::number(static_cast<qulonglong>(i)) + ',';
            appendJobJson(terminals, changes.at(row.index).jobId, row.key);
            terminals += ',' + QByteArray::number(row.to) + ',';
            appendNullable(terminals, changes.at(row.index).finishedOn);
            terminals += ']';
        }
        terminals += ']';
        if (terminals.size() > 2) {
            QSqlQuery& find = m_statements->findCompletions;
            // Qt binds by the order the placeholders appear in, whatever their numbers: the array comes
            // first.
            find.bindValue(0, QString::fromUtf8(terminals));
            find.bindValue(1, env);
            if (!find.exec()) {
                fail(QStringLiteral("find"), find.lastError());
                return false;
            }
            while (find.next()) {
                const qint64 at = find.value(0).toLongLong();
                if (at >= 0 && at < static_cast<qint64>(rows.size()))
                    duplicate[static_cast<size_t>(at)] = true;
            }
            find.finish();
        }

        // The rows as one JSON array bound to one statement: Qt's QSqlResult::bindValue costs ~400 ns a
        // value, which for 10,000 rows of 7 values was most of the time; SQLite's json_each reads them in C.
        QByteArray json;
        json.reserve(static_cast<qsizetype>(end - begin) * 64);
        json += '[';
        bool any = false;
        for (size_t i = begin; i < end; ++i) {
            if (duplicate[i])
                continue;
            const Row& row = rows[i];
            const ChangeRecord& change = changes.at(row.index);
            if (any)
                json += ',';
            any = true;
            json += '[';
            appendJobJson(json, change.jobId, row.key);
            json += ',';
            appendNullable(json, row.from >= 0 ? row.from : 0);
            json += ',';
            appendNullable(json, row.to >= 0 ? row.to : 0);
            json += ',' + QByteArray::number(change.observedAtMs) + ',';
            appendNullable(json, change.processedOn);
            json += ',';
            appendNullable(json, change.finishedOn);
            json += ']';
            if (row.terminal) {
                const qint64 at = change.finishedOn > 0 ? change.finishedOn : change.observedAtMs;
                Bucket& bucket = minutes[floorTo(at, MinuteMs)];
                if (categoryOf(change.to) == StateCategory::Completed)
                    ++bucket.completed;
                else
                    ++bucket.failed;
                if (change.processedOn > 0 && change.finishedOn >= change.processedOn)
                    bucket.runtimes.add(change.finishedOn - change.processedOn);
            }
        }
        json += ']';
        if (any) {
            QSqlQuery& insert = m_statements->insertChanges;
            insert.bindValue(0, env);
            insert.bindValue(1, QString::fromUtf8(json));
            if (!insert.exec()) {
                fail(QStringLiteral("changes"), insert.lastError());
                return false;
            }
        }
    }
    m_lastBatchRows = static_cast<qint64>(rows.size());

    QSqlQuery& runtimes = m_statements->minuteRuntimes;
    QSqlQuery& upsert = m_statements->upsertMinuteCounts;
    for (auto it = minutes.begin(); it != minutes.end(); ++it) {
        RunHistogram histogram = it.value().runtimes;
        runtimes.bindValue(0, env);
        runtimes.bindValue(1, it.key());
        if (!runtimes.exec()) {
            fail(QStringLiteral("runtimes"), runtimes.lastError());
            return false;
        }
        if (runtimes.next())
            histogram.merge(RunHistogram::fromBlob(runtimes.value(0).toByteArray()));
        runtimes.finish();
        upsert.bindValue(0, env);
        upsert.bindValue(1, it.key());
        upsert.bindValue(2, it.value().completed);
        upsert.bindValue(3, it.value().failed);
        upsert.bindValue(4, histogram.isEmpty() ? QVariant() : QVariant(histogram.toBlob()));
        if (!upsert.exec()) {
            fail(QStringLiteral("minute counts"), upsert.lastError());
            return false;
        }
    }
    return commit();
}

QList<PassRecord> HistoryStore::passes(const QString& environmentKey, qint64 sinceMs, qint64 untilMs) const
{
    QList<PassRecord> result;
    const int env = environmentId(environmentKey, false);
    if (env < 0)
        return result;
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT started, ended, complete, requests, jobs, ") + joined(CountColumns) +
        QStringLiteral(" FROM passes WHERE env = ? AND ended >= ? AND ended < ? ORDER BY ended, rowid"));
    query.bindValue(0, env);
    query.bindValue(1, sinceMs);
    query.bindValue(2, untilMs);
    if (!query.exec()) {
        qCWarning(lcHistory) << "reading passes:" << query.lastError().text();
        return result;
    }
    while (query.next()) {
        PassRecord pass;
        pass.startedMs = query.value(0).toLongLong();
        pass.endedMs = query.value(1).toLongLong();
        pass.complete = query.value(2).toInt() != 0;
        pass.requests = query.value(3).toInt();
        pass.jobsSeen = query.value(4).toLongLong();
        for (int i = 0; i < StateCategoryCount; ++i)
            pass.counts[i] = query.value(5 + i).toInt();
        result.append(pass);
    }
    return result;
}

QList<HistoryBucket> HistoryStore::series(const QString& environmentKey, qint64 sinceMs, qint64 untilMs,
                                          qint64 bucketMs) const
{
    QList<HistoryBucket> result;
    if (bucketMs <= 0 || untilMs <= sinceMs)
        return result;
    const qint64 first = floorTo(sinceMs, bucketMs);
    // A chart asks for at most a few thousand points; this stops a mistaken call from allocating gigabytes.
    const qint64 count = std::min<qint64>((untilMs - first + bucketMs - 1) / bucketMs, 1000000);
    std::vector<Bucket> buckets(static_cast<size_t>(count));
    std::vector<bool> coveredByHour(static_cast<size_t>(count), false);
    const qint64 last = first + count * bucketMs; // exclusive
    const int env = environmentId(environmentKey, false);

    if (env >= 0) {
        QSqlQuery(m_db).exec(
            QStringLiteral("BEGIN")); // one snapshot for both tables: a prune may run between
        const QString columns =
            QStringLiteral("start, completed, failed, runtimes, passes, incomplete, covered, "
                           "depth_at, ") +
            joined(DepthColumns);
        for (const auto& [table, width] :
             {std::pair<QLatin1String, qint64>(QLatin1String("minutes"), MinuteMs),
              std::pair<QLatin1String, qint64>(QLatin1String("hours"), HourMs)}) {
            QSqlQuery query(m_db);
            query.setForwardOnly(true);
            query.prepare(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM ") + table +
                          QStringLiteral(" WHERE env = ? AND start >= ? AND start < ? ORDER BY start"));
            query.bindValue(0, env);
            query.bindValue(1, floorTo(first, width));
            query.bindValue(2, last);
            if (!query.exec()) {
                qCWarning(lcHistory) << "reading" << table << query.lastError().text();
                continue;
            }
            while (query.next()) {
                const qint64 start = query.value(0).toLongLong();
                Bucket row = Bucket::read(query, 1);
                const qint64 index = (std::max(start, first) - first) / bucketMs;
                if (index < 0 || index >= count)
                    continue;
                if (width > bucketMs) {
                    // Only hourly figures left: the depth goes where its pass ended, coverage only there
                    // (claiming the whole hour was watched could hide a gap).
                    Bucket counts = row;
                    counts.depthAt = -1;
                    counts.covered = false;
                    counts.passes = 0;
                    counts.incomplete = 0;
                    buckets[static_cast<size_t>(index)].merge(counts);
                    if (row.depthAt >= first && row.depthAt < last) {
                        Bucket depth;
                        depth.depthAt = row.depthAt;
                        depth.depth = row.depth;
                        depth.passes = row.passes;
                        depth.incomplete = row.incomplete;
                        depth.covered = row.covered;
                        const auto at = static_cast<size_t>((row.depthAt - first) / bucketMs);
                        buckets[at].merge(depth);
                        coveredByHour[at] = true;
                    }
                } else {
                    buckets[static_cast<size_t>(index)].merge(row);
                }
            }
        }
        QSqlQuery(m_db).exec(QStringLiteral("COMMIT"));
    }

    result.reserve(count);
    for (qint64 i = 0; i < count; ++i) {
        const Bucket& bucket = buckets[static_cast<size_t>(i)];
        HistoryBucket out;
        out.startMs = first + i * bucketMs;
        if (bucket.depthAt >= 0)
            out.depth = bucket.depth;
        out.completed = bucket.completed;
        out.failed = bucket.failed;
        out.runP50Ms = bucket.runtimes.quantile(0.50);
        out.runP95Ms = bucket.runtimes.quantile(0.95);
        out.passes = bucket.passes;
        out.incomplete = bucket.incomplete > 0;
        out.gap = !bucket.covered && !coveredByHour[static_cast<size_t>(i)];
        result.append(out);
    }
    return result;
}

QList<ChangeRecord> HistoryStore::changesOf(const QString& environmentKey, const QString& jobId) const
{
    QList<ChangeRecord> result;
    const int env = environmentId(environmentKey, false);
    if (env < 0)
        return result;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT from_state, to_state, observed, processed, finished FROM changes "
                                 "WHERE env = ? AND job = ? ORDER BY observed, rowid"));
    query.bindValue(0, env);
    query.bindValue(1, jobValue(jobId));
    if (!query.exec()) {
        qCWarning(lcHistory) << "reading changes:" << query.lastError().text();
        return result;
    }
    while (query.next()) {
        ChangeRecord change;
        change.jobId = jobId;
        change.from = query.value(0).isNull() ? QString() : stateName(query.value(0).toInt());
        change.to = query.value(1).isNull() ? QString() : stateName(query.value(1).toInt());
        change.observedAtMs = query.value(2).toLongLong();
        change.processedOn = query.value(3).toLongLong();
        change.finishedOn = query.value(4).toLongLong();
        // Two processes watching one environment both record what they saw: the later sighting of the same
        // state with the same times says nothing new.
        if (!result.isEmpty()) {
            const ChangeRecord& previous = result.constLast();
            if (previous.to == change.to && previous.processedOn == change.processedOn &&
                previous.finishedOn == change.finishedOn)
                continue;
        }
        result.append(change);
    }
    return result;
}

qint64 HistoryStore::lastCompletePassMs(const QString& environmentKey) const
{
    const int env = environmentId(environmentKey, false);
    if (env < 0)
        return 0;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT max(ended) FROM passes WHERE env = ? AND complete = 1"));
    query.bindValue(0, env);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

QStringList HistoryStore::environments() const
{
    QStringList keys;
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT key FROM environments ORDER BY id"))) {
        while (query.next())
            keys << query.value(0).toString();
    }
    return keys;
}

qint64 HistoryStore::changeRowCount() const
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT count(*) FROM changes")) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

bool HistoryStore::maybePrune()
{
    const qint64 nowMs = now();
    if (m_pruneUnfinished)
        return pruneSome(nowMs, pruneChunk());
    if (m_lastPruneMs != 0 && qAbs(nowMs - m_lastPruneMs) < PruneIntervalMs)
        return true;
    // Another process may have pruned a minute ago.
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'lastPrune'")) && query.next()) {
        const qint64 last = query.value(0).toLongLong();
        query.finish();
        if (qAbs(nowMs - last) < PruneIntervalMs) {
            m_lastPruneMs = last;
            return true;
        }
    }
    query.finish();
    return pruneSome(nowMs, pruneChunk());
}

// Dropping an hour of changes at 100,000 an hour took ~270 ms in one go (bench_history): from recordPass it
// goes a chunk a pass instead (~3 µs a row), at least twice the last batch recorded so that it keeps up.
qint64 HistoryStore::pruneChunk() const
{
    return std::max<qint64>(PruneChunkRows, 2 * m_lastBatchRows);
}

// Minutes before cutoffMs (all environments) become hours, added to any hour already there.
bool HistoryStore::downsample(qint64 cutoffMs)
{
    QMap<std::pair<int, qint64>, Bucket> hours;
    const QString columns =
        QStringLiteral("completed, failed, runtimes, passes, incomplete, covered, depth_at, ") +
        joined(DepthColumns);
    QSqlQuery read(m_db);
    read.setForwardOnly(true);
    read.prepare(QStringLiteral("SELECT env, start, ") + columns +
                 QStringLiteral(" FROM minutes WHERE start < ?"));
    read.bindValue(0, cutoffMs);
    if (!read.exec()) {
        fail(QStringLiteral("downsample read"), read.lastError());
        return false;
    }
    while (read.next()) {
        const int env = read.value(0).toInt();
        const qint64 hour = floorTo(read.value(1).toLongLong(), HourMs);
        hours[{env, hour}].merge(Bucket::read(read, 2));
    }
    read.finish();
    if (hours.isEmpty())
        return true;

    QSqlQuery existing(m_db);
    existing.prepare(QStringLiteral("SELECT ") + columns +
                     QStringLiteral(" FROM hours WHERE env = ? AND start = ?"));
    QSqlQuery write(m_db);
    write.prepare(QStringLiteral("INSERT OR REPLACE INTO hours(env, start, ") + columns +
                  QStringLiteral(") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (auto it = hours.begin(); it != hours.end(); ++it) {
        Bucket bucket = it.value();
        existing.bindValue(0, it.key().first);
        existing.bindValue(1, it.key().second);
        if (!existing.exec()) {
            fail(QStringLiteral("downsample existing"), existing.lastError());
            return false;
        }
        if (existing.next())
            bucket.merge(Bucket::read(existing, 0));
        existing.finish();
        int column = 0;
        write.bindValue(column++, it.key().first);
        write.bindValue(column++, it.key().second);
        write.bindValue(column++, bucket.completed);
        write.bindValue(column++, bucket.failed);
        write.bindValue(column++,
                        bucket.runtimes.isEmpty() ? QVariant() : QVariant(bucket.runtimes.toBlob()));
        write.bindValue(column++, bucket.passes);
        write.bindValue(column++, bucket.incomplete);
        write.bindValue(column++, bucket.covered ? 1 : 0);
        write.bindValue(column++, bucket.depthAt >= 0 ? QVariant(bucket.depthAt) : QVariant());
        for (int i = 0; i < StateCategoryCount; ++i)
            write.bindValue(column++, bucket.depthAt >= 0 ? QVariant(bucket.depth[i]) : QVariant());
        if (!write.exec()) {
            fail(QStringLiteral("downsample write"), write.lastError());
            return false;
        }
    }
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM minutes WHERE start < ?"));
    remove.bindValue(0, cutoffMs);
    if (!remove.exec()) {
        fail(QStringLiteral("downsample delete"), remove.lastError());
        return false;
    }
    return true;
}

bool HistoryStore::prune()
{
    return pruneSome(now(), std::numeric_limits<qint64>::max());
}

bool HistoryStore::pruneSome(qint64 nowMs, qint64 maxChangeRows)
{
    if (!isRecording())
        return false;
    if (!begin())
        return false;
    const auto run = [this](const QString& sql, const QVariantList& values) {
        QSqlQuery query(m_db);
        query.prepare(sql);
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values.at(i));
        if (!query.exec()) {
            fail(sql, query.lastError());
            return false;
        }
        return true;
    };
    if (!m_pruneUnfinished) {
        // Whole hours only, so that an hour is either still in minutes or already in hours.
        if (!downsample(floorTo(nowMs - MinuteRetentionMs, HourMs)))
            return false;
        if (!run(QStringLiteral("DELETE FROM hours WHERE start < ?"), {nowMs - HourRetentionMs}) ||
            !run(QStringLiteral("DELETE FROM passes WHERE ended < ?"), {nowMs - PassRetentionMs}) ||
            !run(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('lastPrune', ?)"), {nowMs}))
            return false;
    }

    // Changes are appended in time order: the old ones are a range of rowids at the head, found by reading
    // only the rows that go (and at most maxChangeRows of them).
    // Two statements: SQLite answers min() or max() alone from the b-tree's edge, both at once by a scan.
    QSqlQuery query(m_db);
    qint64 edges[2] = {0, 0};
    for (int i = 0; i < 2; ++i) {
        if (!query.exec(i == 0 ? QStringLiteral("SELECT min(rowid) FROM changes")
                               : QStringLiteral("SELECT max(rowid) FROM changes")) ||
            !query.next()) {
            fail(QStringLiteral("changes range"), query.lastError());
            return false;
        }
        edges[i] = query.value(0).toLongLong();
        query.finish();
    }
    const qint64 minRow = edges[0];
    const qint64 maxRow = edges[1];
    const qint64 chunkEnd = maxChangeRows >= maxRow - minRow + 1 ? maxRow + 1 : minRow + maxChangeRows;
    qint64 boundary = chunkEnd; // exclusive: every row of the chunk is old unless one is found that is not
    query.prepare(
        QStringLiteral("SELECT rowid FROM changes WHERE rowid < ? AND observed >= ? ORDER BY rowid LIMIT 1"));
    query.bindValue(0, chunkEnd);
    query.bindValue(1, nowMs - ChangeRetentionMs);
    if (!query.exec()) {
        fail(QStringLiteral("changes boundary"), query.lastError());
        return false;
    }
    if (query.next())
        boundary = query.value(0).toLongLong();
    query.finish();
    boundary = std::max(boundary, std::min(chunkEnd, maxRow - m_changeRowCap + 1));
    if (!run(QStringLiteral("DELETE FROM changes WHERE rowid < ?"), {boundary}))
        return false;
    if (!commit())
        return false;
    m_lastPruneMs = nowMs;
    // More to drop than this chunk took: the next pass goes on.
    m_pruneUnfinished = boundary == chunkEnd && chunkEnd <= maxRow;
    return true;
}

} // namespace Alchemyst
