#pragma once

#include "jobs/job.h"

#include <QCoreApplication>
#include <QString>

namespace Alchemyst {

// The last complete list of one environment, kept so that the next start shows it at once ("as of 09:14,
// refreshing…") while the first pass runs, whatever the server's latency. One compact file per
// environment beside the history database, <AppLocalDataLocation>/last-list/<triageEnvironmentKey>.bin,
// replaced whole (QSaveFile: a kill leaves the previous one) on a worker thread, so that the UI thread
// pays only for an implicitly shared copy of the list.
//
// What a row needs and nothing more: id, state, fileName, source, failedReason (as the list cut it),
// processedOn, finishedOn, attempts. Not the `data` blob: the details pane waits for the first pass for
// that. States and sources are written once and referred to by number; the file ends in a 64-bit hash of
// its bytes, so that a damaged file is refused whole instead of showing rows that never were. Bounded:
// at most MaxJobs rows (about 70 bytes a job with short names: 7 MB for 100,000, 70 MB at the cap).
class LastListStore
{
    Q_DECLARE_TR_FUNCTIONS(Alchemyst::LastListStore)

public:
    static constexpr quint32 FormatVersion = 1;
    static constexpr qsizetype MaxJobs = 1000000;
    // A pass a few seconds apart needs no new file each time: at most one write a minute per session.
    static constexpr qint64 MinWriteIntervalMs = 60 * 1000;

    struct Snapshot
    {
        JobList jobs;
        qint64 asOfMs = 0; // when the pass that listed them ended; 0: nothing read
        QString problem;   // why nothing was read, when the file exists but cannot be used
    };

    static QString defaultFilePath(const QString& environmentKey);

    // The file's list. A missing file is an empty snapshot without a problem; a damaged one, or one of a
    // newer format, is an empty snapshot with a problem (the file is left: the next write replaces it).
    static Snapshot read(const QString& filePath);
    // Writes now, on this thread (the worker's body; tests). At most MaxJobs of them, in their order.
    static bool write(const QString& filePath, const JobList& jobs, qint64 asOfMs, QString* error = nullptr);
    // Writes on the worker thread (one for all files, so that two writes of one file never race). jobs is
    // an implicitly shared copy: the worker drops it as soon as it is encoded.
    static void writeLater(const QString& filePath, const JobList& jobs, qint64 asOfMs);
    // Waits until every writeLater so far is on disk; false on timeout.
    static bool waitForWrites(int timeoutMs = -1);

    static QByteArray encode(const JobList& jobs, qint64 asOfMs);
    static Snapshot decode(const QByteArray& bytes);
};

} // namespace Alchemyst
