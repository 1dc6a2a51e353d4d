#include "statestyle.h"

#include "appearance.h"
#include "jobs/jobmodel.h"

#include <QApplication>
#include <QPainter>

namespace Alchemyst {

QColor stateColor(StateCategory category, const QPalette& palette)
{
    return toneText(toneOf(category), palette);
}

void StateDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString state = index.data(JobModel::StateRole).toString();
    // The pill says the state in the operator's language (stateDisplayName, the model's text); the
    // server's word is in the cell's tool tip.
    const QString name = opt.text;
    opt.text.clear();
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const bool selected = opt.state & QStyle::State_Selected;
    // The pill's colours follow the palette the row is painted with, over the row's own background.
    const ColorPair colors = statePill(categoryOf(state), opt.palette, rowBackground(opt), selected);
    // The pill is measured in the bold font it is written in, so that its text fits inside it.
    QFont font = opt.font;
    font.setBold(true);
    const QFontMetrics metrics(font);
    const int textWidth = metrics.horizontalAdvance(name);
    const int height = qMin(opt.rect.height() - 6, metrics.height() + 4);
    QRect pill(opt.rect.left() + 6, opt.rect.center().y() - height / 2 + 1, textWidth + 16, height);
    pill = pill.intersected(opt.rect.adjusted(2, 0, -2, 0));

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colors.background);
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setPen(colors.foreground);
    painter->setFont(font);
    painter->drawText(pill, Qt::AlignCenter, metrics.elidedText(name, Qt::ElideRight, pill.width() - 8));
    painter->restore();
}

void StartedDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(JobModel::LongRunningRole).toBool() && !(option->state & QStyle::State_Selected)) {
        option->palette.setColor(QPalette::Text,
                                 toneTextOn(StuckTone, option->palette, {rowBackground(*option)}));
        option->font.setBold(true);
    }
}

QSize StateDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    QFont font = option.font;
    font.setBold(true);
    const QFontMetrics metrics(font);
    size.setWidth(qMax(size.width(), metrics.horizontalAdvance(index.data(Qt::DisplayRole).toString()) + 32));
    return size;
}

} // namespace Alchemyst
