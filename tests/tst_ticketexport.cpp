// "Copy for a ticket": the jobs as a Markdown table whose cells hold whatever the server wrote without
// breaking the table or turning into markup.
#include "jobs/jobexport.h"

#include <QTest>

using namespace Alchemyst;

class TestTicketExport : public QObject
{
    Q_OBJECT

private slots:
    void tableHasOneRowPerJob();
    void cellsAreEscaped();
    void ageComesFromTheCaller();
    void compactAges();
};

void TestTicketExport::tableHasOneRowPerJob()
{
    Job active;
    active.id = QStringLiteral("42");
    active.state = QStringLiteral("active");
    active.fileName = QStringLiteral("report.pdf");
    active.source = QStringLiteral("upload");
    active.processedOn = 1'700'000'000'000; // 2023-11-14 22:13:20 UTC
    Job failed;
    failed.id = QStringLiteral("43");
    failed.state = QStringLiteral("failed");
    failed.processedOn = 1'700'000'000'000;
    failed.finishedOn = 1'700'000'015'000;
    failed.failedReason = QStringLiteral("ECONNREFUSED");
    const QString md = jobsToMarkdown({active, failed}, 1'700'000'000'000 + 41 * 60 * 1000);
    const QStringList lines = md.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0), QStringLiteral("| ID | State | File | Source | Started (UTC) | Age | Reason |"));
    QCOMPARE(lines.at(1), QStringLiteral("|---|---|---|---|---|---|---|"));
    QCOMPARE(lines.at(2),
             QStringLiteral("| 42 | active | report.pdf | upload | 2023-11-14 22:13:20 | 41 min |  |"));
    QCOMPARE(lines.at(3),
             QStringLiteral("| 43 | failed |  |  | 2023-11-14 22:13:20 | 15 s | ECONNREFUSED |"));
    QVERIFY(md.endsWith(QLatin1Char('\n')));
}

void TestTicketExport::cellsAreEscaped()
{
    QCOMPARE(markdownCell(QStringLiteral("a|b")), QStringLiteral("a\\|b"));
    QCOMPARE(markdownCell(QStringLiteral("`rm -rf`")), QStringLiteral("\\`rm -rf\\`"));
    QCOMPARE(markdownCell(QStringLiteral("line1\nline2\r\nline3\rend")),
             QStringLiteral("line1<br>line2<br>line3<br>end"));
    QCOMPARE(markdownCell(QStringLiteral("a\\|b")), QStringLiteral("a\\\\\\|b"));
    QCOMPARE(markdownCell(QStringLiteral("[x](http://e) <img> *b* _i_ ~s~")),
             QStringLiteral("\\[x\\](http://e) \\<img\\> \\*b\\* \\_i\\_ \\~s\\~"));
    QCOMPARE(markdownCell(QStringLiteral("tab\there\x01")), QStringLiteral("tab here"));

    Job job;
    job.id = QStringLiteral("1");
    job.state = QStringLiteral("failed");
    job.failedReason = QStringLiteral("Document | 3 MB\nsee `log`");
    const QStringList lines = jobsToMarkdown({job}, 0).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3); // the newline did not end the row
    // Seven cells: eight unescaped pipes.
    const QString row = lines.at(2);
    int pipes = 0;
    for (qsizetype i = 0; i < row.size(); ++i) {
        if (row.at(i) == QLatin1Char('|') && (i == 0 || row.at(i - 1) != QLatin1Char('\\')))
            ++pipes;
    }
    QCOMPARE(pipes, 8);
    QVERIFY(row.contains(QLatin1String("Document \\| 3 MB<br>see \\`log\\`")));
}

void TestTicketExport::ageComesFromTheCaller()
{
    Job waiting;
    waiting.id = QStringLiteral("9");
    waiting.state = QStringLiteral("waiting");
    const QString plain = jobsToMarkdown({waiting}, 0);
    QVERIFY(plain.contains(QLatin1String("| 9 | waiting |  |  |  |  |  |")));
    const QString withAge =
        jobsToMarkdown({waiting}, 0, [](const Job&) { return QStringLiteral("≥ 25 min"); });
    QVERIFY(withAge.contains(QStringLiteral("| ≥ 25 min |")));
}

void TestTicketExport::compactAges()
{
    QCOMPARE(compactAge(15'000), QStringLiteral("15 s"));
    QCOMPARE(compactAge(119'999), QStringLiteral("119 s"));
    QCOMPARE(compactAge(41 * 60'000), QStringLiteral("41 min"));
    QCOMPARE(compactAge(3 * 3600'000LL + 5 * 60'000), QStringLiteral("3 h 5 min"));
    QCOMPARE(compactAge(52 * 3600'000LL), QStringLiteral("2 d 4 h"));
    QCOMPARE(compactAge(-1), QString());
}

QTEST_GUILESS_MAIN(TestTicketExport)
#include "tst_ticketexport.moc"
