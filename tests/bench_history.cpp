// Figures for the history (HistoryStore): the cost of recording one pass of 1,000,000 jobs with 1% changed,
// reading 7 days of minutes, and the size of the file after a simulated week of 1,000,000 jobs with 10% of
// them changing an hour (one pass a minute, the clock injected); then, on that file, the Trends chart
// drawn offscreen over 7 days at minute resolution and `alchemyst-jobs history --since 7d --json` as a
// process. The week ends now, so that the CLI's "since 7 days" reads all of it: the file is the one the
// CLI opens under its own XDG_DATA_HOME, and the environment the one a real `list` against the simulator
// recorded first. A benchmark, not a test: it prints numbers and asserts nothing.
// Run (Release build, QT_QPA_PLATFORM=offscreen): build-rel/tests/bench_history [days to simulate, default
// 7] [directory for the data, default a temporary one]
#include "history/historystore.h"
#include "simulator/simulator.h"
#include "trendschart.h"

#include <QApplication>
#include <QDateTime>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace Alchemyst;

namespace {

constexpr qint64 Jobs = 1000000;
qint64 Start = 1767225600000; // set in main so that the simulated days end now

QString Env = QStringLiteral("bench-environment"); // the key the CLI's first pass recorded
const QString Waiting = QStringLiteral("waiting");
const QString Active = QStringLiteral("active");
const QString Completed = QStringLiteral("completed");
const QString Failed = QStringLiteral("failed");

qint64 fileSize(const QString& path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

// A queue worked in order, as BullMQ hands out ids: new jobs get the next number, the oldest waiting one
// starts, the oldest active one finishes, the oldest finished one is removed. Each job changes four times.
struct Queue
{
    qint64 nextNew = 10000000;
    std::deque<qint64> waiting, active, finished;
    std::deque<qint64> startedAt;
    QRandomGenerator random{42};

    Queue()
    {
        // 1,000,000 listed: mostly finished, some waiting and running.
        for (qint64 i = 0; i < Jobs; ++i) {
            const qint64 id = nextNew++;
            if (i < Jobs - 60000)
                finished.push_back(id);
            else if (i < Jobs - 10000)
                active.push_back(id), startedAt.push_back(Start - 60000);
            else
                waiting.push_back(id);
        }
    }

    // `changes` changes at nowMs, a quarter of each kind.
    QList<ChangeRecord> step(qint64 changes, qint64 nowMs)
    {
        QList<ChangeRecord> out;
        const qint64 each = std::max<qint64>(1, changes / 4);
        for (qint64 i = 0; i < each && !finished.empty(); ++i) {
            out.append({QString::number(finished.front()), Completed, QString(), nowMs, 0, 0});
            finished.pop_front();
        }
        for (qint64 i = 0; i < each && !active.empty(); ++i) {
            const qint64 processed = startedAt.front();
            const qint64 done = std::min(nowMs - 1, processed + 5000 + random.bounded(240000));
            const bool failed = random.bounded(20) == 0;
            out.append({QString::number(active.front()), Active, failed ? Failed : Completed, nowMs,
                        processed, done});
            finished.push_back(active.front());
            active.pop_front();
            startedAt.pop_front();
        }
        for (qint64 i = 0; i < each && !waiting.empty(); ++i) {
            const qint64 processed = nowMs - random.bounded(60000);
            out.append({QString::number(waiting.front()), Waiting, Active, nowMs, processed, 0});
            active.push_back(waiting.front());
            startedAt.push_back(processed);
            waiting.pop_front();
        }
        for (qint64 i = 0; i < each; ++i) {
            out.append({QString::number(nextNew), QString(), Waiting, nowMs, 0, 0});
            waiting.push_back(nextNew++);
        }
        return out;
    }

    PassRecord pass(qint64 nowMs)
    {
        PassRecord record;
        record.startedMs = nowMs - 40000;
        record.endedMs = nowMs;
        record.complete = true;
        record.requests = 1000;
        record.jobsSeen = static_cast<qint64>(waiting.size() + active.size() + finished.size());
        record.counts[static_cast<int>(StateCategory::Waiting)] = static_cast<int>(waiting.size());
        record.counts[static_cast<int>(StateCategory::Active)] = static_cast<int>(active.size());
        record.counts[static_cast<int>(StateCategory::Completed)] = static_cast<int>(finished.size());
        return record;
    }
};

double recordOnePass(HistoryStore& store, Queue& queue, qint64 nowMs, qint64 changes)
{
    const QList<ChangeRecord> batch = queue.step(changes, nowMs);
    QElapsedTimer timer;
    timer.start();
    store.recordChanges(Env, batch);
    store.recordPass(Env, queue.pass(nowMs));
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// Runs the CLI with its data under dataHome; false when it could not be run.
double childCpuMs()
{
#ifdef Q_OS_UNIX
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
#else
    return 0;
#endif
}

bool runCli(const QString& dataHome, const QUrl& server, const QStringList& arguments, QByteArray* out,
            qint64* elapsedMs, double* cpuMs = nullptr)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), dataHome);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dataHome + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome + QStringLiteral("/data"));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), QStringLiteral("bench-key"));
    env.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), server.toString());
    QProcess process;
    process.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    const double cpuBefore = childCpuMs();
    process.start(QStringLiteral(AJM_CLI_PATH), arguments);
    // The simulator answers on this thread's event loop: wait with it running.
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 120000))
        process.kill();
    process.waitForFinished();
    if (elapsedMs)
        *elapsedMs = timer.elapsed();
    if (cpuMs)
        *cpuMs = childCpuMs() - cpuBefore;
    if (out)
        *out = process.readAllStandardOutput();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int days = argc > 1 ? std::clamp(QString::fromLocal8Bit(argv[1]).toInt(), 1, 7) : 7;
    QTemporaryDir temporary;
    const QString directory = argc > 2 ? QString::fromLocal8Bit(argv[2]) : temporary.path();

    // The CLI's file and environment: one real pass of `list` against the simulator records both.
    // The environment's key holds the server's URL: --reuse listens on the port the first run used.
    const bool reuseData = argc > 3 && qstrcmp(argv[3], "--reuse") == 0;
    QFile portFile(directory + QStringLiteral("/port"));
    quint16 port = 0;
    if (reuseData && portFile.open(QIODevice::ReadOnly))
        port = static_cast<quint16>(portFile.readAll().trimmed().toUInt());
    portFile.close();
    Simulator simulator(Simulator::Options::empty(QStringLiteral("bench-key")));
    simulator.listen(QHostAddress::LocalHost, port);
    if (portFile.open(QIODevice::WriteOnly))
        portFile.write(QByteArray::number(simulator.port()));
    portFile.close();
    for (int i = 0; i < 20; ++i)
        simulator.addJob(QStringLiteral("waiting"));
    QString path;
    if (runCli(directory, simulator.baseUrl(), {QStringLiteral("list"), QStringLiteral("--json")}, nullptr,
               nullptr)) {
        QDirIterator files(directory + QStringLiteral("/data"), {QStringLiteral("history.sqlite")},
                           QDir::Files, QDirIterator::Subdirectories);
        if (files.hasNext())
            path = files.next();
    }
    if (path.isEmpty()) {
        std::printf("alchemyst-jobs list did not record a pass; simulating on a file of its own\n");
        path = directory + QStringLiteral("/history.sqlite");
        QFile::remove(path);
    } else {
        const HistoryStore cli(path);
        if (!cli.environments().isEmpty())
            Env = cli.environments().constFirst();
    }
    // The passes of the simulation, one a minute, end about now.
    const qint64 passesInAll = static_cast<qint64>(days) * 24 * 60 + 12 + 11 + 1;
    const qint64 wallNow = QDateTime::currentMSecsSinceEpoch();
    Start = wallNow - wallNow % HistoryStore::MinuteMs - passesInAll * 60000;

    qint64 nowMs = Start;
    HistoryStore store(path);
    if (!store.isOpen()) {
        std::printf("could not open %s: %s\n", qPrintable(path), qPrintable(store.openProblem()));
        return 1;
    }
    store.setClock([&nowMs] { return nowMs; });
    Queue queue;

    std::printf("history benchmark: %lld jobs listed, FIFO numeric ids, SQLite %s\n",
                static_cast<long long>(Jobs), qPrintable(QStringLiteral("via Qt's QSQLITE")));
    // --reuse: the directory holds a simulated week already; only the chart and the CLI are measured.
    if (reuseData)
        nowMs = QDateTime::currentMSecsSinceEpoch();
    else {

        // 1. One pass with 1% changed, on a fresh file (after a warm-up pass).
        std::vector<double> fresh;
        recordOnePass(store, queue, nowMs += 60000, 10000);
        for (int i = 0; i < 11; ++i)
            fresh.push_back(recordOnePass(store, queue, nowMs += 60000, 10000));
        std::printf(
            "record a pass with 10,000 changes (1%% of 1M) + 1 pass row, fresh file: %.1f ms (median of 11, "
            "fastest %.1f)\n",
            median(fresh), *std::min_element(fresh.begin(), fresh.end()));

        // 2. A simulated week: 100,000 changes an hour (10% of 1M), one pass a minute.
        QElapsedTimer simulation;
        simulation.start();
        const qint64 perPass = Jobs / 10 / 60;
        const qint64 passes = static_cast<qint64>(days) * 24 * 60;
        std::vector<double> times;
        times.reserve(static_cast<size_t>(passes));
        std::vector<double> perDay;
        qint64 dayStartSize = fileSize(path);
        for (qint64 i = 0; i < passes; ++i) {
            times.push_back(recordOnePass(store, queue, nowMs += 60000, perPass));
            if (times.back() > 50 && std::getenv("AJM_BENCH_SLOW"))
                std::printf("  slow pass %lld (minute %lld of its hour): %.1f ms\n",
                            static_cast<long long>(i), static_cast<long long>((nowMs / 60000) % 60),
                            times.back());
            if ((i + 1) % (24 * 60) == 0) {
                const qint64 size = fileSize(path);
                perDay.push_back(static_cast<double>(size - dayStartSize) / 1e6);
                dayStartSize = size;
                std::printf("  day %lld: file %.1f MB, %lld change rows, %.0f s so far\n",
                            static_cast<long long>((i + 1) / (24 * 60)), static_cast<double>(size) / 1e6,
                            static_cast<long long>(store.changeRowCount()), simulation.elapsed() / 1000.0);
                std::fflush(stdout);
            }
        }
        if (!store.writeProblem().isEmpty())
            std::printf("write problem: %s\n", qPrintable(store.writeProblem()));
        const double simulated = simulation.elapsed() / 1000.0;
        const qint64 size = fileSize(path);
        std::sort(times.begin(), times.end());
        std::printf(
            "simulated %d day(s) (%lld passes of %lld changes) in %.1f s; a pass (pruning included): median "
            "%.1f ms, 99th percentile %.1f ms, slowest %.1f ms\n",
            days, static_cast<long long>(passes), static_cast<long long>(perPass), simulated,
            times[times.size() / 2], times[times.size() * 99 / 100], times.back());
        std::printf("file after %d day(s) at 1M jobs, 10%% churn an hour: %.1f MB (%lld change rows kept, "
                    "cap %lld)\n",
                    days, static_cast<double>(size) / 1e6, static_cast<long long>(store.changeRowCount()),
                    static_cast<long long>(store.changeRowCap()));
        if (days < 7) {
            // Not measured: the change rows stop at the cap, so the file then grows by its minute rows only.
            const double perRow =
                static_cast<double>(size) / static_cast<double>(std::max<qint64>(1, store.changeRowCount()));
            const double rows = std::min<double>(static_cast<double>(store.changeRowCap()),
                                                 7.0 * static_cast<double>(passes * perPass) / days);
            std::printf(
                "extrapolated to 7 days (NOT measured): %.0f change rows x %.1f bytes = about %.0f MB\n",
                rows, perRow, rows * perRow / 1e6);
        }

        // 3. The same pass again on the full file.
        std::vector<double> full;
        for (int i = 0; i < 11; ++i)
            full.push_back(recordOnePass(store, queue, nowMs += 60000, 10000));
        std::printf(
            "record a pass with 10,000 changes + 1 pass row, after the simulated days: %.1f ms (median of "
            "11, fastest %.1f)\n",
            median(full), *std::min_element(full.begin(), full.end()));

        // 4. Seven days at minute resolution.
        std::vector<double> reads;
        int buckets = 0;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer timer;
            timer.start();
            buckets = static_cast<int>(store.series(Env, nowMs - 7 * HistoryStore::DayMs, nowMs).size());
            reads.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        std::printf("series over 7 days at minute resolution (%d buckets): %.1f ms (median of 5)\n", buckets,
                    median(reads));

        // 5. A job's timeline and the open check on the full file.
        QElapsedTimer timer;
        timer.start();
        const int timeline =
            static_cast<int>(store.changesOf(Env, QString::number(queue.nextNew - 1)).size());
        std::printf("changesOf one job (%d changes): %.2f ms\n", timeline,
                    static_cast<double>(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        {
            HistoryStore second(path);
            std::printf("opening the file (checked today: no quick_check): %.0f ms%s\n",
                        static_cast<double>(timer.nsecsElapsed()) / 1e6,
                        second.openProblem().isEmpty() ? "" : " (problem!)");
        }
        timer.restart();
        {
            HistoryStore second(path, HistoryStore::IntegrityCheck::Always);
            std::printf("opening the file with its quick_check (once a day): %.0f ms%s\n",
                        static_cast<double>(timer.nsecsElapsed()) / 1e6,
                        second.openProblem().isEmpty() ? "" : " (problem!)");
        }
        timer.restart();
        nowMs += HistoryStore::HourMs;
        store.prune();
        std::printf("prune() in one go (down-sampling, dropping an hour of changes; recordPass does it in "
                    "chunks): %.0f ms\n",
                    static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }

    // 6. The Trends chart over 7 days at minute resolution, drawn offscreen as the dock draws it.
    {
        const QList<HistoryBucket> week = store.series(Env, nowMs - 7 * HistoryStore::DayMs, nowMs);
        TrendsChart chart;
        chart.resize(1200, 320);
        chart.setSeries(week, HistoryStore::MinuteMs);
        QImage image(chart.size(), QImage::Format_ARGB32_Premultiplied);
        std::vector<double> draws;
        for (int i = 0; i < 7; ++i) {
            image.fill(Qt::transparent);
            QElapsedTimer draw;
            draw.start();
            chart.render(&image);
            draws.push_back(static_cast<double>(draw.nsecsElapsed()) / 1e6);
        }
        std::printf(
            "Trends chart, 7 days at minute resolution (%lld buckets) at 1200x320, offscreen: %.1f ms "
            "(median of 7, fastest %.1f)\n",
            static_cast<long long>(week.size()), median(draws),
            *std::min_element(draws.begin(), draws.end()));
    }

    // 7. `alchemyst-jobs history --since 7d --json` on this file, as a process (start-up included).
    {
        std::vector<double> runs;
        std::vector<double> cpus;
        qint64 bytes = 0;
        int intervals = -1;
        for (int i = 0; i < 3; ++i) {
            QByteArray out;
            qint64 elapsed = 0;
            double cpu = 0;
            if (!runCli(directory, simulator.baseUrl(),
                        {QStringLiteral("history"), QStringLiteral("--since"), QStringLiteral("7d"),
                         QStringLiteral("--json")},
                        &out, &elapsed, &cpu)) {
                std::printf("alchemyst-jobs history failed\n");
                break;
            }
            runs.push_back(static_cast<double>(elapsed));
            cpus.push_back(cpu);
            bytes = out.size();
            intervals = static_cast<int>(
                QJsonDocument::fromJson(out).object().value(QStringLiteral("intervals")).toArray().size());
        }
        if (!runs.empty())
            std::printf("alchemyst-jobs history --since 7d --json: %.0f ms wall, %.0f ms CPU (median of 3, "
                        "process start included; %d intervals, %lld bytes)\n",
                        median(runs), median(cpus), intervals, static_cast<long long>(bytes));
    }
    return 0;
}
