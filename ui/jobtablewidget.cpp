#include "jobtablewidget.h"

#include "accessiblenames.h"
#include "actionicons.h"
#include "appearance.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "jobs/statenames.h"
#include "statestyle.h"

#include <QAction>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QShowEvent>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>
#include <optional>

namespace Alchemyst {

namespace {

// Settings name the columns, not their numbers, so that a column added later does not shift them.
const char* const ColumnNames[JobModel::ColumnCount] = {
    "id", "state", "age", "file", "attempts", "started", "finished", "reason", "duration",
};

QString columnName(int column)
{
    return QString::fromLatin1(ColumnNames[column]);
}

int columnOf(const QString& name)
{
    for (int column = 0; column < JobModel::ColumnCount; ++column) {
        if (name == QLatin1String(ColumnNames[column]))
            return column;
    }
    return -1;
}

QString settingsGroup(const QString& state)
{
    return QStringLiteral("jobTable/") + state;
}

} // namespace

JobTableWidget::JobTableWidget(JobFilterModel* filter, QAction* cancelAction, QWidget* parent)
    : QWidget(parent)
    , m_filter(filter)
    , m_cancelAction(cancelAction)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(8);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setTextInteractionFlags(Qt::TextBrowserInteraction);
    styleBanner(m_banner);
    m_banner->hide();
    connect(m_banner, &QLabel::linkActivated, this, &JobTableWidget::bannerLinkActivated);
    layout->addWidget(m_banner);
    m_recordsBanner = new QLabel(this);
    m_recordsBanner->setObjectName(QStringLiteral("recordsBanner"));
    m_recordsBanner->setWordWrap(true);
    m_recordsBanner->setTextFormat(Qt::RichText);
    m_recordsBanner->setTextInteractionFlags(Qt::TextBrowserInteraction);
    styleBanner(m_recordsBanner);
    m_recordsBanner->hide();
    connect(m_recordsBanner, &QLabel::linkActivated, this, &JobTableWidget::bannerLinkActivated);
    layout->addWidget(m_recordsBanner);

    auto* filterRow = new QHBoxLayout;
    m_stateTabs = new QTabBar(this);
    m_stateTabs->setObjectName(QStringLiteral("stateFilter"));
    // Each tab's name is its text: the state and its count, never told by the tab's colour alone.
    m_stateTabs->setAccessibleName(tr("Filter jobs by state"));
    m_stateTabs->setDrawBase(false);
    m_stateTabs->setExpanding(false);
    m_stateTabs->addTab(tr("All"));
    m_stateTabs->setTabData(0, -1);
    for (int i = 0; i < StateCategoryCount; ++i) {
        const int tab = m_stateTabs->addTab(categoryName(static_cast<StateCategory>(i)));
        m_stateTabs->setTabData(tab, i);
        setTabTone(m_stateTabs, tab, toneOf(static_cast<StateCategory>(i)));
    }
    connect(m_stateTabs, &QTabBar::currentChanged, this, [this](int tab) {
        const int category = m_stateTabs->tabData(tab).toInt();
        const std::optional<StateCategory> chosen =
            category < 0 ? std::nullopt : std::optional<StateCategory>(static_cast<StateCategory>(category));
        m_filter->setCategory(chosen);
        // -2: the Stuck tab (TriageView's), which cuts across the states.
        setStateContext(category == -2 ? QStringLiteral("stuck") : stateContextKey(chosen));
        emit categoryChanged();
    });
    filterRow->addWidget(m_stateTabs);
    filterRow->addStretch(1);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(
        tr("Search job id, file, source or failure reason (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_search->setAccessibleName(tr("Search jobs"));
    m_search->setAccessibleDescription(
        tr("Filters the table by job id, file name, source or failure reason"));
    m_search->setClearButtonEnabled(true);
    nameClearButton(m_search); // otherwise read as a nameless button
    m_search->setMinimumWidth(240);
    connect(m_search, &QLineEdit::textChanged, m_filter, &JobFilterModel::setSearchText);
    auto* findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, m_search, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(findAction);
    filterRow->addWidget(m_search);
    layout->addLayout(filterRow);

    buildTable();
    layout->addWidget(m_table, 1);

    auto* actionRow = new QHBoxLayout;
    m_selectionLabel = new QLabel(this);
    m_selectionLabel->setObjectName(QStringLiteral("selectionLabel"));
    m_selectionLabel->setTextFormat(Qt::RichText);
    actionRow->addWidget(m_selectionLabel, 1);
    m_cancelButton = new QPushButton(tr("Cancel Job"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setIcon(actionIcon(QStringLiteral("process-stop")));
    m_cancelButton->setMinimumWidth(130);
    actionRow->addWidget(m_cancelButton);
    layout->addLayout(actionRow);

    // Relative or absolute times, for whichever environment's model the filter is given.
    m_absoluteTimes = QSettings().value(absoluteTimesKey(), false).toBool();
    const auto applyTimes = [this] {
        if (JobModel* model = m_filter->jobModel())
            model->setRelativeTimes(!m_absoluteTimes);
    };
    connect(m_filter, &QAbstractProxyModel::sourceModelChanged, this, applyTimes);
    applyTimes();
}

QString JobTableWidget::stateContextKey(std::optional<StateCategory> category)
{
    if (!category)
        return QStringLiteral("all");
    switch (*category) {
    case StateCategory::Waiting:
        return QStringLiteral("waiting");
    case StateCategory::Delayed:
        return QStringLiteral("delayed");
    case StateCategory::Active:
        return QStringLiteral("active");
    case StateCategory::Completed:
        return QStringLiteral("completed");
    case StateCategory::Failed:
        return QStringLiteral("failed");
    case StateCategory::Cancelled:
        return QStringLiteral("cancelled");
    case StateCategory::Other:
        break;
    }
    return QStringLiteral("other");
}

QList<int> JobTableWidget::defaultColumns(const QString& state)
{
    using M = JobModel;
    // Finished jobs: how long they took instead of an age no rule watches. Waiting and delayed jobs have
    // neither started nor finished. The reason stays where a retry or a cancel may carry one.
    if (state == QLatin1String("completed"))
        return {M::IdColumn,      M::StateColumn,    M::FileColumn,    M::AttemptsColumn,
                M::StartedColumn, M::FinishedColumn, M::DurationColumn};
    // On Failed every row says "Failed" (the state list says it once): its width goes to the reason.
    if (state == QLatin1String("failed"))
        return {M::IdColumn,       M::FileColumn,     M::AttemptsColumn,
                M::FinishedColumn, M::DurationColumn, M::ReasonColumn};
    if (state == QLatin1String("cancelled"))
        return {M::IdColumn,       M::StateColumn,    M::FileColumn,  M::AttemptsColumn,
                M::FinishedColumn, M::DurationColumn, M::ReasonColumn};
    if (state == QLatin1String("waiting") || state == QLatin1String("delayed"))
        return {M::IdColumn, M::StateColumn, M::AgeColumn, M::FileColumn, M::AttemptsColumn, M::ReasonColumn};
    if (state == QLatin1String("active") || state == QLatin1String("stuck"))
        return {M::IdColumn,       M::StateColumn,   M::AgeColumn,   M::FileColumn,
                M::AttemptsColumn, M::StartedColumn, M::ReasonColumn};
    // Every state at once: when a job finished is for the finished states' own views; its room goes to the
    // reason, which is what a failed row among the others is read for.
    return {M::IdColumn,       M::StateColumn,   M::AgeColumn,   M::FileColumn,
            M::AttemptsColumn, M::StartedColumn, M::ReasonColumn};
}

int JobTableWidget::stretchColumn(const QString& state)
{
    if (state == QLatin1String("failed"))
        return JobModel::ReasonColumn;
    // Completed jobs have no reason: the file takes the room, not a far-off Duration.
    if (state == QLatin1String("completed"))
        return JobModel::FileColumn;
    return -1;
}

int JobTableWidget::defaultWidth(int column) const
{
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto widthOf = [&metrics](const QString& sample) { return metrics.horizontalAdvance(sample) + 28; };
    const bool failed = m_stateContext == QLatin1String("failed");
    // A column is never narrower than its header ("Attempts", "Dauer").
    const int header = widthOf(m_filter->headerData(column, Qt::Horizontal).toString()) + 8;
    switch (column) {
    case JobModel::IdColumn:
        return widthOf(QStringLiteral("● 0000000000"));
    case JobModel::StateColumn: {
        // The pill's bold text in this language, or an unknown state as long as BullMQ's longest.
        QFont bold = m_table->font();
        bold.setBold(true);
        const QFontMetrics boldMetrics(bold);
        // The states this program names; a longer unknown one ("waiting-children") is elided, whole in
        // its tool tip, rather than every row giving it room.
        int widest = 0;
        for (const char* state :
             {"waiting", "delayed", "active", "completed", "failed", "cancelled", "prioritized"})
            widest = qMax(widest, boldMetrics.horizontalAdvance(stateDisplayName(QLatin1String(state))));
        return widest + 36;
    }
    case JobModel::AgeColumn:
        return qMax(widthOf(QStringLiteral("⚠ ≥ 119 min")), header);
    case JobModel::FileColumn:
        // On Failed the reason needs the room more than the source beside the file name.
        return widthOf(failed ? QStringLiteral("slack-export-eng-2026-11.json")
                              : QStringLiteral("slack-export-eng-2026-11.json  ·  confluence"));
    case JobModel::AttemptsColumn:
        return header;
    case JobModel::StartedColumn:
    case JobModel::FinishedColumn:
        if (m_absoluteTimes)
            return widthOf(QStringLiteral("2026-11-29 00:00:00"));
        return qMax(widthOf(QStringLiteral("23 h 59 min ago")), header);
    case JobModel::DurationColumn:
        return qMax(widthOf(QStringLiteral("119 min")), header);
    case JobModel::ReasonColumn:
    default:
        return widthOf(QStringLiteral("Document 4411 exceeds the 25 MB limit (31 MB)"));
    }
}

void JobTableWidget::setStateContext(const QString& state)
{
    if (state.isEmpty() || state == m_stateContext)
        return;
    m_stateContext = state;
    if (m_columnsApplied)
        applyColumns();
}

void JobTableWidget::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_columnsApplied) {
        // After the window restored its header (the order and the sort, which stay one for all states).
        m_columnsApplied = true;
        applyColumns();
    }
}

void JobTableWidget::applyColumns()
{
    QHeaderView* header = m_table->horizontalHeader();
    const QSettings settings;
    const QString group = settingsGroup(m_stateContext);
    QList<int> visible;
    const QStringList saved = settings.value(group + QStringLiteral("/columns")).toStringList();
    for (const QString& name : saved) {
        const int column = columnOf(name);
        if (column >= 0 && !visible.contains(column))
            visible << column;
    }
    if (visible.isEmpty())
        visible = defaultColumns(m_stateContext);
    const QVariantMap widths = settings.value(group + QStringLiteral("/widths")).toMap();
    const int stretch = stretchColumn(m_stateContext);

    m_applying = true;
    header->setStretchLastSection(false);
    for (int column = 0; column < JobModel::ColumnCount; ++column) {
        header->setSectionResizeMode(column, QHeaderView::Interactive);
        m_table->setColumnHidden(column, !visible.contains(column));
        const int width = widths.value(columnName(column)).toInt();
        m_table->setColumnWidth(column, width > 0 ? width : defaultWidth(column));
    }
    // The state's stretch column, else the last one shown, takes the room left over (and gives it back as
    // the window narrows, which a stretched last section would not below the width it had before).
    int stretching = stretch >= 0 && visible.contains(stretch) ? stretch : -1;
    for (int visual = header->count() - 1; visual >= 0 && stretching < 0; --visual) {
        if (!header->isSectionHidden(header->logicalIndex(visual)))
            stretching = header->logicalIndex(visual);
    }
    if (stretching >= 0)
        header->setSectionResizeMode(stretching, QHeaderView::Stretch);
    m_applying = false;
}

void JobTableWidget::saveColumns() const
{
    QStringList names;
    const QHeaderView* header = m_table->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (!header->isSectionHidden(column))
            names << columnName(column);
    }
    QSettings().setValue(settingsGroup(m_stateContext) + QStringLiteral("/columns"), names);
}

void JobTableWidget::onSectionResized(int column, int oldSize, int newSize)
{
    Q_UNUSED(oldSize)
    const QHeaderView* header = m_table->horizontalHeader();
    // Only what the operator sized: not a hidden column, not the one that takes the rest of the room.
    if (!m_columnsApplied || m_applying || newSize <= 0 || header->isSectionHidden(column) ||
        header->sectionResizeMode(column) != QHeaderView::Interactive)
        return;
    QSettings settings;
    const QString key = settingsGroup(m_stateContext) + QStringLiteral("/widths");
    QVariantMap widths = settings.value(key).toMap();
    widths.insert(columnName(column), newSize);
    settings.setValue(key, widths);
}

QMenu* JobTableWidget::createColumnMenu(QWidget* parent)
{
    auto* menu = new QMenu(tr("Columns"), parent);
    menu->setObjectName(QStringLiteral("columnMenu"));
    QHeaderView* header = m_table->horizontalHeader();
    int shown = 0;
    for (int column = 0; column < JobModel::ColumnCount; ++column)
        shown += header->isSectionHidden(column) ? 0 : 1;
    // In the order the header shows them, as Dolphin and qBittorrent list theirs.
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        QAction* action = menu->addAction(m_filter->headerData(column, Qt::Horizontal).toString());
        action->setObjectName(QStringLiteral("column_") + columnName(column));
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // A table without a column would leave nothing to open this menu on.
        action->setEnabled(!(action->isChecked() && shown == 1));
        connect(action, &QAction::toggled, this, [this, column](bool on) {
            m_table->setColumnHidden(column, !on);
            saveColumns();
            applyColumns(); // the stretch may move to another column
        });
    }
    menu->addSeparator();
    QAction* reset = menu->addAction(tr("Reset Columns"));
    reset->setObjectName(QStringLiteral("resetColumnsAction"));
    reset->setToolTip(tr("The columns and widths this state shows by default"));
    connect(reset, &QAction::triggered, this, [this] {
        QSettings().remove(settingsGroup(m_stateContext));
        applyColumns();
    });
    return menu;
}

void JobTableWidget::setAbsoluteTimes(bool absolute)
{
    QSettings().setValue(absoluteTimesKey(), absolute);
    if (absolute == m_absoluteTimes)
        return;
    m_absoluteTimes = absolute;
    if (JobModel* model = m_filter->jobModel())
        model->setRelativeTimes(!absolute);
}

void JobTableWidget::buildTable()
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("jobTable"));
    m_table->setAccessibleName(tr("Jobs"));
    m_table->setTabKeyNavigation(false); // Tab goes on to the next control; the arrows move in the table
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several rows for a batch of cancels; Ctrl+A selects what the filter shows.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setItemDelegateForColumn(JobModel::StateColumn, new StateDelegate(m_table));
    m_table->setItemDelegateForColumn(JobModel::StartedColumn, new StartedDelegate(m_table));
    QHeaderView* header = m_table->horizontalHeader();
    // Duration is the model's last column; it reads best beside Finished, before the reason.
    header->moveSection(header->visualIndex(JobModel::DurationColumn),
                        header->visualIndex(JobModel::FinishedColumn) + 1);
    for (int column = 0; column < JobModel::ColumnCount; ++column)
        m_table->setColumnWidth(column, defaultWidth(column));
    m_table->sortByColumn(JobModel::IdColumn, Qt::DescendingOrder);
    // The column chooser, on the header's context menu as in Dolphin and qBittorrent.
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint& position) {
        QMenu* menu = createColumnMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(header->mapToGlobal(position));
    });
    connect(header, &QHeaderView::sectionResized, this, &JobTableWidget::onSectionResized);
    m_table->addAction(m_cancelAction);
    connect(m_table, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& position) { showJobMenu(m_table->indexAt(position), position); });
    // The menu from the keyboard (the Menu key, Shift+F10): the current row's, beside it.
    m_table->installEventFilter(this);

    // What the table shows when it has no rows: why, and what to do.
    m_emptyLabel = new QLabel(m_table->viewport());
    m_emptyLabel->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyLabel->setTextFormat(Qt::PlainText);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setStyleSheet(QStringLiteral("font-size: 11pt;"));
    setTextTone(m_emptyLabel, Tone::Secondary);
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_table->viewport()->installEventFilter(this);
}

void JobTableWidget::showBanner(const QString& richText)
{
    m_banner->setText(richText);
    m_banner->setVisible(!richText.isEmpty());
}

void JobTableWidget::showRecordsBanner(const QString& richText)
{
    m_recordsBanner->setText(richText);
    m_recordsBanner->setVisible(!richText.isEmpty());
}

void JobTableWidget::hideBanner()
{
    m_banner->hide();
}

bool JobTableWidget::isBannerShown() const
{
    return !m_banner->isHidden();
}

void JobTableWidget::showEmptyState(const QString& text)
{
    if (text.isEmpty()) {
        m_emptyLabel->hide();
        return;
    }
    m_emptyLabel->setText(text);
    m_emptyLabel->setGeometry(m_table->viewport()->rect().adjusted(20, 20, -20, -20));
    m_emptyLabel->show();
}

void JobTableWidget::showJobMenu(const QModelIndex& index, const QPoint& viewportPosition, bool fromKeyboard)
{
    if (!index.isValid())
        return;
    if (!m_table->selectionModel()->isRowSelected(index.row(), QModelIndex()))
        m_table->selectRow(index.row()); // a right click inside a selection keeps it
    QPoint position = viewportPosition;
    if (fromKeyboard) {
        // Beside the row, where the operator is looking: its first visible cell's lower left corner.
        m_table->scrollTo(index);
        const QRect row =
            m_table->visualRect(index.siblingAtColumn(m_table->horizontalHeader()->logicalIndexAt(0)));
        position = QPoint(qMax(0, row.left()) + 8, row.bottom());
    }
    const QString id = index.data(JobModel::JobIdRole).toString();
    QMenu menu(window());
    menu.setObjectName(QStringLiteral("jobMenu"));
    menu.setAccessibleName(tr("Job %1").arg(id));
    menu.addAction(m_cancelAction);
    menu.addSeparator();
    menu.addAction(tr("Copy Job ID"), this, [id] { QGuiApplication::clipboard()->setText(id); });
    menu.addAction(tr("Refresh This Job"), this, [this, id] { emit refreshJobRequested(id); });
    emit jobMenuAboutToShow(&menu);
    menu.addSeparator();
    // The column chooser from the keyboard too (the header has no focus to open its menu from).
    menu.addMenu(createColumnMenu(&menu));
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

bool JobTableWidget::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Menu ||
            (key->key() == Qt::Key_F10 && key->modifiers() == Qt::ShiftModifier)) {
            showJobMenu(m_table->currentIndex(), QPoint(), true);
            return true;
        }
    }
    if (watched == m_table && event->type() == QEvent::ContextMenu &&
        static_cast<QContextMenuEvent*>(event)->reason() == QContextMenuEvent::Keyboard) {
        showJobMenu(m_table->currentIndex(), QPoint(), true);
        return true;
    }
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        m_emptyLabel->setGeometry(m_table->viewport()->rect().adjusted(20, 20, -20, -20));
    return QWidget::eventFilter(watched, event);
}

} // namespace Alchemyst
