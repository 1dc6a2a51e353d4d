// The one writer of a job's JSON object (jobs/jobjson.h), which the CLI's --json/--jsonl and the window's
// "Export Visible Jobs… (JSON)" both use: its fields, its nulls, its ISO times, its escapes of what a
// terminal acts on, and the export's array around it. That both paths give the same bytes for the same job is
// tst_cli_formats' windowExportEqualsListJson.
#include "jobs/jobexport.h"
#include "jobs/jobjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Alchemyst;

namespace {

QByteArray written(const Job& job)
{
    QByteArray out;
    appendJobJson(out, job);
    return out;
}

QJsonObject parsed(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return QJsonObject{{QStringLiteral("notAnObject"), QString::fromUtf8(json)}};
    return document.object();
}

Job fullJob()
{
    Job job;
    job.id = QStringLiteral("j1");
    job.state = QStringLiteral("failed");
    job.attempts = 3;
    job.processedOn = 1712345678900;
    job.finishedOn = 1712345678901;
    job.failedReason = QStringLiteral("Embedding service timed out");
    job.fileName = QStringLiteral("report.pdf");
    job.source = QStringLiteral("google-drive");
    return job;
}

// Every code point the CLI writes as \uXXXX, beside text that stays as it is.
QString oddText()
{
    QString text = QStringLiteral("a\"b\\c/d \x1b]0;t\x07 \r\n\t\b\f \x01\x1f ");
    for (const char16_t c :
         {u'\u007f', u'\u0080', u'\u009b', u'\u009f', u'\u2028', u'\u2029', u'\u202a', u'\u202b', u'\u202c',
          u'\u202d', u'\u202e', u'\u2066', u'\u2067', u'\u2068', u'\u2069'})
        text += QChar(c);
    // Kept raw: Latin-1 beyond C1, the neighbours of the bidi ranges, a pair outside the BMP.
    text += QString::fromUtf8(" é \u00a0 \u2013 \u2027 \u202f \u2065 \u206a ✓ 😀 fdp.exe");
    return text;
}

} // namespace

class TestJobJson : public QObject
{
    Q_OBJECT

private slots:
    void allFieldsInTheOneVocabulary();
    void missingValuesAreNull();
    void aCutReasonIsFlagged();
    void oddTextIsEscapedAndReadsBackTheSame();
    void equalsQJsonDocumentsBytes();
    void exportIsAnArrayOfTheObjects();
};

void TestJobJson::allFieldsInTheOneVocabulary()
{
    // Keys sorted (QJsonDocument's order), times ISO 8601 UTC with milliseconds, never epoch numbers.
    QCOMPARE(written(fullJob()),
             QByteArrayLiteral("{\"attemptsMade\":3,\"failedReason\":\"Embedding service timed out\","
                               "\"fileName\":\"report.pdf\",\"finishedOn\":\"2024-04-05T19:34:38.901Z\","
                               "\"jobId\":\"j1\",\"processedOn\":\"2024-04-05T19:34:38.900Z\","
                               "\"source\":\"google-drive\",\"status\":\"failed\"}"));
    const QJsonObject object = parsed(written(fullJob()));
    QCOMPARE(object.keys(), (QStringList{QStringLiteral("attemptsMade"), QStringLiteral("failedReason"),
                                         QStringLiteral("fileName"), QStringLiteral("finishedOn"),
                                         QStringLiteral("jobId"), QStringLiteral("processedOn"),
                                         QStringLiteral("source"), QStringLiteral("status")}));
    // The old shape's names and its epoch numbers are gone: a job is jobId and status.
    QVERIFY(!object.contains(QLatin1String("id")));
    QVERIFY(!object.contains(QLatin1String("state")));
    QVERIFY(object.value(QLatin1String("processedOn")).isString());

    // A number id (the server may send one) is its decimal text; attempts 0 is 0, not unknown.
    Job numbered = fullJob();
    numbered.id = QStringLiteral("9007199254740993");
    numbered.attempts = 0;
    const QJsonObject again = parsed(written(numbered));
    QCOMPARE(again.value(QLatin1String("jobId")), QJsonValue(QStringLiteral("9007199254740993")));
    QCOMPARE(again.value(QLatin1String("attemptsMade")), QJsonValue(0));
}

void TestJobJson::missingValuesAreNull()
{
    // Waiting: nothing known but its id and state.
    Job waiting;
    waiting.id = QStringLiteral("77");
    waiting.state = QStringLiteral("waiting");
    QCOMPARE(written(waiting),
             QByteArrayLiteral(
                 "{\"attemptsMade\":null,\"failedReason\":null,\"fileName\":null,\"finishedOn\":null,"
                 "\"jobId\":\"77\",\"processedOn\":null,\"source\":null,\"status\":\"waiting\"}"));
    const QJsonObject object = parsed(written(waiting));
    QCOMPARE(object.size(), 8);
    for (const char* key :
         {"attemptsMade", "failedReason", "fileName", "finishedOn", "processedOn", "source"})
        QVERIFY2(object.value(QLatin1String(key)).isNull(), key);

    // Active: started, not finished. Unknown is null, never "" and never 0 (nor 1970).
    Job active = fullJob();
    active.state = QStringLiteral("active");
    active.finishedOn = 0;
    active.failedReason.clear();
    const QJsonObject running = parsed(written(active));
    QCOMPARE(running.value(QLatin1String("processedOn")),
             QJsonValue(QStringLiteral("2024-04-05T19:34:38.900Z")));
    QVERIFY(running.value(QLatin1String("finishedOn")).isNull());
    QVERIFY(running.value(QLatin1String("failedReason")).isNull());
    QCOMPARE(running.value(QLatin1String("fileName")), QJsonValue(QStringLiteral("report.pdf")));
}

void TestJobJson::aCutReasonIsFlagged()
{
    Job cut = fullJob();
    cut.failedReason = QString(Job::MaxReasonLength - 1, QLatin1Char('x')) + QChar(0x2026);
    cut.reasonTruncated = true;
    const QByteArray json = written(cut);
    QVERIFY(json.contains(",\"failedReasonTruncated\":true,\"fileName\":"));
    const QJsonObject object = parsed(json);
    QCOMPARE(object.size(), 9);
    QCOMPARE(object.value(QLatin1String("failedReasonTruncated")), QJsonValue(true));
    QCOMPARE(object.value(QLatin1String("failedReason")).toString(), cut.failedReason);
    QVERIFY(!parsed(written(fullJob())).contains(QLatin1String("failedReasonTruncated")));
}

void TestJobJson::oddTextIsEscapedAndReadsBackTheSame()
{
    Job odd;
    odd.id = QStringLiteral("id\u202e") + QStringLiteral("\x7f");
    odd.state = QStringLiteral("failed\x1b[31m\u009b");
    odd.attempts = 2;
    odd.processedOn = 1764400000123;
    odd.fileName = oddText();
    odd.source = QStringLiteral("\u2066source\u2069");
    odd.failedReason = QStringLiteral("line 1\u2028line 2\u2029 \"quoted\"");
    const QByteArray json = written(odd);

    // Nothing a terminal acts on is written raw: no C0 (JSON's own escapes), no DEL, no C1, no line or
    // paragraph separator, no bidi embedding, override or isolate.
    for (const char c : json)
        QVERIFY2(static_cast<unsigned char>(c) >= 0x20 && c != '\x7f', json.constData());
    for (const char* raw : {"\xc2\x80", "\xc2\x9b", "\xc2\x9f", "\xe2\x80\xa8", "\xe2\x80\xa9",
                            "\xe2\x80\xaa", "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa9"})
        QVERIFY2(!json.contains(raw), raw);
    for (const char* escaped : {"\\u007f", "\\u0080", "\\u009b", "\\u009f", "\\u2028", "\\u2029", "\\u202a",
                                "\\u202b", "\\u202c", "\\u202d", "\\u202e", "\\u2066", "\\u2067", "\\u2068",
                                "\\u2069", "\\u001b", "\\r\\n\\t\\b\\f", "\\u0001\\u001f", "a\\\"b\\\\c/d"})
        QVERIFY2(json.contains(escaped), escaped);
    // Text that drives no terminal stays as it is, UTF-8.
    for (const char* kept : {" é ", "\xc2\xa0", "\xe2\x80\x93", "\xe2\x80\xa7", "\xe2\x80\xaf",
                             "\xe2\x81\xa5", "\xe2\x81\xaa", "✓ 😀 fdp.exe"})
        QVERIFY2(json.contains(kept), kept);

    // Valid JSON, and what it says is exactly the job's text.
    const QJsonObject object = parsed(json);
    QCOMPARE(object.value(QLatin1String("jobId")).toString(), odd.id);
    QCOMPARE(object.value(QLatin1String("status")).toString(), odd.state);
    QCOMPARE(object.value(QLatin1String("fileName")).toString(), odd.fileName);
    QCOMPARE(object.value(QLatin1String("source")).toString(), odd.source);
    QCOMPARE(object.value(QLatin1String("failedReason")).toString(), odd.failedReason);
    QCOMPARE(object.value(QLatin1String("processedOn")).toString(),
             QStringLiteral("2025-11-29T07:06:40.123Z"));
    QVERIFY(object.value(QLatin1String("finishedOn")).isNull());
    // Escaped once: a second pass finds nothing left to rewrite.
    QCOMPARE(terminalSafeJson(json), json);
}

void TestJobJson::equalsQJsonDocumentsBytes()
{
    // Scripts were promised QJsonDocument's compact output (made safe for a terminal); the writer builds no
    // object, so compare it with one built by hand in the vocabulary.
    Job odd = fullJob();
    odd.fileName = oddText();
    odd.reasonTruncated = true;
    Job waiting;
    waiting.id = QStringLiteral("x");
    waiting.state = QStringLiteral("waiting");
    for (const Job& job : {fullJob(), odd, waiting}) {
        QJsonObject expected{
            {QStringLiteral("jobId"), job.id},
            {QStringLiteral("status"), job.state},
            {QStringLiteral("attemptsMade"), job.attempts >= 0 ? QJsonValue(job.attempts) : QJsonValue()},
            {QStringLiteral("processedOn"), jsonTimeOrNull(job.processedOn)},
            {QStringLiteral("finishedOn"), jsonTimeOrNull(job.finishedOn)},
            {QStringLiteral("failedReason"), jsonTextOrNull(job.failedReason)},
            {QStringLiteral("fileName"), jsonTextOrNull(job.fileName)},
            {QStringLiteral("source"), jsonTextOrNull(job.source)},
        };
        if (job.reasonTruncated)
            expected.insert(QStringLiteral("failedReasonTruncated"), true);
        QCOMPARE(written(job), terminalSafeJson(QJsonDocument(expected).toJson(QJsonDocument::Compact)));
    }
}

void TestJobJson::exportIsAnArrayOfTheObjects()
{
    // The window's JSON export: one array, one object a line, as list --json frames its own.
    QCOMPARE(jobsToJson({}), QByteArrayLiteral("[]\n"));
    Job odd = fullJob();
    odd.id = QStringLiteral("j2");
    odd.fileName = oddText();
    Job waiting;
    waiting.id = QStringLiteral("j3");
    waiting.state = QStringLiteral("waiting");
    const JobList jobs{fullJob(), odd, waiting};
    const QByteArray exported = jobsToJson(jobs);
    QCOMPARE(exported,
             "[\n" + written(fullJob()) + ",\n" + written(odd) + ",\n" + written(waiting) + "\n]\n");
    QJsonParseError error;
    const QJsonArray array = QJsonDocument::fromJson(exported, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(array.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(array.at(i).toObject(), parsed(written(jobs.at(i))));
    QCOMPARE(array.at(1).toObject().value(QLatin1String("fileName")).toString(), oddText());
}

QTEST_GUILESS_MAIN(TestJobJson)
#include "tst_jobjson.moc"
