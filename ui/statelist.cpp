#include "statelist.h"

#include "appearance.h"
#include "core/jobmonitor.h"
#include "jobs/jobmodel.h"
#include "monitorbinding.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Alchemyst {

namespace {

constexpr int NameRole = Qt::UserRole + 1;
constexpr int CountRole = Qt::UserRole + 2;
constexpr int ChangeRole = Qt::UserRole + 3;
constexpr int StateRole = Qt::UserRole + 4;
constexpr int GroupRole = Qt::UserRole + 5;

// "+4", "−2" (U+2212, as wide as the plus), empty for no change.
QString changeText(int delta)
{
    if (delta == 0)
        return QString();
    return delta > 0 ? QStringLiteral("+%L1").arg(delta) : QStringLiteral("\u2212%L1").arg(-qint64(delta));
}

// "12 s", "4 min", "2 h 5 min": how long ago, to the precision an operator reads at a glance.
QString ageText(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    if (seconds < 60)
        return StateList::tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return StateList::tr("%n min", nullptr, int(seconds / 60));
    const int hours = int(seconds / 3600);
    const int minutes = int(seconds % 3600 / 60);
    return minutes == 0 ? StateList::tr("%n h", nullptr, hours)
                        : StateList::tr("%1 h %2 min").arg(hours).arg(minutes);
}

// A row: the name on the left (elided when it must be), the count and the change right-aligned in columns
// of their own, so that figures line up from row to row and the name never pushes them.
class StateRowDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(option.fontMetrics.height() + (index.parent().isValid() ? 6 : 10));
        return size;
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem item(option);
        initStyleOption(&item, index);
        item.text.clear();
        const QWidget* widget = item.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

        const bool selected = item.state & QStyle::State_Selected;
        const bool enabled = item.state & QStyle::State_Enabled;
        const QPalette::ColorGroup group = enabled ? QPalette::Normal : QPalette::Disabled;
        const QColor plain = item.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
        const QColor background = rowBackground(item);
        QColor nameColor = plain;
        const QVariant tone = index.data(ToneRole);
        if (tone.isValid() && !selected)
            nameColor = toneTextOn(static_cast<Tone>(tone.toInt()), item.palette, {background});
        const QColor quiet = selected ? plain : toneTextOn(Tone::Secondary, item.palette, {background});

        const QRect rect =
            style->subElementRect(QStyle::SE_ItemViewItemText, &item, widget).adjusted(2, 0, -6, 0);
        const QFontMetrics metrics(item.font);
        const QString count = index.data(CountRole).toString();
        const QString change = index.data(ChangeRole).toString();
        const int gap = metrics.horizontalAdvance(QLatin1Char(' '));
        // The change's column is as wide as "+888" whether or not there is a change: the counts stay put.
        const int changeWidth = qMax(metrics.horizontalAdvance(QStringLiteral("+%L1").arg(888)),
                                     metrics.horizontalAdvance(change));
        const QRect changeRect(rect.right() - changeWidth + 1, rect.top(), changeWidth, rect.height());
        const int countWidth = metrics.horizontalAdvance(count);
        const QRect countRect(changeRect.left() - gap - countWidth, rect.top(), countWidth, rect.height());
        const QRect nameRect(rect.left(), rect.top(), qMax(0, countRect.left() - gap - rect.left()),
                             rect.height());

        painter->save();
        painter->setFont(item.font);
        painter->setPen(nameColor);
        painter->drawText(
            nameRect, Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(index.data(NameRole).toString(), Qt::ElideRight, nameRect.width()));
        painter->setPen(plain);
        painter->drawText(countRect, Qt::AlignRight | Qt::AlignVCenter, count);
        painter->setPen(quiet);
        painter->drawText(changeRect, Qt::AlignRight | Qt::AlignVCenter, change);
        painter->restore();
    }
};

} // namespace

StateList::StateList(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("stateList"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 0, 8);
    layout->setSpacing(4);

    m_tree = new QTreeWidget(this);
    // The name the state tabs had: what the keyboard reaches between the interval and the search box, and
    // what assistive technology and the tests call the state filter (findChild<QTabBar*> still finds the
    // hidden tabs by it).
    m_tree->setObjectName(QStringLiteral("stateFilter"));
    m_tree->setAccessibleName(tr("Filter jobs by state"));
    m_tree->setAccessibleDescription(tr("Each state with its count and its change since you last looked"));
    m_tree->setColumnCount(1);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(14);
    m_tree->setUniformRowHeights(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setItemDelegate(new StateRowDelegate(m_tree));
    for (const int state : stateOrder()) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setData(0, StateRole, state);
        item->setData(0, NameRole, stateName(state));
        if (state == StuckState)
            item->setData(0, ToneRole, static_cast<int>(StuckTone));
        else if (state >= 0)
            item->setData(0, ToneRole, static_cast<int>(toneOf(static_cast<StateCategory>(state))));
    }
    m_tree->setCurrentItem(itemOf(AllState));
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &StateList::onCurrentItemChanged);
    layout->addWidget(m_tree, 1);

    m_freshness = new QLabel(this);
    m_freshness->setObjectName(QStringLiteral("countsFreshness"));
    m_freshness->setTextFormat(Qt::PlainText);
    m_freshness->setWordWrap(true);
    m_freshness->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_freshness);

    // Fixed: the longest name beside a six-figure count with its change, whatever the counts are now.
    // Longer figures elide the name, never the count.
    const QFontMetrics metrics = m_tree->fontMetrics();
    int nameWidth = 0;
    for (const int state : stateOrder())
        nameWidth = qMax(nameWidth, metrics.horizontalAdvance(stateName(state)));
    const int figures = metrics.horizontalAdvance(tr("≥ %L1").arg(188888)) +
                        metrics.horizontalAdvance(QStringLiteral("+%L1").arg(888)) +
                        2 * metrics.averageCharWidth();
    setFixedWidth(qBound(170, nameWidth + figures + 44, 300));
    refresh();
}

QList<int> StateList::stateOrder()
{
    using C = StateCategory;
    return {StuckState,        AllState,          int(C::Waiting), int(C::Delayed), int(C::Active),
            int(C::Completed), int(C::Cancelled), int(C::Other),   int(C::Failed)};
}

QString StateList::stateName(int state)
{
    if (state == StuckState)
        return tr("⚠ Stuck");
    if (state == AllState)
        return tr("All");
    return categoryName(static_cast<StateCategory>(state));
}

void StateList::setMonitor(JobMonitor* monitor)
{
    if (!rebindMonitor(this, m_monitor, monitor))
        return;
    if (m_monitor) {
        connect(m_monitor, &JobMonitor::passStarted, this, &StateList::refresh);
        connect(m_monitor, &JobMonitor::progressChanged, this, &StateList::refresh);
        connect(m_monitor, &JobMonitor::statusChanged, this, &StateList::refresh);
        connect(m_monitor, &JobMonitor::triageUpdated, this, [this] {
            if (m_monitor->lastSummary().failedChanged || m_monitor->lastSummary().baseline)
                rebuildGroups();
            else
                refresh();
        });
        connect(m_monitor->model(), &JobModel::countsChanged, this, &StateList::refresh);
    }
    rebuildGroups();
}

void StateList::rebuildGroups()
{
    m_groups = m_monitor ? m_monitor->failureGroups() : FailureGroupList();
    QTreeWidgetItem* failed = itemOf(int(StateCategory::Failed));
    const QString chosen = currentFailureGroup();
    bool chosenStillThere = chosen.isEmpty();
    {
        const QSignalBlocker blocker(m_tree);
        qDeleteAll(failed->takeChildren());
        for (int i = 0; i < m_groups.size() && i < MaxGroupsShown; ++i) {
            const FailureGroup& group = m_groups.at(i);
            auto* item = new QTreeWidgetItem(failed);
            // The group by what its texts say ("Document ‹n› exceeds the 25 MB limit (‹n› MB)"), not by one
            // of them; the tool tip gives one of them whole.
            const QString reason = group.reason.isEmpty() ? tr("(no reason given)") : group.reason;
            const QString label = group.label.isEmpty() ? reason : group.label;
            item->setData(0, StateRole, int(StateCategory::Failed));
            item->setData(0, GroupRole, group.key);
            item->setData(0, NameRole, label);
            item->setData(0, CountRole, QStringLiteral("%L1").arg(group.count));
            item->setData(0, Qt::DisplayRole, tr("%1: %L2 failed").arg(label).arg(group.count));
            item->setToolTip(
                0, group.variants > 1
                       ? tr("%1\n%n variant(s), differing only in numbers or names", nullptr, group.variants)
                                 .arg(label) +
                             QLatin1Char('\n') + tr("For example: %1").arg(reason)
                       : reason);
            // A failure without a reason has no group key that could be told from "every failure".
            if (group.key.isEmpty())
                item->setFlags(Qt::ItemIsEnabled);
            if (!chosen.isEmpty() && group.key == chosen) {
                item->setSelected(true);
                m_tree->setCurrentItem(item);
                chosenStillThere = true;
            }
        }
        failed->setExpanded(true);
        if (!chosenStillThere) {
            failed->setSelected(true);
            m_tree->setCurrentItem(failed);
        }
    }
    if (!chosenStillThere)
        emit stateChosen(int(StateCategory::Failed), QString()); // the group is gone: every failure
    refresh();
}

QTreeWidgetItem* StateList::itemOf(int state) const
{
    const int position = static_cast<int>(stateOrder().indexOf(state));
    return position < 0 ? nullptr : m_tree->topLevelItem(position);
}

int StateList::currentState() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(0, StateRole).toInt() : AllState;
}

QString StateList::currentFailureGroup() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item && item->parent() ? item->data(0, GroupRole).toString() : QString();
}

void StateList::setCurrentState(int state, const QString& failureGroup)
{
    QTreeWidgetItem* item = itemOf(state);
    if (!item)
        return;
    if (!failureGroup.isEmpty()) {
        for (int i = 0; i < item->childCount(); ++i)
            if (item->child(i)->data(0, GroupRole).toString() == failureGroup)
                item = item->child(i);
    }
    if (item == m_tree->currentItem())
        return;
    const QSignalBlocker blocker(m_tree);
    m_tree->setCurrentItem(item);
    m_tree->scrollToItem(item);
}

void StateList::onCurrentItemChanged(QTreeWidgetItem* current)
{
    if (!current)
        return;
    emit stateChosen(current->data(0, StateRole).toInt(),
                     current->parent() ? current->data(0, GroupRole).toString() : QString());
}

QString StateList::countText(int state) const
{
    const QTreeWidgetItem* item = itemOf(state);
    return item ? item->data(0, CountRole).toString() : QString();
}

QString StateList::rowText(int state) const
{
    const QTreeWidgetItem* item = itemOf(state);
    return item ? item->data(0, Qt::DisplayRole).toString() : QString();
}

QRect StateList::rowRect(int state) const
{
    const QTreeWidgetItem* item = itemOf(state);
    return item ? m_tree->visualItemRect(item) : QRect();
}

void StateList::refresh()
{
    const JobModel* model = m_monitor ? m_monitor->model() : nullptr;
    // While a pass reads the list, and until one has read it whole, a count is what is known so far: the
    // pages still to come can add to it.
    const bool partial = m_monitor && (m_monitor->isRefreshing() || !m_monitor->lastGoodRefresh().isValid());
    bool warn = false;
    QString freshnessTip;
    const QString freshness = freshnessText(&warn, &freshnessTip);
    const auto countOf = [&](int state) -> int {
        if (!m_monitor)
            return 0;
        if (state == StuckState)
            return m_monitor->triage().stuckCount(); // both rules, less the snoozed jobs
        if (state == AllState)
            return model->rowCount();
        return model->count(static_cast<StateCategory>(state));
    };
    for (const int state : stateOrder()) {
        QTreeWidgetItem* item = itemOf(state);
        const int count = countOf(state);
        const int delta =
            m_monitor && state >= 0
                ? m_monitor->triage().changes().deltaSinceSeen(static_cast<StateCategory>(state))
                : 0;
        const QString countString = partial ? tr("≥ %L1").arg(count) : QStringLiteral("%L1").arg(count);
        const QString change = changeText(delta);
        item->setData(0, CountRole, countString);
        item->setData(0, ChangeRole, change);
        item->setData(0, Qt::DisplayRole,
                      change.isEmpty() ? tr("%1 %2").arg(stateName(state), countString)
                                       : tr("%1 %2 (%3)").arg(stateName(state), countString, change));
        QString tip;
        if (state == StuckState)
            tip = tr("Jobs over their stuck threshold, in any state (Jobs → Stuck Thresholds…).");
        if (delta != 0)
            tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) +
                   tr("%1 since you last looked.").arg(change);
        if (!freshnessTip.isEmpty())
            tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + freshnessTip;
        const int position = static_cast<int>(stateOrder().indexOf(state)) + 1;
        tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) +
               tr("Shortcut: %1")
                   .arg(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + position))
                            .toString(QKeySequence::NativeText));
        item->setToolTip(0, tip);
    }
    m_freshness->setText(freshness);
    m_freshness->setToolTip(freshnessTip);
    m_freshness->setVisible(!freshness.isEmpty());
    setTextTone(m_freshness, warn ? std::optional<Tone>(WarningTone) : std::optional<Tone>(Tone::Secondary));
}

QString StateList::freshnessText(bool* warn, QString* toolTip) const
{
    *warn = false;
    if (!m_monitor)
        return QString();
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime last = m_monitor->lastGoodRefresh();
    const bool utc = m_monitor->model()->timesInUtc();
    const QString lastTime = !last.isValid() ? QString()
                             : utc           ? last.toUTC().toString(QStringLiteral("HH:mm:ss 'UTC'"))
                                             : last.toString(QStringLiteral("HH:mm:ss"));
    const QString lastAge = last.isValid() ? ageText(last.secsTo(now)) : QString();
    if (m_monitor->isRefreshing()) {
        const JobMonitor::Progress progress = m_monitor->progress();
        *toolTip =
            tr("A pass is reading the list: a count marked ≥ holds what is known so far, and the pages "
               "still to come can add to it.");
        if (last.isValid())
            *toolTip += QLatin1Char(' ') + tr("The last complete pass ended at %1.").arg(lastTime);
        return progress.pages == 0 ? tr("Counting…")
                                   : tr("Counting: %Ln job(s) read, page %1", nullptr, int(progress.received))
                                         .arg(progress.pages);
    }
    if (!last.isValid()) {
        // Rows but no complete pass: a pass stopped or failed part way.
        *warn = m_monitor->model()->rowCount() > 0;
        *toolTip = tr("No pass has read the whole list yet: every count is a lower bound.");
        return *warn ? tr("No complete pass yet: counts are lower bounds.") : QString();
    }
    // Passes stop completing (failures, a stop, a long wait after a 429): the counts get old, and say so.
    const int interval = qMax(2000, m_monitor->nextIntervalMs());
    const bool behind =
        m_monitor->isStale() || (m_monitor->autoRefresh() && last.msecsTo(now) > 3LL * interval + 5000);
    *toolTip = tr("Counts of the last complete pass, at %1 (%2 ago).").arg(lastTime, lastAge);
    if (behind) {
        *warn = true;
        return tr("Last complete pass %1 ago (%2)").arg(lastAge, lastTime);
    }
    // Paused, or a long interval: the time says it, and the age once it is more than a glance old.
    return last.secsTo(now) < 60 ? tr("Complete at %1").arg(lastTime)
                                 : tr("Complete at %1 (%2 ago)").arg(lastTime, lastAge);
}

} // namespace Alchemyst
