#include "statestyle.h"

#include "jobs/jobmodel.h"

#include <QApplication>
#include <QPainter>

namespace Alchemyst {

QColor stateColor(StateCategory category)
{
    switch (category) {
    case StateCategory::Waiting:
        return QColor(0x25, 0x63, 0xeb); // blue
    case StateCategory::Delayed:
        return QColor(0xb4, 0x53, 0x09); // amber
    case StateCategory::Active:
        return QColor(0x0e, 0x74, 0x90); // cyan
    case StateCategory::Completed:
        return QColor(0x15, 0x80, 0x3d); // green
    case StateCategory::Failed:
        return QColor(0xb9, 0x1c, 0x1c); // red
    case StateCategory::Cancelled:
        return QColor(0x52, 0x52, 0x5b); // grey
    case StateCategory::Other:
        return QColor(0x7e, 0x22, 0xce); // purple
    }
    return Qt::gray;
}

void StateDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString state = index.data(JobModel::StateRole).toString();
    opt.text.clear();
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QColor color = stateColor(categoryOf(state));
    const QFontMetrics metrics(opt.font);
    const int textWidth = metrics.horizontalAdvance(state);
    const int height = qMin(opt.rect.height() - 6, metrics.height() + 4);
    QRect pill(opt.rect.left() + 6, opt.rect.center().y() - height / 2 + 1, textWidth + 16, height);
    pill = pill.intersected(opt.rect.adjusted(2, 0, -2, 0));

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = color;
    fill.setAlpha(opt.state & QStyle::State_Selected ? 255 : 34);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setPen(opt.state & QStyle::State_Selected ? QColor(Qt::white) : color.darker(115));
    QFont font = opt.font;
    font.setBold(true);
    painter->setFont(font);
    painter->drawText(pill, Qt::AlignCenter, metrics.elidedText(state, Qt::ElideRight, pill.width() - 8));
    painter->restore();
}

void StartedDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(JobModel::LongRunningRole).toBool() && !(option->state & QStyle::State_Selected)) {
        option->palette.setColor(QPalette::Text, stateColor(StateCategory::Delayed));
        option->font.setBold(true);
    }
}

QSize StateDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics metrics(option.font);
    size.setWidth(
        qMax(size.width(), metrics.horizontalAdvance(index.data(JobModel::StateRole).toString()) + 32));
    return size;
}

} // namespace Alchemyst
