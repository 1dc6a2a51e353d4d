// Job times in the computer's zone or in UTC, the zone named in the column headers: TimeDisplay and the
// JobModel columns that use it, at known instants in a known zone.
#include "jobs/jobmodel.h"
#include "jobs/timedisplay.h"

#include <QSignalSpy>
#include <QTest>
#include <ctime>

using namespace Alchemyst;

namespace {

// 2026-01-15 12:34:56 UTC (winter: Berlin is UTC+01:00, CET) and 2026-07-15 12:34:56 UTC (summer: CEST).
constexpr qint64 Winter = 1768480496000;
constexpr qint64 Summer = 1784118896000;

Job finishedJob(const QString& id, qint64 started, qint64 finished)
{
    Job job;
    job.id = id;
    job.state = QStringLiteral("completed");
    job.processedOn = started;
    job.finishedOn = finished;
    return job;
}

} // namespace

class TestTimeDisplay : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void formatsInBothZones();
    void namesTheZone();
    void offsets();
    void modelHeaderAndCells();
    void modelSignalsTheSwitch();

private:
    QByteArray m_oldTz;
};

void TestTimeDisplay::initTestCase()
{
    // A zone with an abbreviation and daylight saving time, whatever the machine's own is.
    m_oldTz = qgetenv("TZ");
    qputenv("TZ", "Europe/Berlin");
    tzset();
}

void TestTimeDisplay::formatsInBothZones()
{
    QCOMPARE(TimeDisplay::format(Winter, TimeDisplay::Zone::Utc), QStringLiteral("2026-01-15 12:34:56"));
    QCOMPARE(TimeDisplay::format(Winter, TimeDisplay::Zone::Local), QStringLiteral("2026-01-15 13:34:56"));
    QCOMPARE(TimeDisplay::format(Summer, TimeDisplay::Zone::Local), QStringLiteral("2026-07-15 14:34:56"));
    QCOMPARE(TimeDisplay::formatWithOffset(Winter, TimeDisplay::Zone::Utc),
             QStringLiteral("2026-01-15 12:34:56 UTC"));
    QCOMPARE(TimeDisplay::formatWithOffset(Winter, TimeDisplay::Zone::Local),
             QStringLiteral("2026-01-15 13:34:56 UTC+01:00"));
    QCOMPARE(TimeDisplay::formatWithOffset(Summer, TimeDisplay::Zone::Local),
             QStringLiteral("2026-07-15 14:34:56 UTC+02:00"));
    // A missing time is no time, in either zone.
    QVERIFY(TimeDisplay::format(0, TimeDisplay::Zone::Utc).isEmpty());
    QVERIFY(TimeDisplay::formatWithOffset(-5, TimeDisplay::Zone::Local).isEmpty());
}

void TestTimeDisplay::namesTheZone()
{
    QCOMPARE(TimeDisplay::zoneLabel(TimeDisplay::Zone::Utc, Winter), QStringLiteral("UTC"));
    QCOMPARE(TimeDisplay::zoneLabel(TimeDisplay::Zone::Local, Winter), QStringLiteral("CET"));
    QCOMPARE(TimeDisplay::zoneLabel(TimeDisplay::Zone::Local, Summer), QStringLiteral("CEST"));
    QVERIFY(
        TimeDisplay::zoneDescription(TimeDisplay::Zone::Local, Winter).contains(QLatin1String("UTC+01:00")));
    QVERIFY(TimeDisplay::zoneDescription(TimeDisplay::Zone::Utc, Winter).contains(QLatin1String("UTC")));
}

void TestTimeDisplay::offsets()
{
    QCOMPARE(TimeDisplay::offsetText(0), QStringLiteral("UTC"));
    QCOMPARE(TimeDisplay::offsetText(5 * 3600 + 30 * 60), QStringLiteral("UTC+05:30"));
    QCOMPARE(TimeDisplay::offsetText(-(3 * 3600 + 30 * 60)), QStringLiteral("UTC-03:30"));
    QCOMPARE(TimeDisplay::offsetText(14 * 3600), QStringLiteral("UTC+14:00"));
}

void TestTimeDisplay::modelHeaderAndCells()
{
    JobModel model;
    model.applySnapshot({finishedJob(QStringLiteral("7"), Winter, Winter + 61000)});
    const QModelIndex started = model.index(0, JobModel::StartedColumn);
    const QModelIndex finished = model.index(0, JobModel::FinishedColumn);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString zoneNow = TimeDisplay::zoneLabel(TimeDisplay::Zone::Local, now); // CET or CEST today

    QVERIFY(!model.timesInUtc());
    QCOMPARE(started.data().toString(), QStringLiteral("2026-01-15 13:34:56"));
    QCOMPARE(finished.data().toString(), QStringLiteral("2026-01-15 13:35:57"));
    QCOMPARE(model.headerData(JobModel::StartedColumn, Qt::Horizontal).toString(),
             QStringLiteral("Started (%1)").arg(zoneNow));
    QCOMPARE(model.headerData(JobModel::FinishedColumn, Qt::Horizontal).toString(),
             QStringLiteral("Finished (%1)").arg(zoneNow));
    QVERIFY(zoneNow == QLatin1String("CET") || zoneNow == QLatin1String("CEST"));
    QVERIFY(model.headerData(JobModel::StartedColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(zoneNow));
    // Other columns name no zone.
    QCOMPARE(model.headerData(JobModel::IdColumn, Qt::Horizontal).toString(), QStringLiteral("Job ID"));
    QVERIFY(model.headerData(JobModel::IdColumn, Qt::Horizontal, Qt::ToolTipRole).isNull());

    model.setTimesInUtc(true);
    QVERIFY(model.timesInUtc());
    QCOMPARE(started.data().toString(), QStringLiteral("2026-01-15 12:34:56"));
    QCOMPARE(finished.data().toString(), QStringLiteral("2026-01-15 12:35:57"));
    QCOMPARE(model.headerData(JobModel::StartedColumn, Qt::Horizontal).toString(),
             QStringLiteral("Started (UTC)"));
    QCOMPARE(model.headerData(JobModel::FinishedColumn, Qt::Horizontal).toString(),
             QStringLiteral("Finished (UTC)"));

    // A job not finished has no Finished time in UTC either.
    Job unfinished = finishedJob(QStringLiteral("8"), Summer, 0);
    unfinished.state = QStringLiteral("active");
    model.updateJob(unfinished);
    QVERIFY(
        model.index(model.rowOf(QStringLiteral("8")), JobModel::FinishedColumn).data().toString().isEmpty());
}

void TestTimeDisplay::modelSignalsTheSwitch()
{
    JobModel model;
    model.applySnapshot(
        {finishedJob(QStringLiteral("1"), Winter, Winter), finishedJob(QStringLiteral("2"), Summer, Summer)});
    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    QSignalSpy cells(&model, &QAbstractItemModel::dataChanged);
    model.setTimesInUtc(true);
    QCOMPARE(headers.count(), 1);
    QCOMPARE(headers.at(0).at(1).toInt(), int(JobModel::StartedColumn));
    QCOMPARE(headers.at(0).at(2).toInt(), int(JobModel::FinishedColumn));
    QCOMPARE(cells.count(), 1);
    // From Age ("seen since 09:14 UTC") to Finished.
    QCOMPARE(cells.at(0).at(0).value<QModelIndex>().column(), int(JobModel::AgeColumn));
    QCOMPARE(cells.at(0).at(1).value<QModelIndex>().column(), int(JobModel::FinishedColumn));
    QCOMPARE(cells.at(0).at(1).value<QModelIndex>().row(), 1);
    // Asking for what is already shown changes nothing.
    model.setTimesInUtc(true);
    QCOMPARE(headers.count(), 1);
    QCOMPARE(cells.count(), 1);
}

QTEST_GUILESS_MAIN(TestTimeDisplay)
#include "tst_timedisplay.moc"
