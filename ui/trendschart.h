#pragma once

#include "history/historystore.h"

#include <QColor>
#include <QList>
#include <QWidget>

namespace Alchemyst {

// The queue over time, drawn with QPainter (Qt Charts is GPL-3 only in Debian; the product is MIT over
// an LGPL Qt): the depth by state on top — waiting + delayed (the backlog), active, failed — and the jobs
// finished per interval below, completed and failed. Only what was seen is drawn: an interval no pass ran
// in is a hatched gap, never a line across it; an interval with an incomplete pass gets an amber tick.
// Colours come from the palette with the app's contrast floor, again on every palette change. Hovering
// shows the values at that time; the accessible description says the same in words.
class TrendsChart : public QWidget
{
    Q_OBJECT

public:
    explicit TrendsChart(QWidget* parent = nullptr);

    // Buckets of bucketMs, oldest first, covering the range shown.
    void setSeries(const QList<HistoryBucket>& buckets, qint64 bucketMs);
    const QList<HistoryBucket>& buckets() const { return m_buckets; }

    // What each series is drawn in with the current palette (tests measure them).
    QColor backlogColor() const;
    QColor activeColor() const;
    QColor failedColor() const;
    QColor completedColor() const;
    // The series in words, for screen readers and the tool tip of the whole chart.
    QString summaryText() const;

    // Low enough that with every dock open at the default size the table keeps a dozen rows.
    QSize sizeHint() const override { return {520, 160}; }
    QSize minimumSizeHint() const override { return {260, 140}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QRect plotArea() const;
    int bucketAt(int x) const;
    QString valuesText(int index) const;

    QList<HistoryBucket> m_buckets;
    qint64 m_bucketMs = HistoryStore::MinuteMs;
    int m_hover = -1;
};

} // namespace Alchemyst
