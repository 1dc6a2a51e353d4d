#include "failurespanel.h"

#include "core/jobmonitor.h"
#include "jobs/jobfiltermodel.h"
#include "jobs/jobmodel.h"
#include "monitorbinding.h"

#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QVBoxLayout>

namespace Alchemyst {

namespace {
constexpr int KeyRole = Qt::UserRole + 1;
constexpr int AllRole = Qt::UserRole + 2;
} // namespace

FailuresPanel::FailuresPanel(JobFilterModel* filter, QWidget* parent)
    : QWidget(parent)
    , m_filter(filter)
{
    setObjectName(QStringLiteral("failuresPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(4);
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("failuresHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    layout->addWidget(m_heading);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("failureList"));
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setSpacing(1);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_list, 1);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &FailuresPanel::onChosen);
}

void FailuresPanel::setMonitor(JobMonitor* monitor)
{
    if (!rebindMonitor(this, m_monitor, monitor))
        return;
    if (m_monitor)
        connect(m_monitor, &JobMonitor::triageUpdated, this, &FailuresPanel::onTriageUpdated);
    m_dirty = true;
    if (isVisible())
        rebuild();
}

void FailuresPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        rebuild();
}

void FailuresPanel::onTriageUpdated()
{
    if (m_monitor && m_monitor->lastSummary().failedChanged)
        m_dirty = true;
    if (m_dirty && isVisible())
        rebuild();
}

void FailuresPanel::rebuild()
{
    m_dirty = false;
    m_groups = m_monitor ? m_monitor->failureGroups() : FailureGroupList();
    const QString chosen = m_filter->failureGroup();
    QSignalBlocker blocker(m_list);
    m_list->clear();
    int total = 0;
    for (const FailureGroup& group : m_groups)
        total += group.count;
    m_heading->setText(total == 0 ? tr("No failed jobs.")
                                  : tr("By reason; choose one to list only those failures:"));
    // Counts with the locale's digit grouping ("All failures (50,007)"), in the texts already translated.
    auto* all = new QListWidgetItem(tr("All failures (%1)").arg(QLocale().toString(total)), m_list);
    all->setData(AllRole, true);
    QListWidgetItem* toSelect = all;
    bool chosenStillThere = chosen.isEmpty();
    for (const FailureGroup& group : m_groups) {
        // QListWidgetItem text is plain: the server's words are shown as they came. A group of several
        // texts is headed by what they share ("Document ‹n› exceeds the 25 MB limit (‹n› MB)"), not by one
        // of them, which would tell one document's numbers as everyone's.
        const QString label = group.label.isEmpty() ? group.reason : group.label;
        QString text = QStringLiteral("%1 × %2").arg(QLocale().toString(group.count),
                                                     label.isEmpty() ? tr("(no reason given)") : label);
        if (group.variants > 1)
            text += QLatin1Char('\n') +
                    tr("    %n variant(s), differing only in numbers or names", nullptr, group.variants);
        auto* item = new QListWidgetItem(text, m_list);
        if (group.variants > 1) {
            // One real text of the group, whole, in the tool tip (escaped: tool tips render markup).
            item->setToolTip(QStringLiteral("<p style='white-space:pre-wrap'>%1</p>")
                                 .arg(tr("For example: %1").arg(group.reason).toHtmlEscaped()));
        } else if (!group.reason.isEmpty()) {
            item->setToolTip(
                QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(group.reason.toHtmlEscaped()));
        }
        item->setData(KeyRole, group.key);
        if (group.key.isEmpty())
            item->setFlags(Qt::ItemIsEnabled); // an empty key cannot be told from "all": not a filter
        if (!chosen.isEmpty() && group.key == chosen) {
            toSelect = item;
            chosenStillThere = true;
        }
    }
    toSelect->setSelected(true);
    m_list->setCurrentItem(toSelect);
    if (!chosenStillThere)
        m_filter->setFailureGroup(QString()); // the group is gone: show every failure
}

void FailuresPanel::onChosen()
{
    const QList<QListWidgetItem*> selected = m_list->selectedItems();
    if (selected.isEmpty() || selected.constFirst()->data(AllRole).toBool()) {
        m_filter->setFailureGroup(QString());
        return;
    }
    m_filter->setFailureGroup(selected.constFirst()->data(KeyRole).toString());
}

void FailuresPanel::clearFilter()
{
    if (!m_filter->failureGroup().isEmpty())
        m_filter->setFailureGroup(QString());
    if (m_list->count() > 0) {
        QSignalBlocker blocker(m_list);
        m_list->clearSelection();
        m_list->item(0)->setSelected(true);
    }
}

} // namespace Alchemyst
