// Figures for 100,000 jobs: parsing pages, first fill, a 1% refresh, filtering, memory.
// A benchmark, not a test: it prints numbers and asserts nothing. Run: build/tests/bench_jobs [jobs]
#include "jobs/job.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTextStream>
#include <algorithm>
#include <cstdio>

using namespace Alchemyst;

namespace {

long residentKb(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith(field))
            return line.mid(static_cast<int>(qstrlen(field))).trimmed().split(' ').first().toLong();
    }
    return -1;
}

const char* const States[] = {"completed", "completed", "completed", "completed", "failed",
                              "waiting",   "delayed",   "active",    "cancelled", "prioritized"};

QJsonObject entry(int i, QRandomGenerator& random)
{
    const QString state = QString::fromLatin1(States[random.bounded(10)]);
    QJsonObject job{
        {QStringLiteral("jobId"), QString::number(100000 + i)},
        {QStringLiteral("status"), state},
        {QStringLiteral("attemptsMade"), random.bounded(3)},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("source"), QStringLiteral("google-drive")},
                     {QStringLiteral("context_type"), QStringLiteral("resource")},
                     {QStringLiteral("scope"), QStringLiteral("internal")},
                     {QStringLiteral("metadata"),
                      QJsonObject{{QStringLiteral("fileName"), QStringLiteral("document-%1.pdf").arg(i)},
                                  {QStringLiteral("fileType"), QStringLiteral("application/pdf")},
                                  {QStringLiteral("fileSize"), 1000 + i}}}}}};
    if (state != QLatin1String("waiting") && state != QLatin1String("delayed"))
        job.insert(QStringLiteral("processedOn"), 1.7e12 + i);
    if (state == QLatin1String("completed") || state == QLatin1String("failed"))
        job.insert(QStringLiteral("finishedOn"), 1.7e12 + i + 5000);
    if (state == QLatin1String("failed"))
        job.insert(QStringLiteral("failedReason"),
                   QStringLiteral("Embedding service timed out after 3 attempts"));
    return job;
}

template <typename F>
double bestOf(int runs, F&& work)
{
    double best = 1e18;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        best = std::min(best, timer.nsecsElapsed() / 1e6);
    }
    return best;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int pageSize = 1000;
    QTextStream out(stdout);
    QRandomGenerator random(7);

    // The pages as the server would send them.
    QList<QByteArray> pages;
    for (int start = 0; start < count; start += pageSize) {
        QJsonArray jobs;
        for (int i = start; i < std::min(count, start + pageSize); ++i)
            jobs.append(entry(i, random));
        pages.append(
            QJsonDocument(QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("jobs"), jobs}})
                .toJson(QJsonDocument::Compact));
    }
    qint64 bytes = 0;
    for (const QByteArray& page : pages)
        bytes += page.size();
    const long baselineKb = residentKb("VmRSS:");

    JobList jobs;
    const double parseMs = bestOf(3, [&] {
        jobs.clear();
        jobs.reserve(count);
        for (const QByteArray& page : pages) {
            const QJsonArray array =
                QJsonDocument::fromJson(page).object().value(QLatin1String("jobs")).toArray();
            for (const QJsonValue& value : array) {
                if (std::optional<Job> job = Job::fromJson(value.toObject()))
                    jobs.append(std::move(*job));
            }
        }
    });
    pages.clear();
    pages.squeeze();
    const long afterParseKb = residentKb("VmRSS:");

    JobModel model;
    JobFilterModel filter;
    filter.setJobModel(&model);
    QElapsedTimer timer;
    timer.start();
    model.applySnapshot(jobs);
    const double fillMs = timer.nsecsElapsed() / 1e6;
    const long filledKb = residentKb("VmRSS:");

    // 1% of the jobs changed state, in the server's same order.
    JobList changed = jobs;
    for (int i = 0; i < count / 100; ++i) {
        Job& job = changed[random.bounded(count)];
        job.state =
            job.state == QLatin1String("waiting") ? QStringLiteral("active") : QStringLiteral("completed");
        job.finishedOn = 1.8e12;
    }
    timer.restart();
    model.applySnapshot(changed);
    const double refreshMs = timer.nsecsElapsed() / 1e6;

    // 1% changed, 0.1% gone, 0.1% new, and the order shuffled in blocks (the general path).
    JobList reordered = jobs;
    std::rotate(reordered.begin(), reordered.begin() + count / 3, reordered.end());
    for (int i = 0; i < count / 100; ++i)
        reordered[random.bounded(reordered.size())].attempts = 9;
    for (int i = 0; i < count / 1000; ++i)
        reordered.removeAt(random.bounded(reordered.size()));
    for (int i = 0; i < count / 1000; ++i) {
        Job job = jobs.at(i);
        job.id = QStringLiteral("new-%1").arg(i);
        reordered.append(job);
    }
    timer.restart();
    model.applySnapshot(reordered);
    const double generalMs = timer.nsecsElapsed() / 1e6;

    const double stateMs = bestOf(3,
                                  [&] {
                                      filter.setCategory(StateCategory::Failed);
                                      filter.rowCount();
                                      filter.setCategory(std::nullopt);
                                      filter.rowCount();
                                  }) /
                           2;
    const double searchMs = bestOf(3,
                                   [&] {
                                       filter.setSearchText(QStringLiteral("document-4242"));
                                       filter.rowCount();
                                       filter.setSearchText(QString());
                                       filter.rowCount();
                                   }) /
                            2;
    filter.sort(JobModel::IdColumn, Qt::DescendingOrder);
    filter.rowCount();
    timer.restart();
    model.applySnapshot(jobs);
    const double idSortedRefreshMs = timer.nsecsElapsed() / 1e6;
    const double sortMs = bestOf(1, [&] { filter.sort(JobModel::StartedColumn, Qt::AscendingOrder); });
    const double sortedFilterMs = bestOf(3,
                                         [&] {
                                             filter.setCategory(StateCategory::Completed);
                                             filter.rowCount();
                                             filter.setCategory(std::nullopt);
                                             filter.rowCount();
                                         }) /
                                  2;
    timer.restart();
    model.applySnapshot(changed);
    const double sortedRefreshMs = timer.nsecsElapsed() / 1e6;

    out << "Alchemyst Job Monitor benchmark: " << count << " jobs, " << (count + pageSize - 1) / pageSize
        << " pages of " << pageSize << " (" << bytes / 1024 / 1024 << " MiB of JSON)\n";
    out << QStringLiteral("  parse pages into jobs           %1 ms\n").arg(parseMs, 8, 'f', 1);
    out << QStringLiteral("  first fill of the model         %1 ms   (target <= 150)\n")
               .arg(fillMs, 8, 'f', 1);
    out << QStringLiteral("  refresh, 1% changed, same order %1 ms   (target <= 15)\n")
               .arg(refreshMs, 8, 'f', 1);
    out << QStringLiteral("  refresh, reordered +-0.1%       %1 ms\n").arg(generalMs, 8, 'f', 1);
    out << QStringLiteral("  filter by state (and back)      %1 ms   (target <= 30)\n")
               .arg(stateMs, 8, 'f', 1);
    out << QStringLiteral("  filter by search (and back)     %1 ms   (target <= 30)\n")
               .arg(searchMs, 8, 'f', 1);
    out << QStringLiteral("  sort 100k by Started            %1 ms\n").arg(sortMs, 8, 'f', 1);
    out << QStringLiteral("  refresh 1%, view sorted by id   %1 ms   (the window's default sort)\n")
               .arg(idSortedRefreshMs, 8, 'f', 1);
    out << QStringLiteral("  filter by state, sorted view    %1 ms\n").arg(sortedFilterMs, 8, 'f', 1);
    out << QStringLiteral("  refresh 1%, sorted by Started   %1 ms\n").arg(sortedRefreshMs, 8, 'f', 1);
    out << QStringLiteral("  resident, 100k jobs in the model %1 MB   (target <= 150)\n")
               .arg(filledKb / 1024.0, 8, 'f', 1);
    out << QStringLiteral(
               "  resident at the end             %1 MB   (three more job lists held by the benchmark)\n")
               .arg(residentKb("VmRSS:") / 1024.0, 8, 'f', 1);
    out << QStringLiteral("  peak resident                   %1 MB   (includes all %2 MiB of page JSON held "
                          "at once for timing;"
                          " resident before parsing %3 MB, after %4 MB)\n")
               .arg(residentKb("VmHWM:") / 1024.0, 8, 'f', 1)
               .arg(bytes / 1024 / 1024)
               .arg(baselineKb / 1024.0, 0, 'f', 1)
               .arg(afterParseKb / 1024.0, 0, 'f', 1);
    return 0;
}
