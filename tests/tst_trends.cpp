// The Trends chart drawn offscreen in light and dark palettes: each series' pixels are present where it
// has data, an interval nobody watched is hatched and carries no line, every series colour keeps the
// 4.5:1 floor against the chart's background, and the words for screen readers say what the lines say.
// Then the dock against a real session: passes recorded by the refresh loop show up in its chart.
#include "appearance.h"
#include "core/jobmonitor.h"
#include "core/translations.h"
#include "guifixture.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "simulator/simulator.h"
#include "trendschart.h"
#include "trendsdock.h"
#include "triageview.h"
#include "verdictlabel.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QImage>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

class TestTrends : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void seriesArePaintedAndGapsAreNot_data();
    void seriesArePaintedAndGapsAreNot();
    void summarySaysWhatTheLinesSay();
    void dockShowsTheSessionsPasses();
    void verdictLabelSaysTheForecast();

private:
    QTemporaryDir m_settingsDir;
};

namespace {

QList<HistoryBucket> syntheticSeries(int count, int gapFrom, int gapTo)
{
    QList<HistoryBucket> buckets;
    const qint64 start = 1767225600000;
    for (int i = 0; i < count; ++i) {
        HistoryBucket bucket;
        bucket.startMs = start + i * HistoryStore::MinuteMs;
        if (i >= gapFrom && i < gapTo) {
            buckets.append(bucket); // gap: no depth, nothing finished
            continue;
        }
        bucket.gap = false;
        bucket.passes = 1;
        bucket.depth.fill(0);
        bucket.depth[static_cast<int>(StateCategory::Waiting)] = 400 - (i % 60) * 5;
        bucket.depth[static_cast<int>(StateCategory::Active)] = 40;
        bucket.depth[static_cast<int>(StateCategory::Failed)] = 20 + i % 60;
        bucket.completed = 10 + i % 4;
        bucket.failed = 2;
        buckets.append(bucket);
    }
    return buckets;
}

int pixelsNear(const QImage& image, const QRect& area, const QColor& color)
{
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (qAbs(pixel.red() - color.red()) + qAbs(pixel.green() - color.green()) +
                    qAbs(pixel.blue() - color.blue()) <
                40)
                ++count;
        }
    }
    return count;
}

} // namespace

void TestTrends::initTestCase()
{
    installTranslations(QLocale(QLocale::English)); // as main() does: English, with its plural forms
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_trends")));
}

void TestTrends::seriesArePaintedAndGapsAreNot_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<int>("count");
    QTest::newRow("light") << false << 60;
    QTest::newRow("dark") << true << 60;
    // 7 days of minutes: more intervals than pixels, drawn a pixel column at a time.
    QTest::newRow("light, 7 days of minutes") << false << 7 * 24 * 60;
    QTest::newRow("dark, 7 days of minutes") << true << 7 * 24 * 60;
}

void TestTrends::seriesArePaintedAndGapsAreNot()
{
    QFETCH(bool, dark);
    QFETCH(int, count);
    applyAppearance(dark ? Appearance::Dark : Appearance::Light);
    TrendsChart chart;
    chart.resize(600, 260);
    chart.setSeries(syntheticSeries(count, count / 3, count / 2), HistoryStore::MinuteMs);
    const QImage image = chart.grab().toImage();
    const QColor background = chart.palette().color(QPalette::Base);
    for (const QColor& color :
         {chart.backlogColor(), chart.activeColor(), chart.failedColor(), chart.completedColor()}) {
        QVERIFY2(contrastRatio(color, background) >= 4.5,
                 qPrintable(QStringLiteral("%1 on %2: %3")
                                .arg(color.name(), background.name())
                                .arg(contrastRatio(color, background))));
        QVERIFY2(pixelsNear(image, image.rect(), color) > 30, qPrintable(color.name()));
    }
    // The gap (the intervals from a third to a half of them): no series is drawn across it.
    const int left = 52;
    const int right = chart.width() - 10;
    const double step = double(right - left) / count;
    const QRect gap(int(left + step * (count / 3 + count / 60 + 1)), 22, int(step * (count / 6 - count / 30)),
                    chart.height() - 22 - 22);
    QCOMPARE(pixelsNear(image, gap, chart.backlogColor()), 0);
    QCOMPARE(pixelsNear(image, gap, chart.completedColor()), 0);
    applyAppearance(Appearance::Light);
}

void TestTrends::summarySaysWhatTheLinesSay()
{
    TrendsChart chart;
    QCOMPARE(chart.summaryText(), QStringLiteral("Nothing recorded in this range yet."));
    chart.setSeries(syntheticSeries(10, 4, 6), HistoryStore::MinuteMs);
    const QString text = chart.accessibleDescription();
    QVERIFY2(text.contains(QLatin1String("from 400 to 355")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("2 intervals not watched")), qPrintable(text));
}

void TestTrends::dockShowsTheSessionsPasses()
{
    Simulator* simulator = GuiFixture::startSimulator(QStringLiteral("trend-key"), this);
    QVERIFY(simulator);
    GuiFixture::addJobs(*simulator, {"waiting", "waiting", "active", "completed"});
    QNetworkAccessManager manager;
    MainWindow window(&manager);
    window.show();
    QVERIFY(GuiFixture::connectWindow(&window, *simulator, QStringLiteral("trend-key"), 4));
    QTRY_VERIFY(window.monitor()->lastGoodRefresh().isValid() && !window.monitor()->isRefreshing());
    TrendsDock* dock = window.triageView()->trendsDock();
    QVERIFY(dock);
    dock->show();
    dock->reload();
    // The pass the window just made is in the chart's last interval, with its depth.
    const QList<HistoryBucket>& buckets = dock->chart()->buckets();
    QVERIFY(!buckets.isEmpty());
    bool seen = false;
    for (const HistoryBucket& bucket : buckets)
        seen = seen || (bucket.hasDepth() && bucket.backlog() == 2);
    QVERIFY(seen);
    QVERIFY(!dock->verdictText().isEmpty());
    auto* range = dock->findChild<QComboBox*>(QStringLiteral("trendsRange"));
    QVERIFY(range);
    range->setCurrentIndex(3); // 7 days: remembered
    QCOMPARE(QSettings().value(QStringLiteral("trends/rangeHours")).toInt(), 7 * 24);
    window.close();
}

void TestTrends::verdictLabelSaysTheForecast()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QTemporaryDir dir;
    HistoryStore history(dir.filePath(QStringLiteral("history.sqlite")));
    QVERIFY(history.isRecording());
    QNetworkAccessManager manager;
    JobMonitor monitor(&manager, QUrl(QStringLiteral("http://127.0.0.1:9")));
    monitor.setAutoRefresh(false);
    monitor.setHistory(&history);
    VerdictLabel label;
    QVERIFY(label.isHidden()); // nothing to say without a session
    // Twenty minutes of 1,240 waiting and nothing completing: stalled.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 minute = now - now % HistoryStore::MinuteMs;
    for (int i = 20; i >= 1; --i) {
        PassRecord pass;
        pass.startedMs = minute - i * HistoryStore::MinuteMs + 1000;
        pass.endedMs = pass.startedMs + 2000;
        pass.complete = true;
        pass.jobsSeen = 1240;
        pass.counts[static_cast<int>(StateCategory::Waiting)] = 1240;
        QVERIFY(history.recordPass(monitor.historyKey(), pass));
    }
    label.setMonitor(&monitor);
    QCOMPARE(label.forecast().verdict, DrainVerdict::Stalled);
    QCOMPARE(label.text(), QStringLiteral("Stalled: nothing completed in 15 min while 1,240 wait"));
    QCOMPARE(label.accessibleName(), label.text());
    for (const bool dark : {false, true}) {
        applyAppearance(dark ? Appearance::Dark : Appearance::Light);
        QApplication::processEvents();
        const QColor text = label.palette().color(QPalette::WindowText);
        QCOMPARE(text, toneText(WarningTone, label.palette()));
        QVERIFY2(contrastRatio(text, label.palette().color(QPalette::Window)) >= 4.5,
                 qPrintable(text.name()));
    }
    applyAppearance(Appearance::Light);
    label.setMonitor(nullptr);
    QVERIFY(label.isHidden());
}

QTEST_MAIN(TestTrends)
#include "tst_trends.moc"
