#include "detailsdock.h"

#include "api/apiclient.h"
#include "core/jobmonitor.h"
#include "core/positionestimate.h"
#include "history/historystore.h"
#include "jobs/jobdatastore.h"
#include "jobs/jobmodel.h"
#include "jobs/timedisplay.h"
#include "monitorbinding.h"
#include "triage/stuck.h"

#include <QAbstractItemView>
#include <QAbstractProxyModel>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Alchemyst {

namespace {

QLabel* plainLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // server text, never markup
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

QString scalarText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::String:
        return value.toString();
    default:
        return QString();
    }
}

void addValue(QTreeWidget* tree, QTreeWidgetItem* parent, const QString& key, const QJsonValue& value)
{
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
    item->setText(0, key);
    item->setToolTip(0, QString()); // QTreeWidgetItem text is plain; tool tips would guess markup
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        item->setText(1, DetailsDock::tr("{%n key(s)}", nullptr, static_cast<int>(object.size())));
        for (auto it = object.begin(); it != object.end(); ++it)
            addValue(tree, item, it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        item->setText(1, DetailsDock::tr("[%n item(s)]", nullptr, static_cast<int>(array.size())));
        for (int i = 0; i < array.size(); ++i)
            addValue(tree, item, QString::number(i), array.at(i));
    } else {
        item->setText(1, scalarText(value));
    }
}

void fillTree(QTreeWidget* tree, const QJsonObject& object)
{
    tree->clear();
    for (auto it = object.begin(); it != object.end(); ++it)
        addValue(tree, nullptr, it.key(), it.value());
    tree->expandAll();
}

QTreeWidget* makeTree(QWidget* parent, const QString& objectName)
{
    auto* tree = new QTreeWidget(parent);
    tree->setObjectName(objectName);
    tree->setColumnCount(2);
    tree->setHeaderLabels({DetailsDock::tr("Key"), DetailsDock::tr("Value")});
    tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    tree->header()->setStretchLastSection(true);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    return tree;
}

QLabel* sectionLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

DetailsDock::DetailsDock(QWidget* parent)
    : QDockWidget(tr("Job Details"), parent)
{
    setObjectName(QStringLiteral("detailsDock"));
    setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea | Qt::BottomDockWidgetArea);

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->setSpacing(6);

    m_title = plainLabel(body, QStringLiteral("detailsTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_empty = plainLabel(body, QStringLiteral("detailsEmpty"));
    m_empty->setText(tr("Select a job in the table to see everything about it: its times, the whole "
                        "failure reason, its data and its result."));
    layout->addWidget(m_empty);
    layout->addStretch(0);

    // Everything about a job; hidden while none is chosen, so that the pane holds no empty boxes.
    m_content = new QWidget(body);
    layout->addWidget(m_content, 1);
    auto* outer = layout;
    layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    body = m_content;

    auto* form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setHorizontalSpacing(10);
    form->setVerticalSpacing(3);
    m_state = plainLabel(body, QStringLiteral("detailsState"));
    m_attempts = plainLabel(body, QStringLiteral("detailsAttempts"));
    m_times = plainLabel(body, QStringLiteral("detailsTimes"));
    m_timeline = plainLabel(body, QStringLiteral("detailsTimeline"));
    m_timeline->setAccessibleName(tr("Observed timeline"));
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Attempts:"), m_attempts);
    form->addRow(tr("Times:"), m_times);
    form->addRow(tr("Seen:"), m_timeline);
    // A waiting job's place in the queue, from the order the last complete pass listed it in; a row only
    // for waiting jobs.
    m_position = plainLabel(body, QStringLiteral("detailsPosition"));
    m_position->setAccessibleName(tr("Place in the queue"));
    form->addRow(tr("In queue:"), m_position);
    m_positionForm = form;
    layout->addLayout(form);

    layout->addWidget(sectionLabel(tr("Failure reason"), body));
    m_reason = new QPlainTextEdit(body);
    m_reason->setObjectName(QStringLiteral("detailsReason"));
    m_reason->setReadOnly(true); // selectable and copyable, never interpreted
    m_reason->setMaximumHeight(m_reason->fontMetrics().lineSpacing() * 5 + 12);
    layout->addWidget(m_reason);

    layout->addWidget(sectionLabel(tr("Data"), body));
    m_dataNote = plainLabel(body, QStringLiteral("detailsDataNote"));
    layout->addWidget(m_dataNote);
    m_data = makeTree(body, QStringLiteral("detailsData"));
    layout->addWidget(m_data, 3);

    layout->addWidget(sectionLabel(tr("Result"), body));
    m_resultLabel = plainLabel(body, QStringLiteral("detailsResultNote"));
    layout->addWidget(m_resultLabel);
    m_resultTree = makeTree(body, QStringLiteral("detailsResult"));
    layout->addWidget(m_resultTree, 1);

    auto* buttons = new QHBoxLayout;
    m_copyJson = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy as JSON"), body);
    m_copyJson->setObjectName(QStringLiteral("copyJsonButton"));
    m_copyId = new QPushButton(tr("Copy ID"), body);
    m_copyId->setObjectName(QStringLiteral("copyIdButton"));
    buttons->addWidget(m_copyJson);
    buttons->addWidget(m_copyId);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_copyJson, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(
            QString::fromUtf8(QJsonDocument(toJson()).toJson(QJsonDocument::Indented)));
    });
    connect(m_copyId, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_id); });

    Q_UNUSED(outer)
    setWidget(m_content->parentWidget());
    setMinimumWidth(320);

    m_fetchTimer.setSingleShot(true);
    m_fetchTimer.setInterval(FetchDelayMs);
    connect(&m_fetchTimer, &QTimer::timeout, this, &DetailsDock::fetchResult);
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && m_fetchPending)
            fetchResult();
    });
    refreshView();
}

void DetailsDock::setMonitor(JobMonitor* monitor)
{
    if (!rebindMonitor(this, m_monitor, monitor))
        return;
    m_id.clear();
    m_fullData = QJsonObject();
    m_fullState = FullData::None;
    m_result = QJsonValue(QJsonValue::Undefined);
    m_resultNote.clear();
    ++m_fetchSerial;
    m_fetchTimer.stop();
    m_fetchPending = false;
    if (m_monitor) {
        connect(m_monitor, &JobMonitor::jobDataChanged, this, [this](const QString& id) {
            if (id != m_id)
                return;
            const bool wasFetched = m_fullState != FullData::None;
            m_fullData = QJsonObject();
            m_fullState = FullData::None;
            // The data changed on the server. Whole in the list: that copy is the newest. Cut: the whole of
            // it is asked for again.
            if (wasFetched && m_monitor->isJobDataCut(id))
                m_fetchTimer.start();
            fillData();
        });
        connect(m_monitor, &JobMonitor::triageUpdated, this, &DetailsDock::refreshView);
        connect(m_monitor, &JobMonitor::triageUpdated, this, &DetailsDock::refreshTimeline);
        connect(m_monitor->model(), &QAbstractItemModel::dataChanged, this, [this] {
            if (isVisible())
                refreshView();
        });
    }
    refreshView();
    fillData();
}

QString DetailsDock::formatTimestamp(qint64 epochMs) const
{
    // In the zone the table shows (View → Show Times in UTC), with its offset.
    return TimeDisplay::formatWithOffset(epochMs, m_monitor ? m_monitor->model()->timeZone()
                                                            : TimeDisplay::Zone::Local);
}

void DetailsDock::setView(QAbstractItemView* view)
{
    if (m_view == view)
        return;
    if (m_view) {
        m_view->disconnect(this);
        if (m_view->selectionModel())
            m_view->selectionModel()->disconnect(this);
        if (m_view->model())
            m_view->model()->disconnect(this);
    }
    m_view = view;
    if (!m_view || !m_view->model() || !m_view->selectionModel())
        return;
    QItemSelectionModel* selection = m_view->selectionModel();
    connect(selection, &QItemSelectionModel::currentRowChanged, this, &DetailsDock::followSelection);
    connect(selection, &QItemSelectionModel::selectionChanged, this, &DetailsDock::followSelection);
    // A filter that hides the job shown (another tab, a search) removes its row or lays the view out anew.
    QAbstractItemModel* model = m_view->model();
    connect(model, &QAbstractItemModel::rowsRemoved, this, &DetailsDock::checkStillInView);
    connect(model, &QAbstractItemModel::modelReset, this, &DetailsDock::checkStillInView);
    connect(model, &QAbstractItemModel::layoutChanged, this, &DetailsDock::checkStillInView);
    followSelection();
}

void DetailsDock::followSelection()
{
    if (!m_view)
        return;
    const QItemSelectionModel* selection = m_view->selectionModel();
    QModelIndex current = selection->currentIndex();
    if (!current.isValid() || !selection->isRowSelected(current.row(), current.parent())) {
        const QModelIndexList rows = selection->selectedRows();
        current = rows.isEmpty() ? QModelIndex() : rows.constFirst();
    }
    // Nothing selected: the pane says so rather than go on about a job the operator left.
    showJob(current.isValid() ? current.data(JobModel::JobIdRole).toString() : QString());
}

void DetailsDock::checkStillInView()
{
    if (m_id.isEmpty() || !m_view || !m_view->model())
        return;
    const QAbstractItemModel* model = m_view->model();
    const auto* proxy = qobject_cast<const QAbstractProxyModel*>(model);
    const auto* jobs = qobject_cast<const JobModel*>(proxy ? proxy->sourceModel() : model);
    bool inView = false;
    if (jobs) {
        const int row = jobs->rowOf(m_id);
        inView = row >= 0 && (!proxy || proxy->mapFromSource(jobs->index(row, 0)).isValid());
    }
    if (!inView)
        showJob(QString());
}

void DetailsDock::showJob(const QString& id)
{
    if (id == m_id)
        return;
    m_id = id;
    m_fullData = QJsonObject();
    m_fullState = FullData::None;
    m_result = QJsonValue(QJsonValue::Undefined);
    m_resultNote.clear();
    ++m_fetchSerial; // an answer for the previous job is ignored
    if (!id.isEmpty() && m_monitor)
        m_monitor->watchJob(id);
    refreshTimeline();
    refreshView();
    fillData();
    m_fetchTimer.stop();
    if (!id.isEmpty()) {
        setResultText(tr("Loading…"));
        m_fetchTimer.start(); // a burst of selection changes sends one request
    }
}

void DetailsDock::refreshPosition()
{
    const QString text = m_id.isEmpty() || !m_monitor ? QString() : positionText(m_monitor, m_id);
    m_position->setText(text);
    m_positionForm->setRowVisible(m_position, !text.isEmpty());
}

void DetailsDock::refreshTimeline()
{
    refreshPosition();
    // Every state this machine saw the job in, oldest first, each time with where it came from: the
    // moment of the sighting, or the job's own processedOn and finishedOn.
    HistoryStore* history = m_monitor ? m_monitor->history() : nullptr;
    if (m_id.isEmpty() || !history || !history->isOpen()) {
        m_timeline->setText(m_id.isEmpty() ? QString() : tr("No history is kept here."));
        return;
    }
    const QList<ChangeRecord> changes = history->changesOf(m_monitor->historyKey(), m_id);
    QStringList lines;
    for (const ChangeRecord& change : changes) {
        QString line;
        if (change.to.isEmpty())
            line = tr("%1  no longer listed (was %2)").arg(formatTimestamp(change.observedAtMs), change.from);
        else if (change.from.isEmpty())
            line = tr("%1  first seen %2").arg(formatTimestamp(change.observedAtMs), change.to);
        else
            line = tr("%1  %2 → %3").arg(formatTimestamp(change.observedAtMs), change.from, change.to);
        const StateCategory category = categoryOf(change.to);
        if (category == StateCategory::Active && change.processedOn > 0)
            line += QStringLiteral("\n    ") +
                    tr("started %1 (processedOn)").arg(formatTimestamp(change.processedOn));
        else if (change.finishedOn > 0 && !change.to.isEmpty() && category != StateCategory::Active)
            line += QStringLiteral("\n    ") +
                    tr("finished %1 (finishedOn)").arg(formatTimestamp(change.finishedOn));
        lines << line;
    }
    m_timeline->setText(lines.isEmpty()
                            ? tr("No change of it seen yet: the timeline starts with the next one.")
                            : lines.join(QLatin1Char('\n')));
}

void DetailsDock::refreshView()
{
    const JobModel* model = m_monitor ? m_monitor->model() : nullptr;
    const int row = m_id.isEmpty() || !model ? -1 : model->rowOf(m_id);
    const bool known = row >= 0;
    m_copyJson->setEnabled(known);
    m_copyId->setEnabled(!m_id.isEmpty());
    m_content->setVisible(!m_id.isEmpty());
    m_empty->setVisible(m_id.isEmpty());
    if (!known) {
        m_title->setText(m_id.isEmpty() ? tr("No job selected") : tr("Job %1 (no longer listed)").arg(m_id));
        m_state->clear();
        m_attempts->clear();
        m_times->clear();
        m_reason->clear();
        if (m_id.isEmpty()) {
            m_data->clear();
            m_dataNote->clear();
            m_resultTree->clear();
            m_resultLabel->clear();
        }
        return;
    }
    const Job& job = model->jobAt(row);
    m_title->setText(tr("Job %1").arg(job.id));
    m_state->setText(job.state);
    m_attempts->setText(job.attempts >= 0 ? QString::number(job.attempts) : tr("unknown"));

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const TriageSession& triage = m_monitor->triage();
    const qint64 firstSeen = triage.store().firstSeen(job.id, job.state);
    QStringList lines;
    if (firstSeen > 0)
        lines << tr("Seen %1 since: %2").arg(job.state, formatTimestamp(firstSeen));
    if (job.processedOn > 0)
        lines << tr("Started: %1").arg(formatTimestamp(job.processedOn));
    if (job.finishedOn > 0)
        lines << tr("Finished: %1").arg(formatTimestamp(job.finishedOn));
    const StateCategory category = categoryOf(job.state);
    if ((category == StateCategory::Waiting || category == StateCategory::Delayed) && firstSeen > 0)
        lines << tr("Queued for: at least %1 (as seen by this app; the API gives no creation time)")
                     .arg(TimeDisplay::durationText(now - firstSeen));
    else if (category == StateCategory::Active && job.processedOn > 0)
        lines << tr("Running for: %1").arg(TimeDisplay::durationText(now - job.processedOn));
    else if (job.finishedOn > 0 && job.processedOn > 0)
        lines << tr("Took: %1")
                     .arg(TimeDisplay::durationText(qMax<qint64>(0, job.finishedOn - job.processedOn)));
    const StuckVerdict verdict = triage.verdict(job, now, true, m_monitor->model()->timeZone());
    if (verdict.stuck)
        lines << tr("⚠ Stuck: %1").arg(verdict.text);
    if (lines.isEmpty())
        lines << tr("The server gave no times for this job.");
    m_times->setText(lines.join(QLatin1Char('\n')));

    QString reason = job.failedReason;
    if (job.reasonTruncated)
        reason += QLatin1Char('\n') + tr("(cut by the list; the single-job answer has the whole text)");
    if (m_reason->toPlainText() != reason)
        m_reason->setPlainText(reason.isEmpty() ? QString() : reason);
    m_reason->setPlaceholderText(tr("No failure reason."));
}

QJsonObject DetailsDock::shownData() const
{
    if (m_id.isEmpty() || !m_monitor)
        return {};
    return m_fullState == FullData::Loaded ? m_fullData : m_monitor->jobData(m_id);
}

void DetailsDock::fillData()
{
    const QJsonObject data = shownData();
    fillTree(m_data, data);
    m_data->setVisible(!data.isEmpty());
    QString note;
    if (!m_id.isEmpty() && data.isEmpty())
        note = tr("The job's data arrives with the next refresh.");
    else if (!m_id.isEmpty() && m_fullState != FullData::Loaded && m_monitor->isJobDataCut(m_id)) {
        const QString kept = tr("Only the first %1 KiB of this job's data are kept from the list.")
                                 .arg(JobDataStore::MaxBytesPerJob / 1024);
        switch (m_fullState) {
        case FullData::Failed:
            note = kept + QLatin1Char(' ') + tr("The full data could not be loaded: %1").arg(m_fullProblem);
            break;
        case FullData::Absent:
            note = kept + QLatin1Char(' ') + tr("The server's answer for this job carries no data.");
            break;
        default:
            note = tr("Loading full data…");
            break;
        }
    }
    m_dataNote->setText(note);
    m_dataNote->setVisible(!note.isEmpty());
}

void DetailsDock::setResultText(const QString& text)
{
    m_resultTree->clear();
    m_resultTree->hide();
    m_resultLabel->setText(text);
    m_resultLabel->setVisible(!text.isEmpty());
}

void DetailsDock::fetchResult()
{
    if (m_id.isEmpty() || !m_monitor)
        return;
    if (!isVisible()) {
        m_fetchPending = true; // a closed pane asks nothing of the server until it is opened
        return;
    }
    m_fetchPending = false;
    if (m_monitor->isJobDataCut(m_id) && m_fullState != FullData::Loaded) {
        m_fullState = FullData::Loading;
        fillData();
    }
    const int serial = m_fetchSerial;
    QPointer<DetailsDock> self(this);
    m_monitor->client()->fetchJob(
        m_id,
        [self, serial](const JobResult& answer) {
            if (!self || serial != self->m_fetchSerial)
                return;
            const ApiResult& result = answer.result;
            if (!result.isSuccess()) {
                const QString why =
                    result.message.isEmpty() ? outcomeSentence(result.outcome) : result.message;
                self->m_resultNote = tr("Could not fetch the job: %1").arg(why);
                self->setResultText(self->m_resultNote);
                if (self->m_fullState == FullData::Loading) {
                    self->m_fullState = FullData::Failed;
                    self->m_fullProblem = why;
                    self->fillData();
                }
                return;
            }
            // The whole data, when the answer carries it: one job's, held while it is shown.
            const QJsonValue data = result.payload.value(QLatin1String("data"));
            if (data.isObject()) {
                self->m_fullData = data.toObject();
                self->m_fullState = FullData::Loaded;
                self->fillData();
            } else if (self->m_fullState == FullData::Loading) {
                self->m_fullState = FullData::Absent;
                self->fillData();
            }
            // The list caps a failure reason; the single-job answer carries it whole: show that one.
            const QJsonValue fullReason = result.payload.value(QLatin1String("failedReason"));
            if (fullReason.isString() && fullReason.toString().size() > self->m_reason->toPlainText().size())
                self->m_reason->setPlainText(fullReason.toString());
            self->m_result = result.payload.value(QLatin1String("result"));
            if (self->m_result.isObject()) {
                fillTree(self->m_resultTree, self->m_result.toObject());
                self->m_resultTree->show();
                self->m_resultLabel->hide();
                self->m_resultNote.clear();
            } else if (self->m_result.isUndefined() || self->m_result.isNull()) {
                self->m_resultNote = tr("No result (the server gives one for completed jobs).");
                self->setResultText(self->m_resultNote);
            } else {
                self->m_resultNote.clear();
                self->setResultText(self->m_result.isArray()
                                        ? QString::fromUtf8(QJsonDocument(self->m_result.toArray()).toJson())
                                        : scalarText(self->m_result));
            }
        },
        RequestPurpose::Details); // the budget meter says the details pane spent it
}

QJsonObject DetailsDock::toJson() const
{
    QJsonObject out;
    out.insert(QStringLiteral("id"), m_id);
    const JobModel* model = m_monitor ? m_monitor->model() : nullptr;
    const int row = m_id.isEmpty() || !model ? -1 : model->rowOf(m_id);
    if (row >= 0) {
        const Job& job = model->jobAt(row);
        out.insert(QStringLiteral("state"), job.state);
        if (job.attempts >= 0)
            out.insert(QStringLiteral("attemptsMade"), job.attempts);
        if (job.processedOn > 0) {
            out.insert(QStringLiteral("processedOn"), job.processedOn);
            out.insert(QStringLiteral("processedAt"), formatTimestamp(job.processedOn));
        }
        if (job.finishedOn > 0) {
            out.insert(QStringLiteral("finishedOn"), job.finishedOn);
            out.insert(QStringLiteral("finishedAt"), formatTimestamp(job.finishedOn));
        }
        const qint64 firstSeen = m_monitor->triage().store().firstSeen(job.id, job.state);
        if (firstSeen > 0)
            out.insert(QStringLiteral("firstSeenInState"), formatTimestamp(firstSeen));
        if (!job.failedReason.isEmpty())
            out.insert(QStringLiteral("failedReason"), job.failedReason);
    }
    const QJsonObject data = shownData();
    if (!data.isEmpty())
        out.insert(QStringLiteral("data"), data);
    // Only its start, when the whole could not be had: a script must not take it for the whole.
    if (!data.isEmpty() && m_fullState != FullData::Loaded && m_monitor->isJobDataCut(m_id))
        out.insert(QStringLiteral("dataTruncated"), true);
    if (!m_result.isUndefined())
        out.insert(QStringLiteral("result"), m_result);
    return out;
}

} // namespace Alchemyst
