// The journal as a reader meets it after a crash, a full disk or a hand edit: any bytes as a month file,
// read raw (forEach) and as attempts (forEachAttempt). Every entry handed on has a time, a job id and an
// outcome; an attempt never comes out twice; the reconciled view never has more entries than lines.
#include "core/journal.h"
#include "fuzzsupport.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>

using namespace Alchemyst;

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    AjmFuzz::ensureApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static QTemporaryDir dir;
    const QString base = dir.filePath(QStringLiteral("cancel-journal.jsonl"));
    const Journal journal(base);
    {
        QFile file(journal.fileFor(QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC)));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size));
    }
    int raw = 0;
    int malformed = 0;
    journal.forEach(
        {},
        [&raw](const JournalEntry& entry) {
            AJM_FUZZ_CHECK(entry.time.isValid());
            AJM_FUZZ_CHECK(!entry.jobId.isEmpty());
            AJM_FUZZ_CHECK(!entry.outcome.isEmpty());
            ++raw;
            return true;
        },
        &malformed);
    int attempts = 0;
    QSet<QString> reconciled;
    journal.forEachAttempt({}, [&](const JournalEntry& entry) {
        AJM_FUZZ_CHECK(entry.time.isValid());
        AJM_FUZZ_CHECK(!entry.jobId.isEmpty());
        // "sending" is never the end of an attempt: it is answered, or read as unanswered.
        AJM_FUZZ_CHECK(entry.outcome != sendingOutcomeName());
        if (!entry.attempt.isEmpty() && entry.outcome != unansweredOutcomeName())
            reconciled.insert(entry.attempt);
        ++attempts;
        return true;
    });
    AJM_FUZZ_CHECK(attempts <= raw);
    // Exports of what was read are whole lines and valid UTF-8.
    const QList<JournalEntry> entries = journal.attempts();
    const QByteArray csv = Journal::toCsv(entries);
    AJM_FUZZ_CHECK(QString::fromUtf8(csv).toUtf8() == csv);
    (void)Journal::toJson(entries);
    return 0;
}
