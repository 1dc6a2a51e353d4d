// What the job table says, below the widgets: durations ("15 s", never "0 min"), relative times with the
// absolute one in the tool tip, the compact Age column, the Duration column, search in failure reasons,
// failure groups headed by their template, and state names in the operator's words.
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "jobs/statenames.h"
#include "jobs/timedisplay.h"
#include "triage/failuregroups.h"
#include "triage/stuck.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Alchemyst;

namespace {

constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

Job failed(const QString& id, const QString& reason, const QString& file = QString())
{
    Job job;
    job.id = id;
    job.state = QStringLiteral("failed");
    job.fileName = file;
    job.failedReason = reason;
    job.attempts = 1;
    return job;
}

Job finished(const QString& id, qint64 startedMs, qint64 tookMs)
{
    Job job;
    job.id = id;
    job.state = QStringLiteral("completed");
    job.processedOn = startedMs;
    job.finishedOn = startedMs + tookMs;
    job.attempts = 1;
    return job;
}

} // namespace

class TestTableText : public QObject
{
    Q_OBJECT

private slots:
    void durationsUnderTwoMinutesInSeconds_data();
    void durationsUnderTwoMinutesInSeconds();
    void relativeTimes();
    void compactAge();
    void durationColumnAndItsSort();
    void relativeCellsKeepTheAbsoluteTimeInTheToolTip();
    void searchCoversTheFailureReason();
    void failureGroupsAreLabelledByTheirTemplate();
    void labelKeepsWhatEveryTextShares();
    void stateNames();
};

void TestTableText::durationsUnderTwoMinutesInSeconds_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("nothing") << qint64(0) << s("0 s");
    QTest::newRow("negative (clock skew)") << qint64(-5 * Second) << s("0 s");
    QTest::newRow("a quick job") << 15 * Second + 400 << s("15 s");
    QTest::newRow("just under a minute") << 59 * Second << s("59 s");
    QTest::newRow("90 s, not 1 min") << 90 * Second << s("90 s");
    QTest::newRow("just under two minutes") << 2 * Minute - 1 << s("119 s");
    QTest::newRow("two minutes") << 2 * Minute << s("2 min");
    QTest::newRow("41 min") << 41 * Minute + 59 * Second << s("41 min");
    QTest::newRow("119 min") << 119 * Minute << s("119 min");
    QTest::newRow("two hours") << 120 * Minute << s("2 h");
    QTest::newRow("three days") << 3 * 24 * 60 * Minute << s("3 d");
}

void TestTableText::durationsUnderTwoMinutesInSeconds()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(TimeDisplay::durationText(ms), text);
}

void TestTableText::relativeTimes()
{
    const qint64 now = QDateTime(QDate(2026, 11, 29), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    QCOMPARE(JobModel::relativeTimeText(0, now), QString());
    QCOMPARE(JobModel::relativeTimeText(now - 15 * Second, now), s("15 s ago"));
    QCOMPARE(JobModel::relativeTimeText(now - 100 * Second, now), s("100 s ago")); // not "1 min ago"
    QCOMPARE(JobModel::relativeTimeText(now - 12 * Minute, now), s("12 min ago"));
    QCOMPARE(JobModel::relativeTimeText(now - 125 * Minute, now), s("2 h 5 min ago"));
    QCOMPARE(JobModel::relativeTimeText(now - 3 * 24 * 60 * Minute, now),
             s("3 day(s) ago")); // no catalog here
    // A server clock a little ahead is "now"; far ahead is said.
    QCOMPARE(JobModel::relativeTimeText(now + 20 * Second, now), s("0 s ago"));
    QCOMPARE(JobModel::relativeTimeText(now + 10 * Minute, now), s("in the future"));
}

void TestTableText::compactAge()
{
    const qint64 now = QDateTime(QDate(2026, 11, 29), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const StuckThresholds thresholds; // 15 min active, 30 min waiting
    Job active;
    active.id = QStringLiteral("1");
    active.state = QStringLiteral("active");
    active.processedOn = now - 41 * Minute;
    // From a known start: exact, and over the threshold: marked in text, not by colour alone.
    QCOMPARE(JobModel::ageText(evaluateStuck(active, 0, now, thresholds, false)), s("⚠ 41 min"));
    active.processedOn = now - 15 * Second;
    QCOMPARE(JobModel::ageText(evaluateStuck(active, 0, now, thresholds, false)), s("15 s"));

    Job waiting;
    waiting.id = QStringLiteral("2");
    waiting.state = QStringLiteral("waiting");
    // From the app's first sighting: a lower bound, and nothing until it says something.
    QCOMPARE(JobModel::ageText(evaluateStuck(waiting, now - 25 * Minute, now, thresholds, false)),
             s("≥ 25 min"));
    QCOMPARE(JobModel::ageText(evaluateStuck(waiting, now - 40 * Second, now, thresholds, false)), QString());
    QCOMPARE(JobModel::ageText(evaluateStuck(waiting, now - 90 * Second, now, thresholds, false)),
             s("≥ 90 s"));
    QCOMPARE(JobModel::ageText(evaluateStuck(waiting, now - 45 * Minute, now, thresholds, false)),
             s("⚠ ≥ 45 min"));
    QCOMPARE(JobModel::ageText(evaluateStuck(waiting, 0, now, thresholds, false)), QString()); // never seen

    Job done = finished(QStringLiteral("3"), now - Minute, Second);
    QCOMPARE(JobModel::ageText(evaluateStuck(done, 0, now, thresholds, false)), QString());
}

void TestTableText::durationColumnAndItsSort()
{
    const qint64 t = QDateTime::currentMSecsSinceEpoch() - 60 * Minute;
    JobModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Job running;
    running.id = QStringLiteral("4");
    running.state = QStringLiteral("active");
    running.processedOn = t;
    model.applySnapshot({finished(QStringLiteral("1"), t, 15 * Second),
                         finished(QStringLiteral("2"), t, 41 * Minute), finished(QStringLiteral("3"), t, 200),
                         running});
    QCOMPARE(model.columnCount(), int(JobModel::ColumnCount));
    QCOMPARE(model.headerData(JobModel::DurationColumn, Qt::Horizontal).toString(), s("Duration"));
    const auto cell = [&model](const char* id) {
        return model.index(model.rowOf(QString::fromLatin1(id)), JobModel::DurationColumn);
    };
    QCOMPARE(cell("1").data().toString(), s("15 s")); // "Took: 0 min" said nothing
    QCOMPARE(cell("2").data().toString(), s("41 min"));
    QCOMPARE(cell("3").data().toString(), s("0 s"));
    QCOMPARE(cell("4").data().toString(), QString()); // not finished: no duration
    QVERIFY(cell("1").data(Qt::ToolTipRole).toString().startsWith(QLatin1String("From ")));

    JobFilterModel filter;
    filter.setJobModel(&model);
    filter.sort(JobModel::DurationColumn, Qt::AscendingOrder);
    QStringList order;
    for (int row = 0; row < filter.rowCount(); ++row)
        order << filter.index(row, 0).data(JobModel::JobIdRole).toString();
    QCOMPARE(order, (QStringList{s("4"), s("3"), s("1"), s("2")}));
}

void TestTableText::relativeCellsKeepTheAbsoluteTimeInTheToolTip()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 started = now - 12 * Minute - 5 * Second;
    JobModel model;
    model.applySnapshot({finished(QStringLiteral("1"), started, 30 * Second)});
    const QModelIndex cell = model.index(0, JobModel::StartedColumn);
    // The model's own default stays absolute (the CLI and older callers); the window turns relative on.
    QCOMPARE(cell.data().toString(), TimeDisplay::format(started, TimeDisplay::Zone::Local));
    model.setTimesInUtc(true);
    model.setRelativeTimes(true);
    QCOMPARE(cell.data().toString(), s("12 min ago"));
    QCOMPARE(model.index(0, JobModel::FinishedColumn).data().toString(), s("11 min ago"));
    // The absolute time and its zone, in the tool tip.
    QCOMPARE(cell.data(Qt::ToolTipRole).toString(),
             TimeDisplay::format(started, TimeDisplay::Zone::Utc) + s(" UTC"));
    QCOMPARE(model.headerData(JobModel::StartedColumn, Qt::Horizontal).toString(), s("Started"));
    model.setTimesInUtc(false);
    const QString local = cell.data(Qt::ToolTipRole).toString();
    QVERIFY2(local.startsWith(TimeDisplay::format(started, TimeDisplay::Zone::Local) + QLatin1Char(' ') +
                              TimeDisplay::zoneLabel(TimeDisplay::Zone::Local, started)),
             qPrintable(local));
    model.setRelativeTimes(false);
    QCOMPARE(cell.data().toString(), TimeDisplay::format(started, TimeDisplay::Zone::Local));
    QVERIFY(model.headerData(JobModel::StartedColumn, Qt::Horizontal).toString().startsWith(s("Started (")));
}

void TestTableText::searchCoversTheFailureReason()
{
    JobModel model;
    model.applySnapshot(
        {failed(QStringLiteral("11"), s("connect ECONNREFUSED 10.0.0.7:443"), s("a.pdf")),
         failed(QStringLiteral("12"), s("Embedding service timed out"), s("b.pdf")),
         failed(QStringLiteral("13"), s("getaddrinfo ENOTFOUND; then econnrefused"), s("c.pdf"))});
    JobFilterModel filter;
    filter.setJobModel(&model);
    filter.setSearchText(QStringLiteral("ECONNREFUSED"));
    QCOMPARE(filter.rowCount(), 2); // case-insensitive, as the other fields
    QStringList ids;
    for (int row = 0; row < filter.rowCount(); ++row)
        ids << filter.index(row, 0).data(JobModel::JobIdRole).toString();
    ids.sort();
    QCOMPARE(ids, (QStringList{s("11"), s("13")}));
    filter.setSearchText(QStringLiteral("b.pdf"));
    QCOMPARE(filter.rowCount(), 1);
}

void TestTableText::failureGroupsAreLabelledByTheirTemplate()
{
    FailureGrouper grouper;
    const FailureGroupList groups = grouper.group({
        failed(s("1"), s("Document 4411 exceeds the 25 MB limit (31 MB)")),
        failed(s("2"), s("Document 77 exceeds the 25 MB limit (40 MB)")),
        failed(s("3"), s("Document 77 exceeds the 25 MB limit (40 MB)")),
        failed(s("4"), s("Embedding service timed out after 30s")),
        failed(s("5"), s("File 'a-1.pdf' not found in bucket 7")),
        failed(s("6"), s("File 'b-2.pdf' not found in bucket 7")),
        failed(s("7"), s("Job 0f8fad5b-d9cb-469f-a165-70867728950e lost")),
        failed(s("8"), s("Job 7c9e6679-7425-40de-944b-e07fc1f90ae7 lost")),
    });
    QCOMPARE(groups.size(), 4);
    QCOMPARE(groups.at(0).count, 3);
    QCOMPARE(groups.at(0).reason, s("Document 77 exceeds the 25 MB limit (40 MB)")); // still one real text
    QCOMPARE(groups.at(0).label, s("Document ‹n› exceeds the 25 MB limit (‹n› MB)"));
    QHash<QString, QString> labels;
    for (const FailureGroup& group : groups)
        labels.insert(group.jobIds.constFirst(), group.label);
    QCOMPARE(labels.value(s("4")), s("Embedding service timed out after 30s")); // one text: itself
    QCOMPARE(labels.value(s("5")), s("File '‹name›' not found in bucket 7"));
    QCOMPARE(labels.value(s("7")), s("Job ‹uuid› lost"));
}

void TestTableText::labelKeepsWhatEveryTextShares()
{
    FailureGrouper grouper;
    // Short mixes of digits and letters ("31MB") keep their letters; numbers all texts share stay.
    FailureGroupList groups = grouper.group({failed(s("1"), s("Upload of 31MB  failed after 3 tries")),
                                             failed(s("2"), s("Upload of 40MB failed after 3 tries"))});
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups.at(0).variants, 2);
    QCOMPARE(groups.at(0).label, s("Upload of ‹n›MB failed after 3 tries"));
    // The same key from texts whose numbers sit elsewhere: every placeholder stays one.
    groups = grouper.group({failed(s("3"), s("code # 5")), failed(s("4"), s("code 5 #"))});
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups.at(0).label, s("code # ‹n›")); // from the first text met; its 5 is not everyone's
    // A cache cleared forgets the templates with the texts.
    grouper.clearCache();
    groups = grouper.group({failed(s("5"), s("Upload of 50MB failed after 4 tries"))});
    QCOMPARE(groups.at(0).label, s("Upload of 50MB failed after 4 tries"));
}

void TestTableText::stateNames()
{
    // Without a translator: the English names the state filter uses; unknown states as they came.
    QCOMPARE(stateDisplayName(s("waiting")), s("Waiting"));
    QCOMPARE(stateDisplayName(s("failed")), s("Failed"));
    QCOMPARE(stateDisplayName(s("cancelled")), s("Cancelled"));
    QCOMPARE(stateDisplayName(s("prioritized")), s("prioritized"));
    QCOMPARE(stateDisplayName(s("waiting-children")), s("waiting-children"));

    JobModel model;
    model.applySnapshot({failed(s("1"), s("boom"))});
    const QModelIndex cell = model.index(0, JobModel::StateColumn);
    QCOMPARE(cell.data().toString(), s("Failed"));
    QCOMPARE(cell.data(JobModel::StateRole).toString(), s("failed")); // exports and the CLI use this
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QLatin1String("failed")));
}

QTEST_GUILESS_MAIN(TestTableText)
#include "tst_tabletext.moc"
