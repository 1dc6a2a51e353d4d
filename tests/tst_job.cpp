// Job::fromJson against hostile values (ids that would address another job, epochs that would be
// undefined behaviour, texts that would cost every paint) and parseJsonBody against bodies Qt refuses.
#include "api/jsonbody.h"
#include "jobs/job.h"
#include "jobs/jobjson.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <limits>

using namespace Alchemyst;

namespace {
// A job as the program writes it (the CLI's --json, the window's export): the one writer, read back.
QJsonObject written(const Job& job)
{
    QByteArray bytes;
    appendJobJson(bytes, job);
    return QJsonDocument::fromJson(bytes).object();
}
} // namespace

namespace {

// The job as the server would send it, with `idLiteral` pasted in as raw JSON text, so that the
// numbers go through Qt's own parser the way a real answer does.
std::optional<Job> jobFromText(const QByteArray& idLiteral, const QByteArray& extra = QByteArray())
{
    const QByteArray text = R"({"jobId":)" + idLiteral + R"(,"status":"waiting","data":{})" + extra + '}';
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("test JSON does not parse: %s", text.constData());
    return Job::fromJson(document.object());
}

QJsonObject withId(const QJsonValue& id)
{
    return QJsonObject{{QStringLiteral("jobId"), id}, {QStringLiteral("status"), QStringLiteral("waiting")}};
}

QJsonObject withField(const QString& name, const QJsonValue& value)
{
    QJsonObject object = withId(QStringLiteral("j1"));
    object.insert(name, value);
    return object;
}

const QChar Ellipsis(0x2026);

} // namespace

class TestJob : public QObject
{
    Q_OBJECT

private slots:
    void normalJobUnchanged();
    void qtParserKeepsIntegersAbove2To53();
    void hugeNumericIdKeptExactOrRefused_data();
    void hugeNumericIdKeptExactOrRefused();
    void nonFiniteIdRefused();
    void idFallsBackOnlyWhenJobIdIsAbsent();
    void epochOutOfRangeIsUnknown_data();
    void epochOutOfRangeIsUnknown();
    void attemptsOutOfRangeIsUnknown_data();
    void attemptsOutOfRangeIsUnknown();
    void longReasonCappedAndMarked();
    void capNeverSplitsASurrogatePair();
    void longNamesAndStateCapped();
    void longIdRefused();
    void repairedIdRefused();
    void jobStaysSmall();
    void validBodyParsedAsQtDoes();
    void invalidUtf8InDataKeepsThePage();
    void invalidUtf8ReplacedPerMaximalSubpart_data();
    void invalidUtf8ReplacedPerMaximalSubpart();
    void invalidUtf8RepairIsLinear();
    void otherJsonErrorsAreDescribed();
    void errorAfterRepairPointsIntoTheOriginalBody();
};

void TestJob::normalJobUnchanged()
{
    const QByteArray text = R"({"jobId":"j1","status":"failed","attemptsMade":3,"processedOn":1712345678900,
        "finishedOn":1712345678901,"failedReason":"Embedding service timed out",
        "data":{"source":"google-drive","metadata":{"fileName":"report.pdf"}}})";
    const std::optional<Job> job = Job::fromJson(QJsonDocument::fromJson(text).object());
    QVERIFY(job);
    QCOMPARE(job->id, QStringLiteral("j1"));
    QCOMPARE(job->state, QStringLiteral("failed"));
    QCOMPARE(job->attempts, 3);
    QCOMPARE(job->processedOn, 1712345678900LL);
    QCOMPARE(job->finishedOn, 1712345678901LL);
    QCOMPARE(job->failedReason, QStringLiteral("Embedding service timed out"));
    QVERIFY(!job->reasonTruncated);
    QCOMPARE(job->source, QStringLiteral("google-drive"));
    QCOMPARE(job->fileName, QStringLiteral("report.pdf"));

    const QJsonObject out = written(*job);
    QVERIFY(!out.contains(QLatin1String("failedReasonTruncated")));
    QCOMPARE(out.value(QLatin1String("jobId")).toString(), QStringLiteral("j1"));
    QCOMPARE(out.value(QLatin1String("processedOn")).toString(), QStringLiteral("2024-04-05T19:34:38.900Z"));

    const std::optional<Job> numeric = jobFromText("42");
    QVERIFY(numeric);
    QCOMPARE(numeric->id, QStringLiteral("42"));
    const std::optional<Job> fromId = Job::fromJson(QJsonObject{{QStringLiteral("id"), 7}});
    QVERIFY(fromId);
    QCOMPARE(fromId->id, QStringLiteral("7"));
    QCOMPARE(fromId->state, QStringLiteral("unknown"));
}

// What the id rule relies on: Qt 6 keeps an integer literal that fits qint64 as an integer, not as
// a double, so 2^53 + 1 is not rounded to 2^53.
void TestJob::qtParserKeepsIntegersAbove2To53()
{
    const QJsonDocument document = QJsonDocument::fromJson("[9007199254740993, 9223372036854775807]");
    QCOMPARE(document.array().at(0).toInteger(), 9007199254740993LL);
    QCOMPARE(document.array().at(1).toInteger(), std::numeric_limits<qint64>::max());
}

void TestJob::hugeNumericIdKeptExactOrRefused_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<QString>("expected"); // null: the entry is refused

    QTest::newRow("2^53+1") << QByteArray("9007199254740993") << QStringLiteral("9007199254740993");
    QTest::newRow("qint64 max") << QByteArray("9223372036854775807") << QStringLiteral("9223372036854775807");
    QTest::newRow("negative") << QByteArray("-12") << QStringLiteral("-12");
    QTest::newRow("zero") << QByteArray("0") << QStringLiteral("0");
    QTest::newRow("exponent, exact") << QByteArray("1e3") << QStringLiteral("1000");
    QTest::newRow("2^63") << QByteArray("9223372036854775808") << QString();
    QTest::newRow("2^64") << QByteArray("18446744073709551616") << QString();
    QTest::newRow("1e20") << QByteArray("1e20") << QString();
    QTest::newRow("fraction") << QByteArray("1.5") << QString();
    QTest::newRow("small fraction") << QByteArray("0.25") << QString();
    QTest::newRow("-2^63") << QByteArray("-9223372036854775808") << QString();
    QTest::newRow("below -2^63, rounded by Qt") << QByteArray("-9223372036854775809") << QString();
    QTest::newRow("-1e300") << QByteArray("-1e300") << QString();
}

void TestJob::hugeNumericIdKeptExactOrRefused()
{
    QFETCH(QByteArray, literal);
    QFETCH(QString, expected);
    const std::optional<Job> job = jobFromText(literal);
    if (expected.isNull()) {
        QVERIFY2(!job, qPrintable(job ? job->id : QString()));
    } else {
        QVERIFY(job);
        QCOMPARE(job->id, expected);
    }
}

void TestJob::nonFiniteIdRefused()
{
    QVERIFY(!Job::fromJson(withId(std::numeric_limits<double>::quiet_NaN())));
    QVERIFY(!Job::fromJson(withId(std::numeric_limits<double>::infinity())));
    QVERIFY(!Job::fromJson(withId(-std::numeric_limits<double>::infinity())));
    QVERIFY(!Job::fromJson(withId(1e300)));
}

// A jobId that is present but unusable must not be replaced by another field's value.
void TestJob::idFallsBackOnlyWhenJobIdIsAbsent()
{
    QJsonObject object{{QStringLiteral("id"), QStringLiteral("fallback")}};
    QCOMPARE(Job::fromJson(object)->id, QStringLiteral("fallback"));
    object.insert(QStringLiteral("jobId"), QString());
    QCOMPARE(Job::fromJson(object)->id, QStringLiteral("fallback"));
    object.insert(QStringLiteral("jobId"), 1.5);
    QVERIFY(!Job::fromJson(object));
    object.insert(QStringLiteral("jobId"), QString(Job::MaxIdLength + 1, QLatin1Char('7')));
    QVERIFY(!Job::fromJson(object));
}

void TestJob::epochOutOfRangeIsUnknown_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("usual") << QByteArray("1712345678900") << qint64(1712345678900);
    QTest::newRow("usual string") << QByteArray(R"("1712345678900")") << qint64(1712345678900);
    QTest::newRow("fraction of a ms") << QByteArray("1712345678900.75") << qint64(1712345678900);
    QTest::newRow("last ms of 9999") << QByteArray("253402300799999") << qint64(253402300799999);
    QTest::newRow("year 10000") << QByteArray("253402300800000") << qint64(0);
    QTest::newRow("year 10000 string") << QByteArray(R"("253402300800000")") << qint64(0);
    QTest::newRow("1e15") << QByteArray("1e15") << qint64(0);
    QTest::newRow("1e300") << QByteArray("1e300") << qint64(0);
    QTest::newRow("-1e300") << QByteArray("-1e300") << qint64(0);
    QTest::newRow("qint64 max") << QByteArray("9223372036854775807") << qint64(0);
    QTest::newRow("2^63") << QByteArray("9223372036854775808") << qint64(0);
    QTest::newRow("qint64 max string") << QByteArray(R"("9223372036854775807")") << qint64(0);
    QTest::newRow("beyond qint64 string") << QByteArray(R"("99999999999999999999999")") << qint64(0);
    QTest::newRow("negative") << QByteArray("-5") << qint64(0);
    QTest::newRow("negative string") << QByteArray(R"("-5")") << qint64(0);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("word") << QByteArray(R"("yesterday")") << qint64(0);
    QTest::newRow("bool") << QByteArray("true") << qint64(0);
    QTest::newRow("object") << QByteArray(R"({"t":1})") << qint64(0);
}

void TestJob::epochOutOfRangeIsUnknown()
{
    QFETCH(QByteArray, literal);
    QFETCH(qint64, expected);
    const std::optional<Job> job =
        jobFromText(R"("j1")", ",\"processedOn\":" + literal + ",\"finishedOn\":" + literal);
    QVERIFY(job);
    QCOMPARE(job->processedOn, expected);
    QCOMPARE(job->finishedOn, expected);

    const double nan = std::numeric_limits<double>::quiet_NaN();
    QCOMPARE(Job::fromJson(withField(QStringLiteral("processedOn"), nan))->processedOn, 0);
    QCOMPARE(Job::fromJson(withField(QStringLiteral("finishedOn"), -nan))->finishedOn, 0);
    QCOMPARE(Job::fromJson(withField(QStringLiteral("finishedOn"), std::numeric_limits<double>::infinity()))
                 ->finishedOn,
             0);
}

void TestJob::attemptsOutOfRangeIsUnknown_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<int>("expected");

    QTest::newRow("usual") << QByteArray("3") << 3;
    QTest::newRow("zero") << QByteArray("0") << 0;
    QTest::newRow("fraction") << QByteArray("2.5") << -1;
    QTest::newRow("negative") << QByteArray("-1") << -1;
    QTest::newRow("1e9") << QByteArray("1e9") << -1;
    QTest::newRow("int max + 1") << QByteArray("2147483648") << -1;
    QTest::newRow("1e300") << QByteArray("1e300") << -1;
    QTest::newRow("string") << QByteArray(R"("3")") << -1;
}

void TestJob::attemptsOutOfRangeIsUnknown()
{
    QFETCH(QByteArray, literal);
    QFETCH(int, expected);
    const std::optional<Job> job = jobFromText(R"("j1")", ",\"attemptsMade\":" + literal);
    QVERIFY(job);
    QCOMPARE(job->attempts, expected);
    QCOMPARE(
        Job::fromJson(withField(QStringLiteral("attemptsMade"), std::numeric_limits<double>::quiet_NaN()))
            ->attempts,
        -1);
}

void TestJob::longReasonCappedAndMarked()
{
    const QString start = QStringLiteral("Embedding failed: ");
    const QString huge = start + QString(5 * 1024 * 1024, QLatin1Char('x'));
    const std::optional<Job> job = Job::fromJson(withField(QStringLiteral("failedReason"), huge));
    QVERIFY(job);
    QVERIFY(job->reasonTruncated);
    QCOMPARE(job->failedReason.size(), Job::MaxReasonLength);
    QVERIFY(job->failedReason.startsWith(start));
    QVERIFY(job->failedReason.endsWith(Ellipsis));
    QVERIFY(job->failedReason.capacity() <= 2 * Job::MaxReasonLength); // the 5 MB did not stay behind
    QCOMPARE(written(*job).value(QLatin1String("failedReasonTruncated")), QJsonValue(true));

    const QString exact(Job::MaxReasonLength, QLatin1Char('y'));
    const std::optional<Job> fits = Job::fromJson(withField(QStringLiteral("failedReason"), exact));
    QCOMPARE(fits->failedReason, exact);
    QVERIFY(!fits->reasonTruncated);
    QVERIFY(*fits != *job);

    const std::optional<Job> over =
        Job::fromJson(withField(QStringLiteral("failedReason"), QString(exact + QLatin1Char('y'))));
    QVERIFY(over->reasonTruncated);
    QCOMPARE(over->failedReason.size(), Job::MaxReasonLength);
}

void TestJob::capNeverSplitsASurrogatePair()
{
    // U+1F600 at the cut: the pair goes whole or not at all.
    QString text(Job::MaxReasonLength - 2, QLatin1Char('a'));
    text += QString::fromUcs4(U"\U0001F600\U0001F600\U0001F600");
    const std::optional<Job> job = Job::fromJson(withField(QStringLiteral("failedReason"), text));
    QVERIFY(job->reasonTruncated);
    QVERIFY(job->failedReason.size() <= Job::MaxReasonLength);
    const QString kept = job->failedReason.chopped(1);
    QVERIFY(!kept.back().isHighSurrogate());
    QVERIFY(QString::fromUtf8(job->failedReason.toUtf8()) == job->failedReason); // still valid UTF-16
}

void TestJob::longNamesAndStateCapped()
{
    const QString longName(100000, QLatin1Char('n'));
    QJsonObject object = withId(QStringLiteral("j1"));
    object.insert(QStringLiteral("status"), QString(100000, QLatin1Char('s')));
    object.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("source"), longName},
                                                      {QStringLiteral("metadata"),
                                                       QJsonObject{{QStringLiteral("fileName"), longName}}}});
    const std::optional<Job> job = Job::fromJson(object);
    QVERIFY(job);
    QCOMPARE(job->fileName.size(), Job::MaxNameLength);
    QVERIFY(job->fileName.endsWith(Ellipsis));
    QCOMPARE(job->source.size(), Job::MaxNameLength);
    QVERIFY(job->source.endsWith(Ellipsis));
    QCOMPARE(job->state.size(), Job::MaxStateLength);
    QCOMPARE(categoryOf(job->state), StateCategory::Other);
    QVERIFY(!job->reasonTruncated); // the flag is about the reason only
}

void TestJob::longIdRefused()
{
    const QString fits(Job::MaxIdLength, QLatin1Char('7'));
    const std::optional<Job> job = Job::fromJson(withId(fits));
    QVERIFY(job);
    QCOMPARE(job->id, fits);
    QVERIFY(!Job::fromJson(withId(QString(fits + QLatin1Char('7')))));
    QVERIFY(!Job::fromJson(withId(QString(5 * 1024 * 1024, QLatin1Char('7')))));
}

// After parseJsonBody repaired an invalid byte in an id, that id names no job the server knows.
void TestJob::repairedIdRefused()
{
    QJsonParseError error;
    bool repaired = false;
    const QJsonDocument document = parseJsonBody("{\"jobId\":\"12\xFF"
                                                 "3\",\"status\":\"waiting\"}",
                                                 &error, &repaired);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(repaired);
    QVERIFY(!Job::fromJson(document.object()));

    // An escaped lone surrogate is no character: a URL or the journal could only write it as U+FFFD, which
    // names another job. The same id whole (a pair) is kept.
    const QJsonDocument lone = QJsonDocument::fromJson(R"({"jobId":"12\ud8003","status":"waiting"})");
    QVERIFY(lone.isObject());
    QVERIFY(!Job::fromJson(lone.object()));
    const QJsonDocument pair = QJsonDocument::fromJson(R"({"jobId":"12\ud83d\ude003","status":"waiting"})");
    QCOMPARE(Job::fromJson(pair.object())->id,
             QStringLiteral("12") + QString::fromUcs4(U"\U0001F600") + QLatin1Char('3'));
}

void TestJob::jobStaysSmall()
{
    // Five implicitly shared strings, two epochs, attempts and the flag in attempts' padding.
    QVERIFY(sizeof(Job) <= 5 * sizeof(QString) + 2 * sizeof(qint64) + 8);
}

void TestJob::validBodyParsedAsQtDoes()
{
    const QByteArray body =
        "{\"jobs\":[{\"jobId\":\"1\",\"data\":{\"t\":\"\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBF\"}}]}";
    QJsonParseError error;
    bool repaired = true;
    const QJsonDocument document = parseJsonBody(body, &error, &repaired);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(!repaired);
    QCOMPARE(document, QJsonDocument::fromJson(body));
    QVERIFY(!parseJsonBody(body, nullptr).isNull()); // error may be null
}

void TestJob::invalidUtf8InDataKeepsThePage()
{
    QByteArray body = R"({"success":true,"jobs":[)";
    for (int i = 0; i < 100; ++i) {
        if (i)
            body += ',';
        body += R"({"jobId":")" + QByteArray::number(i) +
                R"(","status":"completed","data":{"documents":[{"content":")";
        body += i == 57 ? QByteArray("caf\xE9 cr\xE8me") : QByteArray("fine");
        body += R"("}],"metadata":{"fileName":")";
        body += i == 58 ? QByteArray("r\xC3sum\xC3.pdf") : QByteArray("f.pdf");
        body += R"("}}})";
    }
    body += "]}";
    QCOMPARE(QJsonDocument::fromJson(body).isNull(), true); // what the bug was

    QJsonParseError error;
    bool repaired = false;
    const QJsonDocument document = parseJsonBody(body, &error, &repaired);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(repaired);
    const QJsonArray jobs = document.object().value(QLatin1String("jobs")).toArray();
    QCOMPARE(jobs.size(), 100);
    int usable = 0;
    for (const QJsonValue& value : jobs)
        usable += Job::fromJson(value.toObject()) ? 1 : 0;
    QCOMPARE(usable, 100);
    QCOMPARE(Job::fromJson(jobs.at(58).toObject())->fileName, QStringLiteral("r\uFFFDsum\uFFFD.pdf"));
    QCOMPARE(jobs.at(57)
                 .toObject()
                 .value(QLatin1String("data"))
                 .toObject()
                 .value(QLatin1String("documents"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("content"))
                 .toString(),
             QStringLiteral("caf\uFFFD cr\uFFFDme"));
}

void TestJob::invalidUtf8ReplacedPerMaximalSubpart_data()
{
    QTest::addColumn<QByteArray>("inside");
    QTest::addColumn<QString>("expected");

    const QString r(QChar::ReplacementCharacter);
    QTest::newRow("lone FF") << QByteArray("a\xFF"
                                           "b")
                             << QString(QLatin1Char('a') + r + QLatin1Char('b'));
    QTest::newRow("lone continuation") << QByteArray("\x80\xBF") << QString(r + r);
    QTest::newRow("truncated 3-byte") << QByteArray("\xE2\x82"
                                                    "x")
                                      << QString(r + QLatin1Char('x'));
    QTest::newRow("truncated 4-byte at end") << QByteArray("x\xF0\x9F\x98") << QString(QLatin1Char('x') + r);
    QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << QString(r + r);
    QTest::newRow("overlong 3-byte") << QByteArray("\xE0\x80\xAF") << QString(r + r + r);
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << QString(r + r + r);
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << QString(r + r + r + r);
    QTest::newRow("F5 lead") << QByteArray("\xF5\x80") << QString(r + r);
    QTest::newRow("valid around bad") << QByteArray("\xC3\xA9\xFE\xF0\x9F\x98\x80")
                                      << QString(QChar(0xE9) + r + QString::fromUcs4(U"\U0001F600"));
}

void TestJob::invalidUtf8ReplacedPerMaximalSubpart()
{
    QFETCH(QByteArray, inside);
    QFETCH(QString, expected);
    QJsonParseError error;
    const QJsonDocument document = parseJsonBody("[\"" + inside + "\"]", &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.array().at(0).toString(), expected);
}

// A retry per bad byte would be quadratic: two million bad bytes must take one pass.
void TestJob::invalidUtf8RepairIsLinear()
{
    const qsizetype count = 2 * 1000 * 1000;
    const QByteArray body = "[\"" + QByteArray(count, '\xFF') + "\"]";
    QElapsedTimer timer;
    timer.start();
    QJsonParseError error;
    const QJsonDocument document = parseJsonBody(body, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.array().at(0).toString().size(), count);
    qDebug("repaired %lld bad bytes in %lld ms", static_cast<long long>(count),
           static_cast<long long>(timer.elapsed()));
}

void TestJob::otherJsonErrorsAreDescribed()
{
    const QByteArray truncated = R"({"success":true,"jobs":[{"jobId":"1")";
    QJsonParseError error;
    bool repaired = true;
    const QJsonDocument document = parseJsonBody(truncated, &error, &repaired);
    QVERIFY(document.isNull());
    QVERIFY(!repaired);
    QJsonParseError qtError;
    QJsonDocument::fromJson(truncated, &qtError);
    QCOMPARE(error.error, qtError.error);
    QCOMPARE(error.offset, qtError.offset);
    const QString sentence = describeJsonError(error, truncated.size());
    QCOMPARE(sentence, QStringLiteral("The answer is not valid JSON (%1 at byte %2 of %3).")
                           .arg(qtError.errorString())
                           .arg(qtError.offset)
                           .arg(truncated.size()));

    const QByteArray garbage = "{\"a\": nope}";
    parseJsonBody(garbage, &error);
    QCOMPARE(error.error, QJsonParseError::IllegalValue);
    QVERIFY(describeJsonError(error, garbage.size()).contains(QStringLiteral(" of 11).")));

    parseJsonBody(QByteArray(), &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QCOMPARE(describeJsonError(error, 0), QStringLiteral("The answer is empty, not JSON."));

    error.error = QJsonParseError::NoError;
    QVERIFY(describeJsonError(error, 10).isEmpty());
}

// Bad bytes before a real syntax error: the offset still points into the body the server sent.
void TestJob::errorAfterRepairPointsIntoTheOriginalBody()
{
    const QByteArray body = "[\"\xFF\xFF\xFF\xFF\", nope]";
    QJsonParseError error;
    bool repaired = true;
    parseJsonBody(body, &error, &repaired);
    QVERIFY(!repaired);
    QCOMPARE(error.error, QJsonParseError::IllegalValue);
    QJsonParseError expected;
    QJsonDocument::fromJson("[\"abcd\", nope]", &expected); // same shape, valid text
    QCOMPARE(error.offset, expected.offset);
}

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
