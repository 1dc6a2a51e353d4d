#include "jobtablewidget.h"

#include "actionicons.h"
#include "appearance.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
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
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>
#include <optional>

namespace Alchemyst {

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
        m_filter->setCategory(
            category < 0 ? std::nullopt : std::optional<StateCategory>(static_cast<StateCategory>(category)));
        emit categoryChanged();
    });
    filterRow->addWidget(m_stateTabs);
    filterRow->addStretch(1);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(
        tr("Search job id, file or source (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_search->setAccessibleName(tr("Search jobs"));
    m_search->setAccessibleDescription(tr("Filters the table by job id, file name or source"));
    m_search->setClearButtonEnabled(true);
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
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setItemDelegateForColumn(JobModel::StateColumn, new StateDelegate(m_table));
    m_table->setItemDelegateForColumn(JobModel::StartedColumn, new StartedDelegate(m_table));
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto widthOf = [&metrics](const QString& sample) { return metrics.horizontalAdvance(sample) + 28; };
    m_table->setColumnWidth(JobModel::IdColumn, widthOf(QStringLiteral("0000000000")));
    m_table->setColumnWidth(JobModel::StateColumn, widthOf(QStringLiteral("waiting-children")));
    m_table->setColumnWidth(JobModel::FileColumn,
                            widthOf(QStringLiteral("slack-export-eng-2026-11.json  ·  support-inbox")));
    m_table->setColumnWidth(JobModel::AttemptsColumn, widthOf(tr("Attempts")));
    m_table->setColumnWidth(JobModel::StartedColumn, widthOf(QStringLiteral("2026-11-29 00:00:00")));
    m_table->setColumnWidth(JobModel::FinishedColumn, widthOf(QStringLiteral("2026-11-29 00:00:00")));
    m_table->sortByColumn(JobModel::IdColumn, Qt::DescendingOrder);
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
