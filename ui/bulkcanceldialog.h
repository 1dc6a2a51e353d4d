#pragma once

#include "core/cancelbatch.h"

#include <QDialog>
#include <QHash>
#include <QPointer>
#include <QTimer>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace Alchemyst {

// What a cancel of several jobs would do, before anything is sent: how many go out, how many are skipped
// and why, by state and by source. On production the environment's name is typed once, for the batch.
class BulkCancelPreviewDialog : public QDialog
{
    Q_OBJECT

public:
    BulkCancelPreviewDialog(const CancelPreview& preview, const QString& environmentName, bool production,
                            QWidget* parent = nullptr);
    // How many of the jobs to send were last refreshed longer ago than the refresh interval: each is
    // checked with the server before its cancel goes, and sent only when it is still waiting or delayed.
    void setCheckedFirst(int count);

private:
    bool confirmed() const;

    QString m_environmentName;
    bool m_production = false;
    int m_toSend = 0;
    QLineEdit* m_confirmEdit = nullptr;
    QPushButton* m_sendButton = nullptr;
    QLabel* m_checkLabel = nullptr;
};

// A running batch while it runs (progress, Stop, a pause the server asked for), then its receipt: one line
// per job with the state it had, the HTTP status, the outcome and the server's words as they came, and why
// the batch stopped when it stopped itself; Save as CSV or JSON, Copy. It cannot be closed while the batch
// runs. The batch is its CancelService's: it goes on when the operator switches environment (this dialog
// still shows it), and the receipt stays here after the service has deleted it.
class CancelReceiptDialog : public QDialog
{
    Q_OBJECT

public:
    CancelReceiptDialog(CancelBatch* batch, const QString& environmentName, QWidget* parent = nullptr);

    // Null once the batch's service is gone (after the batch finished).
    CancelBatch* batch() const { return m_batch; }
    // The receipt as last known: the batch's, kept after it is gone.
    QList<ReceiptLine> receipt() const { return m_lines; }
    bool isBatchRunning() const { return m_batch && m_batch->isRunning(); }

public slots:
    void reject() override; // ignored while the batch runs: Stop is the way out

private:
    void fillRow(int row, const ReceiptLine& line);
    void onJobFinished(const QString& id, const ReceiptLine& line);
    void updateProgress(int done, int total);
    void onFinished();
    void onPaused(int seconds, const QString& message);
    void updateSummary();

    QPointer<CancelBatch> m_batch;
    QString m_environmentName;
    QList<ReceiptLine> m_lines;
    QHash<QString, int> m_rows;
    QLabel* m_summary = nullptr;
    QLabel* m_pauseLabel = nullptr;
    QLabel* m_stopReason = nullptr;
    QLabel* m_journalWarning = nullptr;
    QLabel* m_message = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_csvButton = nullptr;
    QPushButton* m_jsonButton = nullptr;
    QPushButton* m_copyButton = nullptr;
    QPushButton* m_closeButton = nullptr;
    QTableWidget* m_table = nullptr;
    QTimer m_pauseTimer; // hides the pause once it is over
};

} // namespace Alchemyst
