#include "trendschart.h"

#include "appearance.h"

#include <QDateTime>
#include <QEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <vector>

namespace Alchemyst {

namespace {

constexpr int LeftMargin = 52;
constexpr int RightMargin = 10;
constexpr int TopMargin = 20;    // the legend
constexpr int BottomMargin = 20; // the time axis
constexpr int PanelGap = 24;     // room for the lower panel's top label under the upper one's zero

int backlogOf(const HistoryBucket& bucket)
{
    return bucket.hasDepth() ? bucket.backlog() : -1;
}

// A round top for an axis: 1, 2 or 5 times a power of ten, at least 1.
int niceCeiling(int value)
{
    int step = 1;
    while (true) {
        for (int factor : {1, 2, 5}) {
            if (value <= factor * step)
                return factor * step;
        }
        if (step > 100000000)
            return value;
        step *= 10;
    }
}

QString timeLabel(qint64 ms, qint64 spanMs)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms);
    if (spanMs > 2 * HistoryStore::DayMs)
        return QLocale().toString(time.date(), QLocale::ShortFormat);
    return time.toString(QStringLiteral("HH:mm")); // minutes are the chart's grain: no seconds
}

} // namespace

TrendsChart::TrendsChart(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("trendsChart"));
    setMouseTracking(true);
    setAccessibleName(tr("Trends chart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void TrendsChart::setSeries(const QList<HistoryBucket>& buckets, qint64 bucketMs)
{
    m_buckets = buckets;
    m_bucketMs = qMax<qint64>(1, bucketMs);
    m_hover = -1;
    setAccessibleDescription(summaryText());
    update();
}

QColor TrendsChart::backlogColor() const
{
    return toneTextOn(Tone::Blue, palette(), {palette().color(QPalette::Base)});
}

QColor TrendsChart::activeColor() const
{
    return toneTextOn(Tone::Purple, palette(), {palette().color(QPalette::Base)});
}

QColor TrendsChart::failedColor() const
{
    return toneTextOn(Tone::Red, palette(), {palette().color(QPalette::Base)});
}

QColor TrendsChart::completedColor() const
{
    return toneTextOn(Tone::Green, palette(), {palette().color(QPalette::Base)});
}

QRect TrendsChart::plotArea() const
{
    return rect().adjusted(LeftMargin, TopMargin, -RightMargin, -BottomMargin);
}

int TrendsChart::bucketAt(int x) const
{
    const QRect area = plotArea();
    if (m_buckets.isEmpty() || x < area.left() || x > area.right())
        return -1;
    const double width = double(area.width()) / m_buckets.size();
    return qBound(0, int((x - area.left()) / width), int(m_buckets.size()) - 1);
}

QString TrendsChart::valuesText(int index) const
{
    if (index < 0 || index >= m_buckets.size())
        return {};
    const HistoryBucket& bucket = m_buckets.at(index);
    const QLocale locale;
    const QString when =
        locale.toString(QDateTime::fromMSecsSinceEpoch(bucket.startMs), QLocale::ShortFormat);
    if (bucket.gap)
        return tr("%1: not watched (no pass ran)").arg(when);
    QStringList lines{when};
    if (bucket.hasDepth()) {
        lines << tr("Waiting + delayed: %L1").arg(bucket.backlog())
              << tr("Active: %L1").arg(bucket.depth.at(static_cast<int>(StateCategory::Active)))
              << tr("Failed: %L1").arg(bucket.depth.at(static_cast<int>(StateCategory::Failed)));
    }
    lines << tr("Completed in it: %L1, failed in it: %L2").arg(bucket.completed).arg(bucket.failed);
    if (bucket.runP50Ms >= 0)
        lines << tr("Run time p50 %1 s, p95 %2 s")
                     .arg(locale.toString(bucket.runP50Ms / 1000.0, 'f', 1),
                          locale.toString(bucket.runP95Ms / 1000.0, 'f', 1));
    if (bucket.incomplete)
        lines << tr("A pass in it did not read the whole list: its counts are lower bounds.");
    return lines.join(QLatin1Char('\n'));
}

QString TrendsChart::summaryText() const
{
    int first = -1;
    int last = -1;
    int completed = 0;
    int failed = 0;
    int gaps = 0;
    for (qsizetype i = 0; i < m_buckets.size(); ++i) {
        const HistoryBucket& bucket = m_buckets.at(i);
        if (bucket.hasDepth()) {
            if (first < 0)
                first = backlogOf(bucket);
            last = backlogOf(bucket);
        }
        completed += bucket.completed;
        failed += bucket.failed;
        gaps += bucket.gap ? 1 : 0;
    }
    if (first < 0 && completed == 0 && failed == 0)
        return tr("Nothing recorded in this range yet.");
    QString text;
    if (first >= 0)
        text =
            tr("Backlog (waiting and delayed) went from %L1 to %L2.").arg(first).arg(last) + QLatin1Char(' ');
    text += tr("%L1 completed and %L2 failed in this range.").arg(completed).arg(failed);
    if (gaps > 0)
        text += QLatin1Char(' ') + tr("%n interval(s) not watched.", nullptr, gaps);
    return text;
}

void TrendsChart::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QPalette pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    const QRect area = plotArea();
    const QColor text = toneTextOn(Tone::Secondary, pal, {pal.color(QPalette::Base)});
    const QColor grid =
        composite(QColor(text.red(), text.green(), text.blue(), 40), pal.color(QPalette::Base));
    const QFontMetrics metrics = fontMetrics();
    if (m_buckets.isEmpty() || area.width() < 20 || area.height() < 40) {
        painter.setPen(text);
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, summaryText());
        return;
    }
    const int depthHeight = (area.height() - PanelGap) * 3 / 5;
    const QRect depthArea(area.left(), area.top(), area.width(), depthHeight);
    const QRect barArea(area.left(), depthArea.bottom() + PanelGap, area.width(),
                        area.bottom() - depthArea.bottom() - PanelGap);
    const double step = double(area.width()) / m_buckets.size();
    const auto xOf = [&](qsizetype i) { return area.left() + step * (i + 0.5); };

    // More intervals than pixels (7 days of minutes: 10,080 in ~1,100 px): each pixel column draws the
    // range of its intervals' values instead of every one of them, which took 0.6 s instead of a few ms.
    const bool dense = step < 2.0;
    const QColor backlog = backlogColor();
    const QColor active = activeColor();
    const QColor failed = failedColor();
    const QColor completed = completedColor();
    const QColor incomplete = toneTextOn(Tone::Amber, pal, {pal.color(QPalette::Base)});

    // Gaps first, under everything: hatched, so that "not watched" never reads as zero. A run of them is
    // one rectangle.
    QBrush hatch(grid, Qt::BDiagPattern);
    for (qsizetype i = 0; i < m_buckets.size(); ++i) {
        if (!m_buckets.at(i).gap)
            continue;
        qsizetype end = i + 1;
        while (end < m_buckets.size() && m_buckets.at(end).gap)
            ++end;
        painter.fillRect(QRectF(area.left() + step * i, area.top(), step * (end - i) + 0.5, area.height()),
                         hatch);
        i = end - 1;
    }

    int depthMax = 1;
    int barMax = 1;
    for (const HistoryBucket& bucket : m_buckets) {
        if (bucket.hasDepth())
            depthMax = std::max({depthMax, bucket.backlog(),
                                 bucket.depth.at(static_cast<int>(StateCategory::Active)),
                                 bucket.depth.at(static_cast<int>(StateCategory::Failed))});
        barMax = std::max({barMax, bucket.completed, bucket.failed});
    }
    depthMax = niceCeiling(depthMax);
    barMax = niceCeiling(barMax);

    // Axes and grid: a line at the top and half of each panel, labelled.
    const QLocale locale;
    painter.setFont(font());
    for (const auto& [panel, top] : {std::pair{depthArea, depthMax}, std::pair{barArea, barMax}}) {
        for (int k = 0; k <= 2; ++k) {
            const int y = panel.bottom() - panel.height() * k / 2;
            painter.setPen(QPen(grid, 1));
            painter.drawLine(panel.left(), y, panel.right(), y);
            if (k == 1 && top % 2 != 0)
                continue; // no half of an odd top: a label would round
            painter.setPen(text);
            const QString label = locale.toString(top * k / 2);
            painter.drawText(QRect(0, y - metrics.height() / 2, LeftMargin - 6, metrics.height()),
                             Qt::AlignRight | Qt::AlignVCenter, label);
        }
    }
    // Time labels: about one every 110 px.
    const qint64 startMs = m_buckets.constFirst().startMs;
    const qint64 spanMs = m_buckets.constLast().startMs + m_bucketMs - startMs;
    const int ticks = qMax(2, area.width() / 110);
    painter.setPen(text);
    for (int k = 0; k <= ticks; ++k) {
        const qint64 at = startMs + spanMs * k / ticks;
        const int x = area.left() + area.width() * k / ticks;
        const QString label = timeLabel(at, spanMs);
        const int w = metrics.horizontalAdvance(label);
        painter.drawText(QPoint(qBound(0, x - w / 2, width() - w), height() - 5), label);
    }

    // Depth lines, broken wherever no pass ended in an interval.
    const auto drawLine = [&](const QColor& color, auto value) {
        const auto yOf = [&](const HistoryBucket& bucket) {
            return depthArea.bottom() - double(depthArea.height()) * value(bucket) / depthMax;
        };
        QPainterPath path;
        if (!dense) {
            bool open = false;
            for (qsizetype i = 0; i < m_buckets.size(); ++i) {
                const HistoryBucket& bucket = m_buckets.at(i);
                if (!bucket.hasDepth()) {
                    open = false;
                    continue;
                }
                const QPointF point(xOf(i), yOf(bucket));
                if (open)
                    path.lineTo(point);
                else
                    path.moveTo(point);
                open = true;
                path.addEllipse(point, 1.2, 1.2); // a lone interval is a dot, not nothing
                path.moveTo(point);
            }
        } else {
            // Per pixel column: its first value, its lowest and highest, its last; a run that is one
            // point is a dot.
            struct Column
            {
                int index = -1;
                double first = 0, last = 0, low = 0, high = 0;
            } column;
            bool open = false;
            int runPoints = 0;
            QPointF runStart;
            const auto flush = [&] {
                if (column.index < 0)
                    return;
                const double x = area.left() + column.index + 0.5;
                for (const double y : {column.first, column.low, column.high, column.last}) {
                    if (open) {
                        path.lineTo(x, y);
                    } else {
                        path.moveTo(x, y);
                        runStart = QPointF(x, y);
                        open = true;
                    }
                }
                ++runPoints;
                column.index = -1;
            };
            const auto endRun = [&] {
                flush();
                if (open && runPoints == 1)
                    path.addEllipse(runStart, 1.2, 1.2);
                open = false;
                runPoints = 0;
            };
            for (qsizetype i = 0; i < m_buckets.size(); ++i) {
                const HistoryBucket& bucket = m_buckets.at(i);
                if (!bucket.hasDepth()) {
                    endRun();
                    continue;
                }
                const int index = int(step * double(i));
                const double y = yOf(bucket);
                if (index != column.index) {
                    flush();
                    column = {index, y, y, y, y};
                } else {
                    column.last = y;
                    column.low = std::min(column.low, y);
                    column.high = std::max(column.high, y);
                }
            }
            endRun();
        }
        painter.setPen(QPen(color, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    };
    drawLine(failed,
             [](const HistoryBucket& b) { return b.depth.at(static_cast<int>(StateCategory::Failed)); });
    drawLine(active,
             [](const HistoryBucket& b) { return b.depth.at(static_cast<int>(StateCategory::Active)); });
    drawLine(backlog, [](const HistoryBucket& b) { return b.backlog(); });

    // Finished per interval: completed and failed side by side; where intervals share a pixel column, the
    // column's busiest interval, failed drawn over completed.
    if (!dense) {
        const double barWidth = qMax(1.0, step / 2 - 1);
        for (qsizetype i = 0; i < m_buckets.size(); ++i) {
            const HistoryBucket& bucket = m_buckets.at(i);
            const double left = area.left() + step * i + (step - 2 * barWidth) / 2;
            if (bucket.completed > 0) {
                const double h = double(barArea.height()) * bucket.completed / barMax;
                painter.fillRect(QRectF(left, barArea.bottom() - h, barWidth, h), completed);
            }
            if (bucket.failed > 0) {
                const double h = double(barArea.height()) * bucket.failed / barMax;
                painter.fillRect(QRectF(left + barWidth, barArea.bottom() - h, barWidth, h), failed);
            }
            if (bucket.incomplete) {
                painter.setPen(QPen(incomplete, 2));
                painter.drawLine(QPointF(xOf(i), depthArea.top()), QPointF(xOf(i), depthArea.top() + 6));
            }
        }
    } else {
        const int columns = area.width();
        std::vector<int> mostCompleted(static_cast<size_t>(columns), 0);
        std::vector<int> mostFailed(static_cast<size_t>(columns), 0);
        std::vector<char> incompleteAt(static_cast<size_t>(columns), 0);
        for (qsizetype i = 0; i < m_buckets.size(); ++i) {
            const HistoryBucket& bucket = m_buckets.at(i);
            const auto index = static_cast<size_t>(qBound(0, int(step * double(i)), columns - 1));
            mostCompleted[index] = std::max(mostCompleted[index], bucket.completed);
            mostFailed[index] = std::max(mostFailed[index], bucket.failed);
            incompleteAt[index] = static_cast<char>(incompleteAt[index] || bucket.incomplete);
        }
        QList<QRect> completedBars;
        QList<QRect> failedBars;
        QList<QLine> ticks;
        const auto bar = [&](int column, int value) {
            const int h = qMax(1, int(std::lround(double(barArea.height()) * value / barMax)));
            return QRect(area.left() + column, barArea.bottom() - h + 1, 1, h);
        };
        for (int c = 0; c < columns; ++c) {
            const auto index = static_cast<size_t>(c);
            if (mostCompleted[index] > 0)
                completedBars.append(bar(c, mostCompleted[index]));
            if (mostFailed[index] > 0)
                failedBars.append(bar(c, mostFailed[index]));
            if (incompleteAt[index])
                ticks.append(QLine(area.left() + c, depthArea.top(), area.left() + c, depthArea.top() + 6));
        }
        painter.save();
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(Qt::NoPen);
        painter.setBrush(completed);
        painter.drawRects(completedBars);
        painter.setBrush(failed);
        painter.drawRects(failedBars);
        painter.setPen(QPen(incomplete, 1));
        painter.drawLines(ticks);
        painter.restore();
    }

    // The legend, in words beside each colour.
    int x = area.left();
    const auto legend = [&](const QColor& color, const QString& label) {
        painter.fillRect(QRect(x, 6, 10, 10), color);
        painter.setPen(text);
        painter.drawText(QPoint(x + 14, 15), label);
        x += 14 + metrics.horizontalAdvance(label) + 14;
    };
    legend(backlog, tr("Waiting + delayed"));
    legend(active, tr("Active"));
    legend(failed, tr("Failed"));
    legend(completed, tr("Completed per interval"));

    if (m_hover >= 0) {
        painter.setPen(QPen(text, 1, Qt::DashLine));
        painter.drawLine(QPointF(xOf(m_hover), area.top()), QPointF(xOf(m_hover), area.bottom()));
    }
}

void TrendsChart::mouseMoveEvent(QMouseEvent* event)
{
    const int index = bucketAt(event->position().toPoint().x());
    if (index != m_hover) {
        m_hover = index;
        update();
    }
    if (index >= 0)
        QToolTip::showText(event->globalPosition().toPoint(), valuesText(index), this);
    else
        QToolTip::hideText();
}

void TrendsChart::leaveEvent(QEvent* event)
{
    m_hover = -1;
    update();
    QWidget::leaveEvent(event);
}

void TrendsChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        update();
    QWidget::changeEvent(event);
}

} // namespace Alchemyst
