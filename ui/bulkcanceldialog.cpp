#include "bulkcanceldialog.h"

#include "actionicons.h"
#include "appearance.h"
#include "exportrows.h"
#include "jobs/job.h"
#include "statestyle.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace Alchemyst {

namespace {

QLabel* plainLabel(const QString& text, QWidget* parent, const QString& objectName = QString())
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    if (!objectName.isEmpty())
        label->setObjectName(objectName);
    return label;
}

QTableWidgetItem* item(const QString& text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto* cell = new QTableWidgetItem(text);
    cell->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    cell->setTextAlignment(alignment);
    cell->setToolTip(QString()); // server words are never a rich-text tool tip
    return cell;
}

// A small table of groups: name, selected, to send. Names are the server's (states, sources) or ours
// (reasons); table items draw them as plain text.
QTableWidget* groupTable(const QString& heading, const QList<CancelPreview::Group>& groups, bool stateColors,
                         const QString& objectName, QWidget* parent)
{
    auto* table = new QTableWidget(static_cast<int>(groups.size()), 3, parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels({heading,
                                      QCoreApplication::translate("Alchemyst::BulkCancel", "Selected"),
                                      QCoreApplication::translate("Alchemyst::BulkCancel", "To send")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setItemDelegate(new ToneDelegate(table)); // state names in their colours, for the palette
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    const Qt::Alignment right = Qt::AlignRight | Qt::AlignVCenter;
    for (int row = 0; row < groups.size(); ++row) {
        const CancelPreview::Group& group = groups.at(row);
        auto* name =
            item(group.name.isEmpty() ? QCoreApplication::translate("Alchemyst::BulkCancel", "(unknown)")
                                      : group.name);
        if (stateColors)
            name->setData(ToneRole, static_cast<int>(toneOf(categoryOf(group.name))));
        table->setItem(row, 0, name);
        table->setItem(row, 1, item(QLocale().toString(group.total), right));
        table->setItem(row, 2, item(QLocale().toString(group.toSend), right));
    }
    const int rows = qMin(8, static_cast<int>(groups.size()));
    table->setMinimumHeight(table->horizontalHeader()->sizeHint().height() +
                            qMax(rows, 3) * table->verticalHeader()->defaultSectionSize() +
                            2 * table->frameWidth() + 2);
    return table;
}

} // namespace

BulkCancelPreviewDialog::BulkCancelPreviewDialog(const CancelPreview& preview, const QString& environmentName,
                                                 bool production, QWidget* parent)
    : QDialog(parent)
    , m_environmentName(environmentName)
    , m_production(production)
    , m_toSend(preview.toSend)
{
    setObjectName(QStringLiteral("bulkCancelPreview"));
    setWindowTitle(production ? tr("Cancel jobs on production") : tr("Cancel jobs"));
    setMinimumWidth(640);
    auto* layout = new QVBoxLayout(this);

    const QLocale locale;
    auto* headline = plainLabel(tr("%Ln job(s) selected on %1.", nullptr, preview.total).arg(environmentName),
                                this, QStringLiteral("previewHeadline"));
    QFont bold = headline->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    headline->setFont(bold);
    layout->addWidget(headline);

    const QString send = preview.toSend == 0
                             ? tr("None of them can be cancelled: only waiting and delayed jobs can.")
                             : tr("%Ln will be sent a cancel (waiting and delayed). Nothing is retried.",
                                  nullptr, preview.toSend);
    layout->addWidget(plainLabel(send, this, QStringLiteral("previewSendLabel")));
    m_checkLabel = plainLabel(QString(), this, QStringLiteral("previewCheckLabel"));
    m_checkLabel->hide();
    layout->addWidget(m_checkLabel);

    QStringList skipped;
    for (const CancelPreview::Group& reason : preview.reasons)
        skipped << QStringLiteral("  •  %1 — %2").arg(locale.toString(reason.total), reason.name);
    const QString skip = preview.skipped == 0 ? tr("None is skipped.")
                                              : tr("%1 skipped:").arg(locale.toString(preview.skipped)) +
                                                    QLatin1Char('\n') + skipped.join(QLatin1Char('\n'));
    layout->addWidget(plainLabel(skip, this, QStringLiteral("previewSkipLabel")));

    layout->addSpacing(6);
    auto* groups = new QHBoxLayout;
    groups->addWidget(groupTable(tr("State"), preview.byState, true, QStringLiteral("previewByState"), this));
    groups->addWidget(
        groupTable(tr("Source"), preview.bySource, false, QStringLiteral("previewBySource"), this));
    layout->addLayout(groups, 1);

    if (production) {
        auto* warning = new QLabel(
            tr("<b>Production.</b> Type the environment name <b>%1</b> to confirm the whole batch:")
                .arg(environmentName.toHtmlEscaped()),
            this);
        warning->setTextFormat(Qt::RichText);
        warning->setWordWrap(true);
        warning->setObjectName(QStringLiteral("previewProductionLabel"));
        layout->addWidget(warning);
        m_confirmEdit = new QLineEdit(this);
        m_confirmEdit->setObjectName(QStringLiteral("confirmEdit"));
        m_confirmEdit->setPlaceholderText(environmentName);
        layout->addWidget(m_confirmEdit);
    }

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* back = buttons->button(QDialogButtonBox::Cancel);
    back->setText(tr("Back"));
    back->setObjectName(QStringLiteral("backButton"));
    m_sendButton =
        buttons->addButton(tr("Send %Ln Cancel(s)", nullptr, preview.toSend), QDialogButtonBox::AcceptRole);
    m_sendButton->setObjectName(QStringLiteral("confirmButton"));
    m_sendButton->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    layout->addWidget(buttons);
    m_sendButton->setEnabled(confirmed());
    if (m_confirmEdit) {
        connect(m_confirmEdit, &QLineEdit::textChanged, this,
                [this] { m_sendButton->setEnabled(confirmed()); });
    }
    // Nothing is sent by a key pressed too soon: the focus starts on the way back, also on production
    // (the name field is one Tab away).
    back->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (confirmed())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

bool BulkCancelPreviewDialog::confirmed() const
{
    return m_toSend > 0 && (!m_production || (m_confirmEdit && m_confirmEdit->text() == m_environmentName));
}

CancelReceiptDialog::CancelReceiptDialog(CancelBatch* batch, const QString& environmentName, QWidget* parent)
    : QDialog(parent)
    , m_batch(batch)
    , m_environmentName(environmentName)
{
    setObjectName(QStringLiteral("cancelReceipt"));
    setWindowTitle(tr("Cancelling jobs on %1").arg(environmentName));
    m_lines = batch->receipt();
    resize(900, 520);
    auto* layout = new QVBoxLayout(this);

    m_summary = plainLabel(QString(), this, QStringLiteral("receiptSummary"));
    layout->addWidget(m_summary);
    auto* progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("bulkProgress"));
    m_progress->setRange(0, qMax(1, batch->totalCount()));
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m"));
    progressRow->addWidget(m_progress, 1);
    m_stopButton = new QPushButton(actionIcon(QStringLiteral("process-stop")), tr("Stop"), this);
    m_stopButton->setObjectName(QStringLiteral("bulkStopButton"));
    m_stopButton->setToolTip(tr("Send nothing more; answers already on their way are still recorded"));
    progressRow->addWidget(m_stopButton);
    layout->addLayout(progressRow);
    m_pauseLabel = plainLabel(QString(), this, QStringLiteral("receiptPauseLabel"));
    setTextTone(m_pauseLabel, WarningTone);
    m_pauseLabel->hide();
    layout->addWidget(m_pauseLabel);
    m_pauseTimer.setSingleShot(true);
    connect(&m_pauseTimer, &QTimer::timeout, m_pauseLabel, &QWidget::hide);
    m_stopReason = plainLabel(QString(), this, QStringLiteral("receiptStopReason"));
    setTextTone(m_stopReason, ErrorTone);
    m_stopReason->hide();
    layout->addWidget(m_stopReason);
    m_journalWarning = plainLabel(QString(), this, QStringLiteral("receiptJournalWarning"));
    setTextTone(m_journalWarning, WarningTone);
    QFont warningFont = m_journalWarning->font();
    warningFont.setBold(true);
    m_journalWarning->setFont(warningFont);
    m_journalWarning->hide();
    layout->addWidget(m_journalWarning);

    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("receiptTable"));
    m_table->setItemDelegate(new ToneDelegate(m_table));
    m_table->setHorizontalHeaderLabels(
        {tr("Job ID"), tr("State before"), tr("HTTP"), tr("Outcome"), tr("Message")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(0, metrics.horizontalAdvance(QStringLiteral("0000000000")) + 28);
    m_table->setColumnWidth(1, metrics.horizontalAdvance(QStringLiteral("waiting-children")) + 28);
    m_table->setColumnWidth(2, metrics.horizontalAdvance(QStringLiteral("HTTP")) + 28);
    // The outcome as said ("Refused: running", "No answer: timeout"), in this language: the widest fits.
    int outcomeWidth = metrics.horizontalAdvance(tr("Outcome"));
    ReceiptLine sample;
    sample.kind = ReceiptLine::Kind::Sent;
    for (int outcome = static_cast<int>(Outcome::Ok); outcome <= static_cast<int>(Outcome::Stopped);
         ++outcome) {
        sample.outcome = static_cast<Outcome>(outcome);
        outcomeWidth = qMax(outcomeWidth, metrics.horizontalAdvance(sample.outcomeText()));
    }
    // A row checked first and found moved on: "Not sent: now completed", the longest of those states.
    sample.kind = ReceiptLine::Kind::NotSent;
    sample.stateNow = QStringLiteral("completed");
    outcomeWidth = qMax(outcomeWidth, metrics.horizontalAdvance(sample.outcomeText()));
    m_table->setColumnWidth(3, outcomeWidth + 28);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);
    // The whole message of the selected line, as the server wrote it: the column elides long ones.
    m_message = plainLabel(QString(), this, QStringLiteral("receiptMessage"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMinimumHeight(m_message->fontMetrics().lineSpacing() * 2);
    layout->addWidget(m_message);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        const QTableWidgetItem* cell = row >= 0 ? m_table->item(row, 4) : nullptr;
        const QTableWidgetItem* id = row >= 0 ? m_table->item(row, 0) : nullptr;
        m_message->setText(cell && id ? tr("Job %1: %2").arg(id->text(), cell->text()) : QString());
    });

    m_table->setRowCount(static_cast<int>(m_lines.size()));
    for (int row = 0; row < m_lines.size(); ++row) {
        m_rows.insert(m_lines.at(row).id, row);
        fillRow(row, m_lines.at(row));
    }

    auto* buttons = new QDialogButtonBox(this);
    m_csvButton = buttons->addButton(tr("Save as CSV…"), QDialogButtonBox::ActionRole);
    m_csvButton->setObjectName(QStringLiteral("saveCsvButton"));
    m_jsonButton = buttons->addButton(tr("Save as JSON…"), QDialogButtonBox::ActionRole);
    m_jsonButton->setObjectName(QStringLiteral("saveJsonButton"));
    m_copyButton = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    m_copyButton->setObjectName(QStringLiteral("copyReceiptButton"));
    m_copyButton->setToolTip(tr("Copy the receipt as CSV"));
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeReceiptButton"));
    layout->addWidget(buttons);
    for (QPushButton* button : {m_csvButton, m_jsonButton, m_copyButton, m_closeButton})
        button->setAutoDefault(false);

    const QString base = QStringLiteral("cancel-receipt-%1")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const auto csv = [this] { return CancelBatch::receiptToCsv(m_lines); };
    const auto json = [this] { return CancelBatch::receiptToJson(m_lines); };
    connect(m_csvButton, &QPushButton::clicked, this,
            [this, base, csv, json] { saveCsvOrJson(this, tr("Save Receipt"), base, true, csv, json); });
    connect(m_jsonButton, &QPushButton::clicked, this,
            [this, base, csv, json] { saveCsvOrJson(this, tr("Save Receipt"), base, false, csv, json); });
    connect(m_copyButton, &QPushButton::clicked, this,
            [csv] { QGuiApplication::clipboard()->setText(QString::fromUtf8(csv())); });
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_stopButton, &QPushButton::clicked, this, [this] {
        m_stopButton->setEnabled(false);
        if (m_batch)
            m_batch->stop();
        updateSummary();
    });
    connect(batch, &CancelBatch::jobFinished, this, &CancelReceiptDialog::onJobFinished);
    connect(batch, &CancelBatch::progressChanged, this, &CancelReceiptDialog::updateProgress);
    connect(batch, &CancelBatch::finished, this, &CancelReceiptDialog::onFinished);
    connect(batch, &CancelBatch::paused, this, &CancelReceiptDialog::onPaused);
    connect(batch, &CancelBatch::journalFailed, this, [this](const QString& reason) {
        m_journalWarning->setText(
            tr("The journal could not be written (%1): the answers are in this receipt only. Save it, or "
               "Stop.")
                .arg(reason));
        m_journalWarning->show();
    });
    if (batch->isFinished())
        onFinished();
    else
        updateSummary();
}

void CancelReceiptDialog::fillRow(int row, const ReceiptLine& line)
{
    const Qt::Alignment right = Qt::AlignRight | Qt::AlignVCenter;
    m_table->setItem(row, 0, item(line.id));
    auto* state = item(line.stateBefore);
    state->setData(ToneRole, static_cast<int>(toneOf(categoryOf(line.stateBefore))));
    m_table->setItem(row, 1, state);
    m_table->setItem(row, 2, item(line.httpStatus > 0 ? QString::number(line.httpStatus) : QString(), right));
    auto* outcome = item(line.outcomeText()); // "Refused: running"; the files keep outcomeName()
    if (line.wasSent() && line.outcome != Outcome::Cancelled)
        outcome->setData(ToneRole, static_cast<int>(ErrorTone));
    m_table->setItem(row, 3, outcome);
    // The server's words as they came: an item draws its text as text.
    m_table->setItem(row, 4, item(line.message));
}

void CancelReceiptDialog::onJobFinished(const QString& id, const ReceiptLine& line)
{
    for (ReceiptLine& known : m_lines) {
        if (known.id == id) {
            known = line;
            break;
        }
    }
    const int row = m_rows.value(id, -1);
    if (row >= 0)
        fillRow(row, line);
}

void CancelReceiptDialog::updateProgress(int done, int total)
{
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(done);
    updateSummary();
}

void CancelReceiptDialog::onPaused(int seconds, const QString& message)
{
    m_pauseLabel->setText(message);
    m_pauseLabel->show();
    m_pauseTimer.start(seconds * 1000);
}

void CancelReceiptDialog::onFinished()
{
    m_progress->setValue(m_progress->maximum());
    m_stopButton->setEnabled(false);
    m_stopButton->hide();
    m_progress->hide();
    m_pauseTimer.stop();
    m_pauseLabel->hide();
    if (m_batch) {
        m_lines = m_batch->receipt();
        // Why it ended before its time, when the batch stopped itself (a refused key, the journal).
        const QString reason = m_batch->stopReason();
        m_stopReason->setText(tr("The batch stopped by itself. %1").arg(reason));
        m_stopReason->setVisible(!reason.isEmpty());
    }
    // The lines as the batch finally recorded them, what needs a look first: refused or failed sends, then
    // the ones not sent, the cancelled ones, the skipped ones; in selection order within each.
    QList<ReceiptLine> lines = m_lines;
    const auto rank = [](const ReceiptLine& line) {
        if (line.kind == ReceiptLine::Kind::Sent)
            return line.outcome == Outcome::Cancelled ? 2 : 0;
        return line.kind == ReceiptLine::Kind::NotSent ? 1 : 3;
    };
    std::stable_sort(lines.begin(), lines.end(),
                     [&rank](const ReceiptLine& a, const ReceiptLine& b) { return rank(a) < rank(b); });
    m_rows.clear();
    m_table->setRowCount(static_cast<int>(lines.size()));
    for (int row = 0; row < lines.size(); ++row) {
        m_rows.insert(lines.at(row).id, row);
        fillRow(row, lines.at(row));
    }
    if (!lines.isEmpty())
        m_table->setCurrentCell(0, 0);
    setWindowTitle(tr("Cancel receipt — %1").arg(m_environmentName));
    updateSummary();
}

void BulkCancelPreviewDialog::setCheckedFirst(int count)
{
    // Cancel only what the operator saw: the list may have moved on since these rows were read.
    m_checkLabel->setText(
        tr("%Ln of them were last refreshed longer ago than the refresh interval: each is checked with the "
           "server first, and its cancel is sent only if it is still waiting or delayed.",
           nullptr, count));
    m_checkLabel->setVisible(count > 0);
}

void CancelReceiptDialog::updateSummary()
{
    const bool running = m_batch && !m_batch->isFinished();
    m_csvButton->setEnabled(!running);
    m_jsonButton->setEnabled(!running);
    m_copyButton->setEnabled(!running);
    m_closeButton->setEnabled(!running);
    const QLocale locale;
    if (running) {
        m_summary->setText(m_batch->isStopped()
                               ? tr("Stopping: waiting for the %n answer(s) already on their way…", nullptr,
                                    m_batch->inFlight())
                               : tr("Sending cancels to %1: %2 of %3 settled.")
                                     .arg(m_environmentName, locale.toString(m_batch->doneCount()),
                                          locale.toString(m_batch->totalCount())));
        return;
    }
    int cancelled = 0, refused = 0, notSent = 0, moved = 0, skipped = 0;
    for (const ReceiptLine& line : std::as_const(m_lines)) {
        if (line.kind == ReceiptLine::Kind::Skipped)
            ++skipped;
        else if (line.kind == ReceiptLine::Kind::NotSent && !line.stateNow.isEmpty())
            ++moved; // checked first and found no longer waiting or delayed
        else if (line.kind == ReceiptLine::Kind::NotSent)
            ++notSent;
        else if (line.outcome == Outcome::Cancelled)
            ++cancelled;
        else
            ++refused;
    }
    QStringList parts;
    parts << tr("%1 cancelled").arg(locale.toString(cancelled));
    if (refused > 0)
        parts << tr("%1 not cancelled (see the server's message)").arg(locale.toString(refused));
    if (moved > 0)
        parts << tr("%1 not sent (no longer waiting or delayed when checked)").arg(locale.toString(moved));
    if (notSent > 0)
        parts << tr("%1 not sent (stopped)").arg(locale.toString(notSent));
    if (skipped > 0)
        parts << tr("%1 skipped").arg(locale.toString(skipped));
    m_summary->setText(tr("Done on %1: %2.").arg(m_environmentName, parts.join(QStringLiteral(", "))));
}

void CancelReceiptDialog::reject()
{
    if (isBatchRunning())
        return;
    QDialog::reject();
}

} // namespace Alchemyst
