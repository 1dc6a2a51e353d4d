#pragma once

#include "jobs/job.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>
#include <QStyledItemDelegate>

namespace Alchemyst {

// One colour per state category for text on the palette's window, buttons and bases (tab labels, cells,
// labels), readable at 4.5:1 or more. Derived from the palette: ask again after a palette change.
QColor stateColor(StateCategory category, const QPalette& palette = QGuiApplication::palette());

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
