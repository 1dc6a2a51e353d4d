// Figures for triage with 100,000 jobs: the cost a refresh adds (first-seen observation, change
// tracking, newly stuck), stuck evaluation of rows, failure grouping, saving and loading the store, and
// memory. A benchmark, not a test: it prints numbers and asserts nothing.
// Run: build/tests/bench_triage [jobs] [changed-percent]
#include "jobs/job.h"
#include "triage/failuregroups.h"
#include "triage/firstseen.h"
#include "triage/stuck.h"
#include "triage/triagesession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Alchemyst;

namespace {

long residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

const QString States[] = {QStringLiteral("completed"), QStringLiteral("completed"),
                          QStringLiteral("completed"), QStringLiteral("completed"),
                          QStringLiteral("failed"),    QStringLiteral("waiting"),
                          QStringLiteral("delayed"),   QStringLiteral("active"),
                          QStringLiteral("cancelled"), QStringLiteral("prioritized")};

QString reasonFor(QRandomGenerator& random)
{
    // A few templates with numbers and ids in them, as real failures look: thousands of exact texts,
    // a handful of groups.
    switch (random.bounded(5)) {
    case 0:
        return QStringLiteral("Document %1 exceeds the 25 MB limit (%2 MB)")
            .arg(random.bounded(100000))
            .arg(26 + random.bounded(50));
    case 1:
        return QStringLiteral("Embedding service timed out after %1 ms").arg(30000 + random.bounded(5000));
    case 2:
        return QStringLiteral("Object %1 not found in bucket 'uploads-%2'")
            .arg(random.generate64(), 0, 16)
            .arg(random.bounded(9));
    case 3:
        return QStringLiteral("Unsupported file type");
    default:
        return QStringLiteral("Rate limited by provider, retry in %1s").arg(random.bounded(60));
    }
}

Job makeJob(int i, qint64 now, QRandomGenerator& random)
{
    Job job;
    job.id = QString::number(100000 + i);
    job.state = States[random.bounded(10)];
    job.attempts = random.bounded(3);
    job.fileName = QStringLiteral("document-%1.pdf").arg(i);
    job.source = QStringLiteral("google-drive");
    if (job.state != QLatin1String("waiting") && job.state != QLatin1String("delayed"))
        job.processedOn = now - random.bounded(3600) * 1000;
    if (job.state == QLatin1String("failed"))
        job.failedReason = reasonFor(random);
    return job;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values.at(values.size() / 2);
}

constexpr int PageSize = 100; // the API's default page

void feed(TriageSession& session, const JobList& jobs, qint64 now)
{
    session.beginPass();
    for (qsizetype at = 0; at < jobs.size(); at += PageSize)
        session.observePage(jobs.mid(at, PageSize), now);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const double changedPercent = argc > 2 ? QByteArray(argv[2]).toDouble() : 1.0;
    const int changedPerPass = std::max(1, static_cast<int>(count * changedPercent / 100));
    QRandomGenerator random(42);
    qint64 now = 1767225600000;

    const long rssStart = residentKb();
    JobList jobs;
    for (int i = 0; i < count; ++i)
        jobs.append(makeJob(i, now, random));
    // Pages are copies of the list's jobs: the ids shared, as the model and a parsed page share nothing
    // but what the store keeps.
    const long rssJobs = residentKb();

    QTemporaryDir dir;
    TriageSession session(dir.filePath(QStringLiteral("first-seen.bin")));
    session.load(now);
    session.setSaveAfterPass(false); // measured apart below

    QElapsedTimer timer;
    timer.start();
    feed(session, jobs, now);
    PassSummary summary = session.endPass(true, now);
    const double baselineMs = timer.nsecsElapsed() / 1e6;
    const long rssStore = residentKb();
    std::printf("jobs: %d, changed per refresh: %d (%.2f%%), pages of %d\n", count, changedPerPass,
                changedPercent, PageSize);
    std::printf("first pass (every job new): %.1f ms\n", baselineMs);

    std::vector<double> observeMs, endMs, saveMs, groupMs, evaluateAllMs, evaluateAllNoTextMs,
        evaluateVisibleMs, watchAllMs;
    int lastChanged = 0;
    int lastStuck = 0;
    int groups = 0;
    int stuckRows = 0;
    for (int round = 0; round < 7; ++round) {
        now += 10000; // the default interval
        for (int c = 0; c < changedPerPass; ++c) {
            Job& job = jobs[random.bounded(static_cast<int>(jobs.size()))];
            job.state = States[random.bounded(10)];
            job.processedOn = job.state == QLatin1String("waiting") ? 0 : now - 1000;
            job.failedReason = job.state == QLatin1String("failed") ? reasonFor(random) : QString();
        }
        // A fresh list of pages each pass, as parsing would hand over (not timed: that is bench_jobs').
        QList<JobList> pages;
        for (qsizetype at = 0; at < jobs.size(); at += PageSize)
            pages.append(jobs.mid(at, PageSize));

        timer.restart();
        session.beginPass();
        for (const JobList& page : std::as_const(pages))
            session.observePage(page, now);
        observeMs.push_back(timer.nsecsElapsed() / 1e6);

        timer.restart();
        summary = session.endPass(true, now);
        endMs.push_back(timer.nsecsElapsed() / 1e6);

        timer.restart();
        session.save();
        saveMs.push_back(timer.nsecsElapsed() / 1e6);
        lastChanged = static_cast<int>(summary.changed.size() + summary.appeared.size());
        lastStuck = static_cast<int>(summary.newlyStuck.size());

        timer.restart();
        const FailureGroupList failureGroups = session.groupFailures(jobs, FailureGrouper::WithoutJobIds);
        groupMs.push_back(timer.nsecsElapsed() / 1e6);
        groups = static_cast<int>(failureGroups.size());

        timer.restart();
        stuckRows = 0;
        for (const Job& job : std::as_const(jobs))
            stuckRows += session.verdict(job, now).stuck ? 1 : 0;
        evaluateAllMs.push_back(timer.nsecsElapsed() / 1e6);

        timer.restart();
        int stuckNoText = 0;
        for (const Job& job : std::as_const(jobs))
            stuckNoText += session.verdict(job, now, false).stuck ? 1 : 0;
        evaluateAllNoTextMs.push_back(timer.nsecsElapsed() / 1e6);

        timer.restart();
        int visibleStuck = 0;
        for (int row = 0; row < 60; ++row)
            visibleStuck += session.verdict(jobs.at(row * (count / 60)), now).stuck ? 1 : 0;
        evaluateVisibleMs.push_back(timer.nsecsElapsed() / 1e6);

        timer.restart();
        int watched = 0;
        for (const Job& job : std::as_const(jobs))
            watched += session.stuckWatch().isStuck(job.id) ? 1 : 0;
        watchAllMs.push_back(timer.nsecsElapsed() / 1e6);
        Q_UNUSED(visibleStuck);
        Q_UNUSED(stuckNoText);
        Q_UNUSED(watched);
    }
    const qint64 fileBytes = QFileInfo(dir.filePath(QStringLiteral("first-seen.bin"))).size();
    timer.restart();
    FirstSeenStore reloaded(dir.filePath(QStringLiteral("first-seen.bin")));
    reloaded.load();
    const double loadMs = timer.nsecsElapsed() / 1e6;

    const double observe = median(observeMs);
    const double end = median(endMs);
    const double save = median(saveMs);
    const double group = median(groupMs);
    const double visible = median(evaluateVisibleMs);
    std::printf("\nper refresh (median of 7):\n");
    std::printf("  observe all pages (first-seen + change list + tracker + stuck watch): %.2f ms\n", observe);
    std::printf("  endPass (prune, summary, newly stuck):                                %.2f ms\n", end);
    std::printf("  save of the dirty store (%lld bytes, QSaveFile):                    %.2f ms\n",
                static_cast<long long>(fileBytes), save);
    std::printf("  changes reported: %d, newly stuck: %d\n", lastChanged, lastStuck);
    std::printf("  failure grouping of all %d jobs (%d groups):                       %.2f ms\n", count,
                groups, group);
    std::printf("  stuck verdicts (with text) of ALL rows (%d stuck):                   %.2f ms\n", stuckRows,
                median(evaluateAllMs));
    std::printf("  stuck verdicts (no text) of ALL rows (a \"stuck only\" filter):        %.2f ms\n",
                median(evaluateAllNoTextMs));
    std::printf("  stuck verdicts (with text) of 60 visible rows:                       %.3f ms\n", visible);
    std::printf("  StuckWatch::isStuck of all rows (filter \"stuck only\"):               %.2f ms\n",
                median(watchAllMs));
    std::printf(
        "  TOTAL refresh = observe + endPass + grouping + visible rows:          %.2f ms (target <= 15)\n",
        observe + end + group + visible);
    std::printf("  TOTAL including the save:                                             %.2f ms\n",
                observe + end + group + visible + save);
    std::printf("\nload of the store: %.1f ms (%d entries)\n", loadMs, reloaded.size());
    std::printf("memory (RSS): start %ld MB, with %d jobs %ld MB, + session after first pass %ld MB "
                "(store+watch %+ld MB), now %ld MB (target <= 150 MB)\n",
                rssStart / 1024, count, rssJobs / 1024, rssStore / 1024, (rssStore - rssJobs) / 1024,
                residentKb() / 1024);
    return 0;
}
