// The hand-made ISO 8601 UTC formatter (isoUtc, formatIsoUtc, appendIsoUtc) against what QDateTime writes,
// over times chosen to break date arithmetic and a few hundred thousand random ones.
#include "cli/output.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

using namespace Alchemyst;

class TestIsoUtc : public QObject
{
    Q_OBJECT

private slots:
    void agreesWithQDateTimeAtEdges();
    void agreesWithQDateTimeAtRandom();
    void isoUtcSaysUnknownForZeroAndBefore();
    void appendsTheSameBytes();
};

static QString reference(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

void TestIsoUtc::agreesWithQDateTimeAtEdges()
{
    QList<qint64> times;
    // Each day's first and last millisecond (ms 0 and 999) around month ends, leap days (2000 and 2024
    // have one, 1900 and 2100 do not) and 1970 itself, before and after it.
    const QList<QDate> dates{{1970, 1, 1},   {1969, 12, 31}, {1968, 2, 29}, {1900, 2, 28}, {1900, 3, 1},
                             {1600, 2, 29},  {2000, 2, 29},  {2000, 3, 1},  {2024, 2, 29}, {2023, 2, 28},
                             {2023, 3, 1},   {2100, 2, 28},  {2100, 3, 1},  {2038, 1, 19}, {1, 1, 1},
                             {9999, 12, 31}, {2026, 12, 31}, {1583, 1, 1},  {400, 2, 29},  {1066, 10, 14},
                             {1999, 12, 31}, {2400, 2, 29}};
    for (const QDate& date : dates) {
        const qint64 start = QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        for (const qint64 offset : {0LL, 1LL, 999LL, 1000LL, 59999LL, 3599999LL, 86399000LL, 86399999LL})
            times.append(start + offset);
        times.append(start - 1);
    }
    times.append({0, -1, 1, 999, -999, -1000, -1001, 1700000000000LL, 253402300799999LL, -62135596800000LL});
    for (const qint64 ms : times)
        QCOMPARE(formatIsoUtc(ms), reference(ms));
}

void TestIsoUtc::agreesWithQDateTimeAtRandom()
{
    QRandomGenerator random(16);
    // Years 1 to 9999 at random, then the last and next century densely (where the jobs are).
    for (int i = 0; i < 100000; ++i) {
        const qint64 ms = -62135596800000LL + static_cast<qint64>(random.bounded(315537897600000.0));
        QCOMPARE(formatIsoUtc(ms), reference(ms));
    }
    for (int i = 0; i < 100000; ++i) {
        const qint64 ms = -3155760000000LL + static_cast<qint64>(random.bounded(6311520000000.0));
        QCOMPARE(formatIsoUtc(ms), reference(ms));
    }
}

void TestIsoUtc::isoUtcSaysUnknownForZeroAndBefore()
{
    QVERIFY(isoUtc(0).isEmpty());
    QVERIFY(isoUtc(-1).isEmpty());
    QCOMPARE(isoUtc(1), QStringLiteral("1970-01-01T00:00:00.001Z"));
    QCOMPARE(isoUtc(1709251199999LL), QStringLiteral("2024-02-29T23:59:59.999Z"));
}

void TestIsoUtc::appendsTheSameBytes()
{
    for (const qint64 ms : {1LL, 951782400000LL, 1709164800000LL, -86400001LL, 253402300799999LL}) {
        QByteArray out("x");
        appendIsoUtc(out, ms);
        QCOMPARE(out, QByteArray("x") + reference(ms).toLatin1());
    }
}

QTEST_GUILESS_MAIN(TestIsoUtc)
#include "tst_isoutc.moc"
