// Batches of cancels, headless, over real HTTP against the simulator: the preview of a mixed selection, the
// receipt (with the server's 409 words verbatim for a job that started running after the preview), the
// journal written before each answer is announced, two at a time within the budget, stop half way, and
// exports (in the command line's JSON vocabulary), and rows older than the refresh interval checked before
// their cancel goes.
#include "api/apiclient.h"
#include "core/cancelbatch.h"
#include "core/journal.h"
#include "simulator/simulator.h"
#include "waitfor.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {
const QString Key = QStringLiteral("test-key");
const QString EnvironmentName = QStringLiteral("staging");
const QString RunningReason = QStringLiteral("running: the server would refuse with 409");
const QString CompletedReason = QStringLiteral("nothing to cancel: already completed");

QMap<QString, QPair<int, int>> groupMap(const QList<CancelPreview::Group>& groups)
{
    QMap<QString, QPair<int, int>> map;
    for (const CancelPreview::Group& group : groups)
        map.insert(group.name, {group.total, group.toSend});
    return map;
}
} // namespace

class TestCancelBatch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void mixedSelectionPreviewAndReceipt();
    void stopHalfWayLeavesTheRestUntouched();
    void stopWithACancelInFlightRecordsItsAnswer();
    void nothingToSendFinishesWithoutARequest();
    void journalFailureSendsNothingAndStops();
    void withoutAJournalTheReceiptStillHoldsEverything();
    void destroyedBatchRecordsTheRestAsNotSent();
    void cancelWhoseAnswerWasAbandonedIsGivenUp();
    void receiptCsvQuotesCommaQuoteAndNewline();
    void receiptJsonSpeaksTheCommandLinesVocabulary();
    void staleRowThatBecameActiveIsNotSent();
    void staleRowsStillWaitingOrDelayedAreSent();
    void freshRowsAreSentWithoutAStateCheck();
    void stopDuringAStateCheckSendsNothingMore();

private:
    JobList listAll();
    CancelBatch* makeBatch(const Journal* journal);
    // One entry per attempt: the "sending" line written ahead and its outcome line read as one.
    QList<JournalEntry> journalEntries() const { return Journal(m_journalPath).attempts(); }

    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    ApiClient* m_client = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_journalPath;
    std::unique_ptr<Journal> m_journal;
};

void TestCancelBatch::init()
{
    m_simulator = new Simulator(Simulator::Options::empty(Key), this);
    QVERIFY(m_simulator->listen() != 0);
    m_manager = new QNetworkAccessManager(this);
    m_client = new ApiClient(m_manager, this);
    m_client->setBaseUrl(m_simulator->baseUrl());
    m_client->setApiKey(Key);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_journalPath = m_dir->filePath(QStringLiteral("data/cancel-journal.jsonl"));
    m_journal = std::make_unique<Journal>(m_journalPath);
}

void TestCancelBatch::cleanup()
{
    delete m_client;
    delete m_manager;
    delete m_simulator;
    m_client = nullptr;
    m_manager = nullptr;
    m_simulator = nullptr;
    m_journal.reset();
    m_dir.reset();
}

JobList TestCancelBatch::listAll()
{
    const ListResult listed =
        waitFor<ListResult>([this](auto done) { m_client->listJobs(QStringLiteral("all"), done); });
    [&] { QCOMPARE(listed.result.outcome, Outcome::Ok); }();
    return listed.jobs;
}

CancelBatch* TestCancelBatch::makeBatch(const Journal* journal)
{
    return new CancelBatch(m_client, journal, EnvironmentName, m_simulator->baseUrl().toString(),
                           CancelOrigin::Window, m_client); // gone with the client in cleanup()
}

void TestCancelBatch::mixedSelectionPreviewAndReceipt()
{
    for (int i = 0; i < 20; ++i)
        m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("waiting-%1.pdf").arg(i));
    for (int i = 0; i < 10; ++i)
        m_simulator->addJob(QStringLiteral("delayed"), QStringLiteral("delayed-%1.pdf").arg(i));
    for (int i = 0; i < 10; ++i)
        m_simulator->addJob(QStringLiteral("active"));
    for (int i = 0; i < 10; ++i)
        m_simulator->addJob(QStringLiteral("completed"));
    const JobList jobs = listAll();
    QCOMPARE(jobs.size(), 50);

    // The preview, from the selection alone.
    const CancelPreview preview = CancelBatch::preview(jobs);
    QCOMPARE(preview.total, 50);
    QCOMPARE(preview.toSend, 30);
    QCOMPARE(preview.skipped, 20);
    QCOMPARE(preview.sendList.size(), 30);
    QCOMPARE(preview.skippedLines.size(), 20);
    const QMap<QString, QPair<int, int>> reasons = groupMap(preview.reasons);
    QCOMPARE(reasons.size(), 2);
    QCOMPARE(reasons.value(RunningReason), qMakePair(10, 0));
    QCOMPARE(reasons.value(CompletedReason), qMakePair(10, 0));
    const QMap<QString, QPair<int, int>> states = groupMap(preview.byState);
    QCOMPARE(states.size(), 4);
    QCOMPARE(states.value(QStringLiteral("waiting")), qMakePair(20, 20));
    QCOMPARE(states.value(QStringLiteral("delayed")), qMakePair(10, 10));
    QCOMPARE(states.value(QStringLiteral("active")), qMakePair(10, 0));
    QCOMPARE(states.value(QStringLiteral("completed")), qMakePair(10, 0));
    QCOMPARE(preview.byState.first().name, QStringLiteral("waiting")); // most frequent first
    // By source, counted here independently from what the server listed.
    QMap<QString, QPair<int, int>> sources;
    for (const Job& job : jobs) {
        QPair<int, int>& counts = sources[job.source];
        ++counts.first;
        if (isCancellableState(job.state))
            ++counts.second;
    }
    QVERIFY(sources.size() > 1); // the simulator spreads jobs over several sources
    QVERIFY(!sources.contains(QString()));
    QCOMPARE(groupMap(preview.bySource), sources);
    for (qsizetype i = 1; i < preview.bySource.size(); ++i)
        QVERIFY(preview.bySource.at(i - 1).total >= preview.bySource.at(i).total);

    // Between the preview and the send, one job starts running and one completes.
    QString startedRunning;
    QString completedMeanwhile;
    for (const Job& job : jobs) {
        if (job.state != QLatin1String("waiting"))
            continue;
        if (startedRunning.isEmpty())
            startedRunning = job.id;
        else if (completedMeanwhile.isEmpty())
            completedMeanwhile = job.id;
    }
    m_simulator->setJobState(startedRunning, QStringLiteral("active"));
    m_simulator->setJobState(completedMeanwhile, QStringLiteral("completed"));

    QMap<QString, QString> stateBefore;
    for (const Job& job : jobs)
        stateBefore.insert(job.id, m_simulator->jobState(job.id));
    const int requestsBefore = m_simulator->requestCount();

    CancelBatch* batch = makeBatch(m_journal.get());
    batch->setRequestBudget(1000000, 60000); // no spacing at all: two are in flight at once
    QSignalSpy finished(batch, &CancelBatch::finished);
    QSignalSpy progress(batch, &CancelBatch::progressChanged);
    QSignalSpy journalFailed(batch, &CancelBatch::journalFailed);
    int maxInFlight = 0;
    connect(m_client, &ApiClient::requestSent, this,
            [&] { maxInFlight = qMax(maxInFlight, batch->inFlight()); });
    // Each answer is in the journal before it is announced.
    QStringList announced;
    bool journaledFirst = true;
    connect(batch, &CancelBatch::jobFinished, this, [&](const QString& id, const ReceiptLine& line) {
        announced.append(id);
        bool found = false;
        for (const JournalEntry& entry : journalEntries())
            found = found || (entry.jobId == id && entry.outcome == line.outcomeName());
        journaledFirst = journaledFirst && found;
    });

    QVERIFY(batch->start(jobs));
    QVERIFY(!batch->start(jobs)); // one batch, one start
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.size(), 1);
    QVERIFY(journalFailed.isEmpty());
    QVERIFY(journaledFirst);
    QCOMPARE(announced.size(), 30);
    QCOMPARE(maxInFlight, CancelBatch::Concurrency);
    QCOMPARE(progress.constLast(), QVariantList({30, 30}));
    QCOMPARE(m_simulator->requestCount() - requestsBefore, 30); // one request per job sent, none retried

    // The receipt: every job once, in selection order.
    const QList<ReceiptLine> receipt = batch->receipt();
    QCOMPARE(receipt.size(), 50);
    int cancelled = 0;
    for (qsizetype i = 0; i < receipt.size(); ++i) {
        const ReceiptLine& line = receipt.at(i);
        const Job& job = jobs.at(i);
        QCOMPARE(line.id, job.id);
        QCOMPARE(line.stateBefore, job.state);
        if (line.id == startedRunning) {
            QCOMPARE(line.outcomeName(), QStringLiteral("running"));
            QCOMPARE(line.httpStatus, 409);
            QCOMPARE(line.message, QString::fromLatin1(Simulator::ConflictMessage)); // verbatim
            QCOMPARE(m_simulator->jobState(line.id), QStringLiteral("active"));
        } else if (line.id == completedMeanwhile) {
            QCOMPARE(line.outcomeName(), QStringLiteral("not-found"));
            QCOMPARE(line.httpStatus, 404);
            QCOMPARE(line.message, QStringLiteral("Job not found or already completed"));
        } else if (isCancellableState(job.state)) {
            QCOMPARE(line.outcomeName(), QStringLiteral("cancelled"));
            QCOMPARE(line.httpStatus, 200);
            QCOMPARE(line.message, QStringLiteral("Job cancelled successfully"));
            QCOMPARE(m_simulator->jobState(line.id), QStringLiteral("cancelled"));
            ++cancelled;
        } else {
            QCOMPARE(line.outcomeName(), QStringLiteral("skipped"));
            QVERIFY(!line.wasSent());
            QCOMPARE(line.httpStatus, 0);
            QCOMPARE(line.message, job.state == QLatin1String("active") ? RunningReason : CompletedReason);
            QCOMPARE(m_simulator->jobState(line.id), stateBefore.value(line.id)); // untouched
        }
    }
    QCOMPARE(cancelled, 28);
    QCOMPARE(batch->exitCode(), 4); // not-found (4) above running (3) above cancelled (0)

    // The journal: the 30 attempts, with everything the receipt says and where they went.
    int malformed = -1;
    // Two lines each on disk (written ahead, then the answer), read as one attempt each.
    QCOMPARE(Journal(m_journalPath).read({}, &malformed).size(), 60);
    QCOMPARE(malformed, 0);
    const QList<JournalEntry> entries = Journal(m_journalPath).attempts();
    QCOMPARE(entries.size(), 30);
    QSet<QString> journaled;
    for (const JournalEntry& entry : entries) {
        journaled.insert(entry.jobId);
        QCOMPARE(entry.environment, EnvironmentName);
        QCOMPARE(entry.server, m_simulator->baseUrl().toString());
        QCOMPARE(entry.origin, QStringLiteral("window"));
        QVERIFY(entry.time.isValid() && entry.time.timeSpec() == Qt::UTC);
        if (entry.jobId == startedRunning) {
            QCOMPARE(entry.outcome, QStringLiteral("running"));
            QCOMPARE(entry.httpStatus, 409);
            QCOMPARE(entry.stateBefore, QStringLiteral("waiting"));
            QCOMPARE(entry.message, QString::fromLatin1(Simulator::ConflictMessage));
        }
    }
    QCOMPARE(journaled.size(), 30);
    for (const ReceiptLine& line : receipt)
        QCOMPARE(journaled.contains(line.id), line.wasSent());

    // Exports.
    const QJsonArray array = QJsonDocument::fromJson(batch->receiptJson()).array();
    QCOMPARE(array.size(), 50);
    for (const QJsonValue& value : array) {
        QStringList keys = value.toObject().keys();
        keys.sort();
        QCOMPARE(keys,
                 QStringList({QStringLiteral("httpStatus"), QStringLiteral("id"), QStringLiteral("jobId"),
                              QStringLiteral("message"), QStringLiteral("outcome"),
                              QStringLiteral("stateBefore"), QStringLiteral("status")}));
        if (value.toObject().value(QLatin1String("id")).toString() == startedRunning) {
            QCOMPARE(value.toObject().value(QLatin1String("message")).toString(),
                     QString::fromLatin1(Simulator::ConflictMessage));
            QCOMPARE(value.toObject().value(QLatin1String("httpStatus")).toInt(), 409);
        }
    }
    const QByteArray csv = batch->receiptCsv();
    QVERIFY(csv.startsWith("id,stateBefore,httpStatus,outcome,message\r\n"));
    QCOMPARE(csv.count("\r\n"), 51);
    // The integrity message has a comma: quoted.
    const QByteArray quoted =
        startedRunning.toUtf8() + ",waiting,409,running,\"" + Simulator::ConflictMessage + "\"\r\n";
    QVERIFY(csv.contains(quoted));
}

void TestCancelBatch::stopHalfWayLeavesTheRestUntouched()
{
    JobList jobs;
    for (int i = 0; i < 10; ++i)
        m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("file-%1.txt").arg(i));
    jobs = listAll();
    QCOMPARE(jobs.size(), 10);
    const int requestsBefore = m_simulator->requestCount();

    CancelBatch* batch = makeBatch(m_journal.get());
    batch->setRequestBudget(1, 200);
    QSignalSpy finished(batch, &CancelBatch::finished);
    QList<qint64> sentAt;
    QElapsedTimer clock;
    clock.start();
    connect(m_client, &ApiClient::requestSent, this, [&] { sentAt.append(clock.elapsed()); });
    int answers = 0;
    connect(batch, &CancelBatch::jobFinished, this, [&](const QString&, const ReceiptLine& line) {
        if (line.wasSent() && ++answers == 3)
            batch->stop();
    });
    bool progressAfterFinished = false;
    connect(batch, &CancelBatch::progressChanged, this,
            [&] { progressAfterFinished |= !finished.isEmpty(); });
    QVERIFY(batch->start(jobs));
    QVERIFY(finished.wait(15000));
    QVERIFY(batch->isStopped());
    QVERIFY(!progressAfterFinished);

    QCOMPARE(sentAt.size(), 3);
    for (qsizetype i = 1; i < sentAt.size(); ++i)
        QVERIFY2(sentAt.at(i) - sentAt.at(i - 1) >= 190,
                 qPrintable(QString::number(sentAt.at(i) - sentAt.at(i - 1))));
    QTest::qWait(600); // three more windows of the budget: nothing else goes out
    QCOMPARE(m_simulator->requestCount() - requestsBefore, 3);

    const QList<ReceiptLine> receipt = batch->receipt();
    QCOMPARE(receipt.size(), 10);
    for (qsizetype i = 0; i < receipt.size(); ++i) {
        const ReceiptLine& line = receipt.at(i);
        if (i < 3) {
            QCOMPARE(line.outcomeName(), QStringLiteral("cancelled"));
            QCOMPARE(m_simulator->jobState(line.id), QStringLiteral("cancelled"));
        } else {
            QCOMPARE(line.outcomeName(), QStringLiteral("not-sent"));
            QCOMPARE(line.httpStatus, 0);
            QVERIFY(!line.message.isEmpty());
            QCOMPARE(m_simulator->jobState(line.id), QStringLiteral("waiting")); // untouched
        }
    }
    QCOMPARE(batch->doneCount(), 10);
    QCOMPARE(batch->exitCode(), exitCodeFor(Outcome::Stopped));

    const QList<JournalEntry> entries = journalEntries();
    QCOMPARE(entries.size(), 10);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QCOMPARE(entries.at(i).jobId, receipt.at(i).id);
        QCOMPARE(entries.at(i).outcome, receipt.at(i).outcomeName());
    }
}

void TestCancelBatch::stopWithACancelInFlightRecordsItsAnswer()
{
    for (int i = 0; i < 6; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    const JobList jobs = listAll();
    CancelBatch* batch = makeBatch(m_journal.get());
    batch->setRequestBudget(1, 200);
    QSignalSpy finished(batch, &CancelBatch::finished);
    int sent = 0;
    int inFlightAtStop = -1;
    connect(m_client, &ApiClient::requestSent, this, [&] {
        if (++sent == 2) {
            batch->stop(); // the second cancel has gone out and has no answer yet
            inFlightAtStop = batch->inFlight();
        }
    });
    QVERIFY(batch->start(jobs));
    QVERIFY(finished.wait(15000));
    QCOMPARE(inFlightAtStop, 1);
    QCOMPARE(finished.size(), 1);
    const QList<ReceiptLine> receipt = batch->receipt();
    QCOMPARE(receipt.at(0).outcomeName(), QStringLiteral("cancelled"));
    QCOMPARE(receipt.at(1).outcomeName(), QStringLiteral("cancelled")); // completed and recorded after stop
    QCOMPARE(m_simulator->jobState(receipt.at(1).id), QStringLiteral("cancelled"));
    for (qsizetype i = 2; i < receipt.size(); ++i) {
        QCOMPARE(receipt.at(i).outcomeName(), QStringLiteral("not-sent"));
        QCOMPARE(m_simulator->jobState(receipt.at(i).id), QStringLiteral("waiting"));
    }
    QMap<QString, QString> journaled;
    for (const JournalEntry& entry : journalEntries())
        journaled.insert(entry.jobId, entry.outcome);
    QCOMPARE(journaled.size(), 6);
    for (const ReceiptLine& line : receipt)
        QCOMPARE(journaled.value(line.id), line.outcomeName());
}

void TestCancelBatch::nothingToSendFinishesWithoutARequest()
{
    m_simulator->addJob(QStringLiteral("completed"));
    m_simulator->addJob(QStringLiteral("failed"));
    m_simulator->addJob(QStringLiteral("prioritized"));
    JobList jobs = listAll();
    QCOMPARE(jobs.size(), 3);
    jobs.append(jobs.first()); // selected twice: counted once

    const CancelPreview preview = CancelBatch::preview(jobs);
    QCOMPARE(preview.total, 3);
    QCOMPARE(preview.toSend, 0);
    QCOMPARE(preview.skipped, 3);
    const QMap<QString, QPair<int, int>> reasons = groupMap(preview.reasons);
    QVERIFY(reasons.contains(CompletedReason));
    QVERIFY(reasons.contains(QStringLiteral("nothing to cancel: already failed")));
    QVERIFY(reasons.contains(
        QStringLiteral("not cancellable: only waiting and delayed jobs are, this one is prioritized")));

    const int requestsBefore = m_simulator->requestCount();
    CancelBatch* batch = makeBatch(m_journal.get());
    QSignalSpy finished(batch, &CancelBatch::finished);
    QSignalSpy jobFinished(batch, &CancelBatch::jobFinished);
    QVERIFY(batch->start(jobs));
    QVERIFY(finished.isEmpty()); // never before start() has returned
    QVERIFY(finished.wait(5000));
    QVERIFY(jobFinished.isEmpty());
    QCOMPARE(batch->receipt().size(), 3);
    QCOMPARE(batch->exitCode(), 0);
    QCOMPARE(m_simulator->requestCount(), requestsBefore);
    QVERIFY(journalEntries().isEmpty()); // nothing attempted, nothing journaled
}

void TestCancelBatch::journalFailureSendsNothingAndStops()
{
    for (int i = 0; i < 3; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    const JobList jobs = listAll();
    const QString blocker = m_dir->filePath(QStringLiteral("file"));
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    const Journal broken(blocker + QStringLiteral("/cancel-journal.jsonl"));
    QVERIFY(!broken.canWrite());
    const int requestsBefore = m_simulator->requestCount();
    CancelBatch* batch = makeBatch(&broken);
    QSignalSpy finished(batch, &CancelBatch::finished);
    QSignalSpy journalFailed(batch, &CancelBatch::journalFailed);
    QVERIFY(batch->start(jobs));
    QVERIFY(finished.wait(15000));
    // The "sending" line is the check: it could not be written, so the first cancel never went, nor the rest.
    QVERIFY(journalFailed.size() >= 1);
    QVERIFY(journalFailed.first().first().toString().contains(QStringLiteral("could not be created")));
    QCOMPARE(m_simulator->requestCount(), requestsBefore);
    for (const ReceiptLine& line : batch->receipt()) {
        QCOMPARE(line.outcomeName(), QStringLiteral("not-sent"));
        QVERIFY(line.message.contains(QStringLiteral("journal")));
    }
    QCOMPARE(batch->exitCode(), 1);
}

void TestCancelBatch::withoutAJournalTheReceiptStillHoldsEverything()
{
    m_simulator->addJob(QStringLiteral("waiting"));
    m_simulator->addJob(QStringLiteral("active"));
    const JobList jobs = listAll();
    CancelBatch* batch = makeBatch(nullptr);
    QSignalSpy finished(batch, &CancelBatch::finished);
    QSignalSpy journalFailed(batch, &CancelBatch::journalFailed);
    QVERIFY(batch->start(jobs));
    QVERIFY(finished.wait(15000));
    QVERIFY(journalFailed.isEmpty());
    QCOMPARE(batch->receipt().size(), 2);
    QCOMPARE(batch->exitCode(), 0);
    QVERIFY(!QFile::exists(m_journalPath));
}

void TestCancelBatch::destroyedBatchRecordsTheRestAsNotSent()
{
    for (int i = 0; i < 5; ++i)
        m_simulator->addJob(QStringLiteral("delayed"));
    const JobList jobs = listAll();
    CancelBatch* batch = makeBatch(m_journal.get());
    batch->setRequestBudget(1, 200);
    bool gone = false;
    connect(batch, &CancelBatch::jobFinished, this, [&] {
        if (!gone) {
            gone = true;
            batch->deleteLater(); // the window closed after the first answer
        }
    });
    QVERIFY(batch->start(jobs));
    QTRY_VERIFY(journalEntries().size() == 5);
    const QList<JournalEntry> entries = journalEntries();
    QCOMPARE(entries.at(0).outcome, QStringLiteral("cancelled"));
    for (qsizetype i = 1; i < entries.size(); ++i) {
        QCOMPARE(entries.at(i).outcome, QStringLiteral("not-sent"));
        QCOMPARE(m_simulator->jobState(entries.at(i).jobId), QStringLiteral("delayed"));
    }
}

void TestCancelBatch::cancelWhoseAnswerWasAbandonedIsGivenUp()
{
    m_simulator->addJob(QStringLiteral("waiting"));
    m_simulator->addJob(QStringLiteral("waiting"));
    const JobList jobs = listAll();
    m_client->setTimeout(300);
    CancelBatch* batch = makeBatch(m_journal.get());
    batch->setRequestBudget(1, 60000); // the second cancel waits a minute: only the first goes
    batch->setAnswerGrace(100);
    QSignalSpy finished(batch, &CancelBatch::finished);
    // What a server change in the window does to the shared client: every request dropped, no callback.
    connect(m_client, &ApiClient::requestSent, m_client, &ApiClient::abortAll, Qt::QueuedConnection);
    connect(batch, &CancelBatch::jobFinished, batch, &CancelBatch::stop);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(batch->start(jobs));
    QVERIFY(finished.wait(5000));
    QVERIFY(clock.elapsed() >= 400);
    const QList<ReceiptLine> receipt = batch->receipt();
    QCOMPARE(receipt.at(0).outcomeName(), QStringLiteral("timeout"));
    QVERIFY(receipt.at(0).wasSent());
    QVERIFY2(receipt.at(0).message.contains(QStringLiteral("may or may not")),
             qPrintable(receipt.at(0).message));
    QCOMPARE(receipt.at(1).outcomeName(), QStringLiteral("not-sent"));
    const QList<JournalEntry> entries = journalEntries();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).outcome, QStringLiteral("timeout"));
    QCOMPARE(entries.at(1).outcome, QStringLiteral("not-sent"));
}

void TestCancelBatch::receiptCsvQuotesCommaQuoteAndNewline()
{
    ReceiptLine line;
    line.id = QStringLiteral("job-1");
    line.stateBefore = QStringLiteral("waiting");
    line.kind = ReceiptLine::Kind::Sent;
    line.outcome = Outcome::ServerError;
    line.httpStatus = 500;
    line.message = QStringLiteral("Internal error, \"queue\" down\nretry later");
    QCOMPARE(
        CancelBatch::receiptToCsv({line}),
        QByteArray("id,stateBefore,httpStatus,outcome,message\r\n"
                   "job-1,waiting,500,server-error,\"Internal error, \"\"queue\"\" down\nretry later\"\r\n"));
    const QJsonObject object =
        QJsonDocument::fromJson(CancelBatch::receiptToJson({line})).array().at(0).toObject();
    QCOMPARE(object.value(QLatin1String("message")).toString(), line.message);
    QCOMPARE(object.value(QLatin1String("outcome")).toString(), QStringLiteral("server-error"));
}

void TestCancelBatch::receiptJsonSpeaksTheCommandLinesVocabulary()
{
    // Ids given, state not looked up, no answer (a timeout); a 409 with the server's words; a skipped job;
    // a job not sent, without any message.
    ReceiptLine unknown;
    unknown.id = QStringLiteral("job-7");
    unknown.kind = ReceiptLine::Kind::Sent;
    unknown.outcome = Outcome::Timeout;
    ReceiptLine conflict;
    conflict.id = QStringLiteral("job-8");
    conflict.stateBefore = QStringLiteral("waiting");
    conflict.kind = ReceiptLine::Kind::Sent;
    conflict.outcome = Outcome::Conflict;
    conflict.httpStatus = 409;
    conflict.message = QString::fromLatin1(Simulator::ConflictMessage);
    ReceiptLine skipped;
    skipped.id = QStringLiteral("job-9");
    skipped.stateBefore = QStringLiteral("completed");
    skipped.kind = ReceiptLine::Kind::Skipped;
    skipped.message = CompletedReason;
    ReceiptLine notSent;
    notSent.id = QStringLiteral("job-10");
    notSent.stateBefore = QStringLiteral("delayed");
    const QList<ReceiptLine> lines{unknown, conflict, skipped, notSent};

    const QJsonArray array = QJsonDocument::fromJson(CancelBatch::receiptToJson(lines)).array();
    QCOMPARE(array.size(), lines.size());
    // The one object per line that `cancel --json` prints too (tst_cli_formats pins its bytes).
    for (qsizetype i = 0; i < lines.size(); ++i)
        QCOMPARE(array.at(i).toObject(), lines.at(i).toJson());
    const QJsonObject first = array.at(0).toObject();
    QCOMPARE(first.value(QLatin1String("jobId")).toString(), QStringLiteral("job-7"));
    QVERIFY(first.value(QLatin1String("status")).isNull());     // not looked up: null, not ""
    QVERIFY(first.value(QLatin1String("httpStatus")).isNull()); // no answer: null, not 0
    QVERIFY(first.value(QLatin1String("message")).isNull());
    QCOMPARE(first.value(QLatin1String("outcome")).toString(), QStringLiteral("timeout"));
    // The previous names, for one release, as they were.
    QCOMPARE(first.value(QLatin1String("id")).toString(), QStringLiteral("job-7"));
    QCOMPARE(first.value(QLatin1String("stateBefore")), QJsonValue(QString()));
    const QJsonObject second = array.at(1).toObject();
    QCOMPARE(second.value(QLatin1String("status")).toString(), QStringLiteral("waiting"));
    QCOMPARE(second.value(QLatin1String("httpStatus")).toInt(), 409);
    QCOMPARE(second.value(QLatin1String("outcome")).toString(), QStringLiteral("running"));
    QCOMPARE(second.value(QLatin1String("message")).toString(),
             QString::fromLatin1(Simulator::ConflictMessage));
    QCOMPARE(array.at(2).toObject().value(QLatin1String("outcome")).toString(), QStringLiteral("skipped"));
    QCOMPARE(array.at(3).toObject().value(QLatin1String("outcome")).toString(), QStringLiteral("not-sent"));
    // No time in a receipt line (the journal has them), so no epoch milliseconds beside ISO strings either.
    for (const QJsonValue& value : array)
        QCOMPARE(value.toObject().size(), 7);
}

void TestCancelBatch::staleRowThatBecameActiveIsNotSent()
{
    const QString moved = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("moved.pdf"));
    const QString still = m_simulator->addJob(QStringLiteral("waiting"), QStringLiteral("still.pdf"));
    const JobList jobs = listAll(); // what the operator saw: both waiting
    QCOMPARE(jobs.size(), 2);
    // The list is not refreshed; meanwhile one of them starts.
    m_simulator->setJobState(moved, QStringLiteral("active"));

    CancelBatch* batch = makeBatch(m_journal.get());
    batch->setCheckFirst({moved, still});
    QStringList requests;
    connect(m_client, &ApiClient::requestSent, this, [&](const QByteArray& verb, const QUrl& url) {
        requests.append(QString::fromLatin1(verb) + QLatin1Char(' ') + url.path());
    });
    QSignalSpy finished(batch, &CancelBatch::finished);
    QVERIFY(batch->start(jobs));
    QVERIFY(finished.wait(10000));

    // One status request per job, one DELETE for the one still waiting, none for the one now active.
    QCOMPARE(batch->checkCount(), 2);
    QCOMPARE(requests.count(QStringLiteral("GET /api/v1/context/add-async/%1/status").arg(moved)), 1);
    QCOMPARE(requests.count(QStringLiteral("GET /api/v1/context/add-async/%1/status").arg(still)), 1);
    QCOMPARE(requests.count(QStringLiteral("DELETE /api/v1/context/add-async/%1/cancel").arg(still)), 1);
    QCOMPARE(requests.count(QStringLiteral("DELETE /api/v1/context/add-async/%1/cancel").arg(moved)), 0);
    QCOMPARE(requests.size(), 3);
    QCOMPARE(m_simulator->cancelRequestCount(), 1);
    QCOMPARE(m_simulator->jobState(moved), QStringLiteral("active"));
    QCOMPARE(m_simulator->jobState(still), QStringLiteral("cancelled"));
    // Both count in the batch's own budget: the check is the cancel's cost.
    QCOMPARE(batch->pacer().recentCount(), 3);

    // The receipt says why it was not sent.
    const QList<ReceiptLine> receipt = batch->receipt();
    QCOMPARE(receipt.size(), 2);
    const qsizetype movedRow = receipt.at(0).id == moved ? 0 : 1; // in the order listed
    const ReceiptLine& line = receipt.at(movedRow);
    QCOMPARE(line.id, moved);
    QCOMPARE(line.kind, ReceiptLine::Kind::NotSent);
    QCOMPARE(line.stateBefore, QStringLiteral("waiting")); // what the operator saw
    QCOMPARE(line.stateNow, QStringLiteral("active"));
    QCOMPARE(line.outcomeText(), QStringLiteral("Not sent: now active"));
    QCOMPARE(line.outcomeName(), QStringLiteral("not-sent"));
    QCOMPARE(line.httpStatus, 0);
    QVERIFY2(line.message.startsWith(QLatin1String("Not sent: now active")), qPrintable(line.message));
    QCOMPARE(receipt.at(1 - movedRow).id, still);
    QCOMPARE(receipt.at(1 - movedRow).outcomeName(), QStringLiteral("cancelled"));
    QCOMPARE(batch->exitCode(), exitCodeFor(Outcome::Stopped));

    // The journal: the moved job as not sent (no "sending" line: nothing went), the other as an attempt.
    const QList<JournalEntry> lines = Journal(m_journalPath).read();
    QList<JournalEntry> ofMoved;
    for (const JournalEntry& entry : lines) {
        if (entry.jobId == moved)
            ofMoved.append(entry);
    }
    QCOMPARE(ofMoved.size(), 1);
    QCOMPARE(ofMoved.at(0).outcome, QStringLiteral("not-sent"));
    QCOMPARE(ofMoved.at(0).stateBefore, QStringLiteral("waiting"));
    QCOMPARE(ofMoved.at(0).message, line.message);
}

void TestCancelBatch::staleRowsStillWaitingOrDelayedAreSent()
{
    const QString waiting = m_simulator->addJob(QStringLiteral("waiting"));
    const QString delayed = m_simulator->addJob(QStringLiteral("delayed"));
    const QString nowDelayed = m_simulator->addJob(QStringLiteral("waiting"));
    const QString gone = m_simulator->addJob(QStringLiteral("delayed"));
    const JobList jobs = listAll();
    m_simulator->setJobState(nowDelayed, QStringLiteral("delayed")); // still cancellable
    m_simulator->removeJob(gone);

    CancelBatch* batch = makeBatch(m_journal.get());
    batch->setCheckFirst({waiting, delayed, nowDelayed, gone});
    QSignalSpy finished(batch, &CancelBatch::finished);
    QVERIFY(batch->start(jobs));
    QVERIFY(finished.wait(10000));
    QCOMPARE(batch->checkCount(), 4);
    QCOMPARE(m_simulator->cancelRequestCount(), 3);
    for (const QString& id : {waiting, delayed, nowDelayed})
        QCOMPARE(m_simulator->jobState(id), QStringLiteral("cancelled"));
    for (const ReceiptLine& line : batch->receipt()) {
        if (line.id == gone) {
            QCOMPARE(line.kind, ReceiptLine::Kind::NotSent);
            QVERIFY2(line.message.contains(QLatin1String("no longer on the server")),
                     qPrintable(line.message));
        } else {
            QCOMPARE(line.outcomeName(), QStringLiteral("cancelled"));
        }
    }
}

void TestCancelBatch::freshRowsAreSentWithoutAStateCheck()
{
    for (int i = 0; i < 3; ++i)
        m_simulator->addJob(QStringLiteral("waiting"));
    const JobList jobs = listAll();
    const int before = m_simulator->requestCount();
    CancelBatch* batch = makeBatch(m_journal.get());
    QStringList verbs;
    connect(m_client, &ApiClient::requestSent, this,
            [&](const QByteArray& verb, const QUrl&) { verbs.append(QString::fromLatin1(verb)); });
    QSignalSpy finished(batch, &CancelBatch::finished);
    QVERIFY(batch->start(jobs)); // no setCheckFirst: every row was refreshed recently
    QVERIFY(finished.wait(10000));
    QCOMPARE(verbs, QStringList(3, QStringLiteral("DELETE")));
    QCOMPARE(m_simulator->requestCount() - before, 3);
    QCOMPARE(batch->checkCount(), 0);
    QCOMPARE(batch->exitCode(), 0);
}

void TestCancelBatch::stopDuringAStateCheckSendsNothingMore()
{
    const QString id = m_simulator->addJob(QStringLiteral("waiting"));
    const JobList jobs = listAll();
    CancelBatch* batch = makeBatch(m_journal.get());
    batch->setCheckFirst({id});
    // Stopped as soon as the check is on its way: its answer (still waiting) must not send the DELETE.
    connect(m_client, &ApiClient::requestSent, batch, &CancelBatch::stop);
    QSignalSpy finished(batch, &CancelBatch::finished);
    QVERIFY(batch->start(jobs));
    QVERIFY(finished.wait(10000));
    QCOMPARE(batch->checkCount(), 1);
    QCOMPARE(m_simulator->cancelRequestCount(), 0);
    QCOMPARE(m_simulator->jobState(id), QStringLiteral("waiting"));
    QCOMPARE(batch->receipt().at(0).kind, ReceiptLine::Kind::NotSent);
    QCOMPARE(batch->receipt().at(0).message, QStringLiteral("Stopped before it was sent."));
}

QTEST_GUILESS_MAIN(TestCancelBatch)
#include "tst_cancelbatch.moc"
