#pragma once

#include "jobs/job.h"

#include <QColor>
#include <QStyledItemDelegate>

namespace Alchemyst {

// One colour per state category, used by the table's state pills and the filter's counts.
QColor stateColor(StateCategory category);

// Paints the State column as a coloured pill so that states read at a glance.
class StateDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

// The Started column: an active job running suspiciously long is drawn in amber, bold.
class StartedDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace Alchemyst
