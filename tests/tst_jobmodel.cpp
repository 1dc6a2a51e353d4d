// The job model and its filter: open states, in-place refreshes that keep the selection, rows coming and
// going.
#include "core/connection.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobjson.h"
#include "jobs/jobmodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Alchemyst;

namespace {

Job job(const QString& id, const QString& state, const QString& file = QString())
{
    Job j;
    j.id = id;
    j.state = state;
    j.fileName = file;
    j.attempts = 0;
    return j;
}

JobList numbered(int count, const QString& state = QStringLiteral("waiting"))
{
    JobList list;
    for (int i = 0; i < count; ++i)
        list.append(job(QString::number(1000 + i), state, QStringLiteral("file-%1.pdf").arg(i)));
    return list;
}

} // namespace

class TestJobModel : public QObject
{
    Q_OBJECT

private slots:
    void singleJobAnswerKeepsWhatItDoesNotCarry();
    void unknownStateIsShownAsItCame();
    void refreshInPlaceKeepsSelection();
    void rowsArriveAndLeaveIndividually();
    void manyScatteredRemovalsKeepPersistentIndexes();
    void countsFollowEveryChange();
    void filterByStateAndSearch();
    void cancellableOnlyWaitingAndDelayed();
    void jobFromJsonReadsMetadata();
    void refreshBudgetStretchesTheInterval();
    void longRunningActiveJobsAreMarked();
    void mixedIdsSortConsistently();
};

void TestJobModel::unknownStateIsShownAsItCame()
{
    JobModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applySnapshot({job(QStringLiteral("1"), QStringLiteral("prioritized")),
                         job(QStringLiteral("2"), QStringLiteral("waiting"))});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, JobModel::StateColumn).data().toString(), QStringLiteral("prioritized"));
    QCOMPARE(model.index(0, 0).data(JobModel::CategoryRole).toInt(), static_cast<int>(StateCategory::Other));
    QCOMPARE(model.count(StateCategory::Other), 1);
    QCOMPARE(model.headerData(JobModel::FileColumn, Qt::Horizontal).toString(),
             QStringLiteral("File / Source"));

    Job hostile = job(QStringLiteral("3"), QStringLiteral("failed"), QStringLiteral("<img src=x>report.pdf"));
    hostile.failedReason = QStringLiteral("<b>boom</b> & more");
    model.updateJob(hostile);
    const int row = model.rowOf(QStringLiteral("3"));
    QCOMPARE(model.index(row, JobModel::FileColumn).data().toString(),
             QStringLiteral("<img src=x>report.pdf"));
    const QString tip = model.index(row, JobModel::ReasonColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("&lt;b&gt;boom&lt;/b&gt; &amp; more")), qPrintable(tip));
    QVERIFY(!model.index(row, JobModel::FileColumn)
                 .data(Qt::ToolTipRole)
                 .toString()
                 .contains(QLatin1String("<img")));
}

void TestJobModel::refreshInPlaceKeepsSelection()
{
    JobModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    JobFilterModel filter;
    filter.setJobModel(&model);
    filter.sort(JobModel::IdColumn, Qt::DescendingOrder);
    QItemSelectionModel selection(&filter);

    JobList jobs = numbered(50);
    model.applySnapshot(jobs);
    const QModelIndex target = filter.index(10, 0);
    const QString selectedId = target.data(JobModel::JobIdRole).toString();
    selection.select(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    // Same order, three jobs changed: only dataChanged.
    jobs[3].state = QStringLiteral("active");
    jobs[4].state = QStringLiteral("active");
    jobs[40].state = QStringLiteral("completed");
    jobs[40].finishedOn = 1712345678901;
    model.applySnapshot(jobs);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 2); // rows 3-4 as one run, row 40
    QCOMPARE(model.jobAt(40).state, QStringLiteral("completed"));

    // A different order from the server, one job gone, two new: still no reset, selection kept.
    std::reverse(jobs.begin(), jobs.end());
    jobs.removeAt(5);
    jobs.append(job(QStringLiteral("5000"), QStringLiteral("delayed")));
    jobs.append(job(QStringLiteral("5001"), QStringLiteral("waiting")));
    model.applySnapshot(jobs);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 51);
    QVERIFY(selection.hasSelection());
    QCOMPARE(selection.selectedRows().first().data(JobModel::JobIdRole).toString(), selectedId);
}

void TestJobModel::rowsArriveAndLeaveIndividually()
{
    JobModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applySnapshot(numbered(10));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    JobList next = numbered(10);
    next.removeAt(7);
    next.removeAt(2);
    next.removeAt(1);
    next.append(job(QStringLiteral("x"), QStringLiteral("waiting")));
    model.applySnapshot(next);
    QCOMPARE(removed.count(), 2); // rows 7, then 1-2
    QCOMPARE(removed.at(0).at(1).toInt(), 7);
    QCOMPARE(removed.at(1).at(1).toInt(), 1);
    QCOMPARE(removed.at(1).at(2).toInt(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(model.rowOf(QStringLiteral("x")), 7);
    QCOMPARE(model.rowOf(QStringLiteral("1001")), -1);
    QCOMPARE(model.rowOf(QStringLiteral("1009")), 6);

    model.updateJob(job(QStringLiteral("1009"), QStringLiteral("cancelled")));
    QCOMPARE(model.jobAt(6).state, QStringLiteral("cancelled"));
    model.removeJob(QStringLiteral("1009"));
    QCOMPARE(model.rowOf(QStringLiteral("x")), 6);
    model.applySnapshot({});
    QCOMPARE(model.rowCount(), 0);
}

void TestJobModel::manyScatteredRemovalsKeepPersistentIndexes()
{
    JobModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    JobList jobs = numbered(1000);
    model.applySnapshot(jobs);
    QPersistentModelIndex keep = model.index(501, 0);
    QPersistentModelIndex gone = model.index(500, 0);
    JobList kept;
    for (int i = 0; i < jobs.size(); ++i) {
        if (i % 2 == 1)
            kept.append(jobs.at(i)); // 500 separate runs vanish
    }
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    // Listeners look rows up by id while the signal is delivered: the index must be whole by then.
    bool consistentDuringSignal = false;
    connect(&model, &QAbstractItemModel::layoutChanged, this, [&model, &consistentDuringSignal] {
        const int row = model.rowOf(QStringLiteral("1999"));
        consistentDuringSignal = row == 499 && model.jobAt(row).id == QStringLiteral("1999");
    });
    model.applySnapshot(kept);
    QVERIFY(consistentDuringSignal);
    QCOMPARE(layout.count(), 1);
    QCOMPARE(model.rowCount(), 500);
    QVERIFY(keep.isValid());
    QCOMPARE(keep.data(JobModel::JobIdRole).toString(), QStringLiteral("1501"));
    QVERIFY(!gone.isValid());
    QCOMPARE(model.rowOf(QStringLiteral("1999")), 499);
}

void TestJobModel::countsFollowEveryChange()
{
    JobModel model;
    QSignalSpy counts(&model, &JobModel::countsChanged);
    JobList jobs = numbered(6);
    jobs[0].state = QStringLiteral("active");
    jobs[1].state = QStringLiteral("failed");
    jobs[2].state = QStringLiteral("delayed");
    model.applySnapshot(jobs);
    QCOMPARE(model.count(StateCategory::Waiting), 3);
    QCOMPARE(model.count(StateCategory::Active), 1);
    jobs[3].state = QStringLiteral("completed");
    jobs.removeAt(1);
    model.applySnapshot(jobs);
    QCOMPARE(model.count(StateCategory::Waiting), 2);
    QCOMPARE(model.count(StateCategory::Failed), 0);
    QCOMPARE(model.count(StateCategory::Completed), 1);
    QVERIFY(counts.count() >= 2);
}

void TestJobModel::filterByStateAndSearch()
{
    JobModel model;
    JobFilterModel filter;
    filter.setJobModel(&model);
    JobList jobs = numbered(20);
    jobs[0].state = QStringLiteral("failed");
    jobs[1].state = QStringLiteral("failed");
    jobs[2].state = QStringLiteral("waiting-children");
    jobs[3].fileName = QStringLiteral("Quarterly-Report.PDF");
    model.applySnapshot(jobs);
    filter.setCategory(StateCategory::Failed);
    QCOMPARE(filter.rowCount(), 2);
    filter.setCategory(StateCategory::Other);
    QCOMPARE(filter.rowCount(), 1);
    filter.setCategory(std::nullopt);
    filter.setSearchText(QStringLiteral("quarterly"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setSearchText(QStringLiteral("1019"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setSearchText(QStringLiteral("  "));
    QCOMPARE(filter.rowCount(), 20);

    filter.sort(JobModel::IdColumn, Qt::AscendingOrder);
    QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("1000"));
}

void TestJobModel::cancellableOnlyWaitingAndDelayed()
{
    QVERIFY(isCancellableState(QStringLiteral("waiting")));
    QVERIFY(isCancellableState(QStringLiteral("delayed")));
    for (const char* state : {"active", "completed", "failed", "cancelled", "prioritized", "unknown", ""})
        QVERIFY2(!isCancellableState(QString::fromLatin1(state)), state);
}

void TestJobModel::jobFromJsonReadsMetadata()
{
    const QJsonObject object{
        {QStringLiteral("jobId"), QStringLiteral("j1")},
        {QStringLiteral("status"), QStringLiteral("failed")},
        {QStringLiteral("attemptsMade"), 3},
        {QStringLiteral("failedReason"), QStringLiteral("boom")},
        {QStringLiteral("processedOn"), 1712345678900.0},
        {QStringLiteral("finishedOn"), 1712345678901.0},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("source"), QStringLiteral("slack")},
                     {QStringLiteral("metadata"),
                      QJsonObject{{QStringLiteral("fileName"), QStringLiteral("a.pdf")}}}}}};
    const std::optional<Job> parsed = Job::fromJson(object);
    QVERIFY(parsed);
    QCOMPARE(parsed->fileName, QStringLiteral("a.pdf"));
    QCOMPARE(parsed->source, QStringLiteral("slack"));
    QCOMPARE(parsed->attempts, 3);
    QCOMPARE(parsed->finishedOn, 1712345678901LL);
    QByteArray bytes;
    appendJobJson(bytes, *parsed); // as the CLI and the window's export write it
    const QJsonObject out = QJsonDocument::fromJson(bytes).object();
    QCOMPARE(out.value(QLatin1String("jobId")).toString(), QStringLiteral("j1"));
    QCOMPARE(out.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(out.keys().size(), 8);
}

void TestJobModel::refreshBudgetStretchesTheInterval()
{
    using namespace RefreshPolicy;
    QCOMPARE(RefreshRequestsPerMinute, 333);
    QCOMPARE(intervalMs(10000, 1), 10000);  // a few jobs: what the operator asked for
    QCOMPARE(intervalMs(10000, 55), 10000); // 55 pages every 10 s = 330 a minute: still within a third
    QVERIFY(intervalMs(10000, 56) > 10000); // 336 a minute would not be
    // 100,000 jobs in pages of 1000: 101 requests a refresh, at most 333 a minute.
    const int interval = intervalMs(10000, 101);
    QVERIFY(101 * 60000.0 / interval <= RefreshRequestsPerMinute);
    QVERIFY(interval < 19000);
    QCOMPARE(intervalMs(100, 1), 1000); // never faster than once a second
}

void TestJobModel::longRunningActiveJobsAreMarked()
{
    JobModel model;
    Job recent = job(QStringLiteral("1"), QStringLiteral("active"));
    recent.processedOn = QDateTime::currentMSecsSinceEpoch() - 60 * 1000;
    Job old = job(QStringLiteral("2"), QStringLiteral("active"));
    old.processedOn = QDateTime::currentMSecsSinceEpoch() - 42 * 60 * 1000;
    Job finished = old;
    finished.id = QStringLiteral("3");
    finished.state = QStringLiteral("completed");
    finished.finishedOn = old.processedOn + 1000;
    model.applySnapshot({recent, old, finished});
    QVERIFY(!model.index(0, JobModel::StartedColumn).data(JobModel::LongRunningRole).toBool());
    QVERIFY(model.index(1, JobModel::StartedColumn).data(JobModel::LongRunningRole).toBool());
    QVERIFY(model.index(1, JobModel::StartedColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("42 min")));
    QVERIFY(!model.index(2, JobModel::StartedColumn).data(JobModel::LongRunningRole).toBool());
}

void TestJobModel::mixedIdsSortConsistently()
{
    JobModel model;
    JobFilterModel filter;
    filter.setJobModel(&model);
    JobList jobs;
    for (const char* id : {"1a", "99", "b", "100", "010", "A2", "7"})
        jobs.append(job(QString::fromLatin1(id), QStringLiteral("waiting")));
    model.applySnapshot(jobs);
    filter.sort(JobModel::IdColumn, Qt::AscendingOrder);
    QStringList order;
    for (int row = 0; row < filter.rowCount(); ++row)
        order << filter.index(row, JobModel::IdColumn).data().toString();
    // Numbers first, by value; then the rest as text.
    QCOMPARE(order, (QStringList{QStringLiteral("7"), QStringLiteral("010"), QStringLiteral("99"),
                                 QStringLiteral("100"), QStringLiteral("1a"), QStringLiteral("A2"),
                                 QStringLiteral("b")}));
}

void TestJobModel::singleJobAnswerKeepsWhatItDoesNotCarry()
{
    // A single-job answer has no data: after a 409 or "Refresh This Job", file and source must not go blank.
    JobModel model;
    Job listed = job(QStringLiteral("7"), QStringLiteral("waiting"), QStringLiteral("report.pdf"));
    listed.source = QStringLiteral("google-drive");
    listed.attempts = 1;
    listed.processedOn = 1764400000000;
    model.applySnapshot({listed});
    Job answer;
    answer.id = QStringLiteral("7");
    answer.state = QStringLiteral("active");
    model.updateJob(answer);
    const Job& now = model.jobAt(model.rowOf(QStringLiteral("7")));
    QCOMPARE(now.state, QStringLiteral("active"));
    QCOMPARE(now.fileName, QStringLiteral("report.pdf"));
    QCOMPARE(now.source, QStringLiteral("google-drive"));
    QCOMPARE(now.attempts, 1);
    QCOMPARE(now.processedOn, qint64(1764400000000));
}

QTEST_GUILESS_MAIN(TestJobModel)
#include "tst_jobmodel.moc"
