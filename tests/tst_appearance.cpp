// Colours that read in light and dark palettes alike (WCAG AA, 4.5:1 for text), derived from the palette in
// use and re-derived when it changes; the Appearance setting, its menu and its command-line option.
#include "appearance.h"
#include "connectiondialog.h"
#include "guifixture.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"
#include "simulator/simulator.h"
#include "statestyle.h"

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

namespace {

constexpr double AA = 4.5;

const StateCategory allCategories[] = {
    StateCategory::Waiting, StateCategory::Delayed,   StateCategory::Active, StateCategory::Completed,
    StateCategory::Failed,  StateCategory::Cancelled, StateCategory::Other,
};

QPalette paletteWith(const QColor& window, const QColor& base, const QColor& alternate, const QColor& text,
                     const QColor& highlight, const QColor& highlightedText, const QColor& link)
{
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, alternate);
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, highlightedText);
    palette.setColor(QPalette::Link, link);
    return palette;
}

// Ours, Fusion's own, and the two dark desktop palettes the issue measured (#1e1e1e, Breeze's #232629).
QList<QPair<QByteArray, QPalette>> palettes()
{
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return {
        {"light", lightPalette()},
        {"dark", darkPalette()},
        {"fusion", fusion->standardPalette()},
        {"dark-1e1e1e", paletteWith(QColor(0x1e, 0x1e, 0x1e), QColor(0x1e, 0x1e, 0x1e),
                                    QColor(0x26, 0x26, 0x26), QColor(0xd4, 0xd4, 0xd4),
                                    QColor(0x26, 0x4f, 0x78), Qt::white, QColor(0x37, 0x94, 0xff))},
        {"breeze-dark",
         paletteWith(QColor(0x31, 0x36, 0x3b), QColor(0x23, 0x26, 0x29), QColor(0x2c, 0x30, 0x34),
                     QColor(0xfc, 0xfc, 0xfc), QColor(0x3d, 0xae, 0xe9), QColor(0xfc, 0xfc, 0xfc),
                     QColor(0x1d, 0x99, 0xf3))},
    };
}

QString describe(const QColor& foreground, const QColor& background)
{
    return QStringLiteral("%1 on %2: %3:1")
        .arg(foreground.name(), background.name())
        .arg(contrastRatio(foreground, background), 0, 'f', 2);
}

} // namespace

class TestAppearance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void contrastFollowsWcag();
    void readableOnReachesTheRatio();
    void statePillsRead_data();
    void statePillsRead();
    void textsOnWindowRead_data();
    void textsOnWindowRead();
    void ourPalettesAreComplete();
    void parsesTheSetting();
    void labelsFollowThePalette();
    void dialogMessagesRead();
    void toneCellsFollowTheView();
    void mainWindowSwitchesAppearance();
    void commandLineRefusesAnUnknownAppearance();

private:
    QTemporaryDir m_settingsDir;
};

void TestAppearance::initTestCase()
{
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_appearance")));
    QSettings().clear();
}

void TestAppearance::cleanupTestCase()
{
    applyAppearance(Appearance::System);
}

void TestAppearance::contrastFollowsWcag()
{
    QCOMPARE(qRound(contrastRatio(Qt::black, Qt::white) * 100), 2100);
    QCOMPARE(contrastRatio(Qt::white, Qt::black), contrastRatio(Qt::black, Qt::white));
    QCOMPARE(contrastRatio(QColor(0x12, 0x34, 0x56), QColor(0x12, 0x34, 0x56)), 1.0);
    // #767676 is the lightest grey that passes AA on white (4.54:1); #777777 fails (4.48:1).
    QVERIFY(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) >= AA);
    QVERIFY(contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) < AA);
    // The figures the issue measured on a dark window: the old cancelled pill text was unreadable.
    QVERIFY(contrastRatio(QColor(0x52, 0x52, 0x5b).darker(115), QColor(0x1e, 0x1e, 0x1e)) < 2.0);
    QCOMPARE(composite(QColor(255, 0, 0, 128), Qt::white), QColor(255, 127, 127));
}

void TestAppearance::readableOnReachesTheRatio()
{
    // Mid greys are the hardest backgrounds: white and black both barely pass.
    for (const QColor& background : {QColor(0x77, 0x77, 0x77), QColor(0x20, 0x20, 0x20), QColor(Qt::white),
                                     QColor(0x3d, 0xae, 0xe9), QColor(0xfe, 0xf3, 0xc7)}) {
        for (const QColor& wanted :
             {QColor(0x52, 0x52, 0x5b), QColor(0xfb, 0xbf, 0x24), QColor(0x25, 0x63, 0xeb)}) {
            const QColor readable = readableOn(wanted, {background});
            QVERIFY2(contrastRatio(readable, background) >= AA, qPrintable(describe(readable, background)));
        }
    }
    // A colour that already reads is left alone.
    QCOMPARE(readableOn(QColor(0x11, 0x22, 0x33), {Qt::white}), QColor(0x11, 0x22, 0x33));
}

void TestAppearance::statePillsRead_data()
{
    QTest::addColumn<QPalette>("palette");
    for (const auto& [name, palette] : palettes())
        QTest::newRow(name.constData()) << palette;
}

void TestAppearance::statePillsRead()
{
    QFETCH(QPalette, palette);
    for (const StateCategory category : allCategories) {
        const QString state = categoryName(category);
        // A pill is drawn over the row: base, alternate base, or the highlight when selected.
        const struct
        {
            const char* row;
            QColor background;
            bool selected;
        } rows[] = {
            {"base", palette.color(QPalette::Base), false},
            {"alternate", palette.color(QPalette::AlternateBase), false},
            {"selected", palette.color(QPalette::Highlight), true},
        };
        for (const auto& row : rows) {
            const ColorPair pill = statePill(category, palette, row.background, row.selected);
            const double ratio = contrastRatio(pill.foreground, pill.background);
            qInfo("%-10s %-9s %s", qPrintable(state), row.row,
                  qPrintable(describe(pill.foreground, pill.background)));
            QVERIFY2(ratio >= AA, qPrintable(QStringLiteral("%1 pill on %2 row: %3")
                                                 .arg(state, QLatin1String(row.row),
                                                      describe(pill.foreground, pill.background))));
            QCOMPARE(pill.background.alpha(), 255); // what the test measures is what is drawn: opaque
        }
    }
}

void TestAppearance::textsOnWindowRead_data()
{
    statePillsRead_data();
}

void TestAppearance::textsOnWindowRead()
{
    QFETCH(QPalette, palette);
    const QColor window = palette.color(QPalette::Window);
    const QList<QColor> surfaces = {window, palette.color(QPalette::Button), palette.color(QPalette::Base),
                                    palette.color(QPalette::AlternateBase)};
    // Tab labels and the summary's state: on the window, the buttons (tabs) and the bases.
    for (const StateCategory category : allCategories) {
        for (const QColor& surface : surfaces) {
            const QColor text = stateColor(category, palette);
            QVERIFY2(contrastRatio(text, surface) >= AA,
                     qPrintable(categoryName(category) + QStringLiteral(" tab: ") + describe(text, surface)));
        }
    }
    // The stuck tab and marker, dialog errors and OKs, warnings, quiet hints.
    const struct
    {
        const char* what;
        Tone tone;
    } tones[] = {{"stuck", StuckTone},
                 {"error", ErrorTone},
                 {"ok", OkTone},
                 {"warning", WarningTone},
                 {"secondary", Tone::Secondary}};
    for (const auto& entry : tones) {
        for (const QColor& surface : surfaces) {
            const QColor text = toneText(entry.tone, palette);
            QVERIFY2(contrastRatio(text, surface) >= AA,
                     qPrintable(QLatin1String(entry.what) + QStringLiteral(": ") + describe(text, surface)));
        }
        qInfo("%-9s %s", entry.what, qPrintable(describe(toneText(entry.tone, palette), window)));
    }
    // The stuck marker in a cell, as StartedDelegate asks for it.
    for (const QPalette::ColorRole role : {QPalette::Base, QPalette::AlternateBase}) {
        const QColor text = toneTextOn(StuckTone, palette, {palette.color(role)});
        QVERIFY2(contrastRatio(text, palette.color(role)) >= AA,
                 qPrintable(describe(text, palette.color(role))));
    }
    // The banner: its text and its links on its tint.
    const BannerColors banner = bannerColors(palette);
    qInfo("banner    %s; link %s", qPrintable(describe(banner.text, banner.background)),
          qPrintable(describe(banner.link, banner.background)));
    QVERIFY2(contrastRatio(banner.text, banner.background) >= AA,
             qPrintable(describe(banner.text, banner.background)));
    QVERIFY2(contrastRatio(banner.link, banner.background) >= AA,
             qPrintable(describe(banner.link, banner.background)));
    // The environment badges: their own strong fill.
    for (const Tone tone : {Tone::Teal, Tone::Grey, Tone::Purple, Tone::Red}) {
        const ColorPair badge = solidBadge(tone, palette);
        QVERIFY2(contrastRatio(badge.foreground, badge.background) >= AA,
                 qPrintable(describe(badge.foreground, badge.background)));
    }
}

void TestAppearance::ourPalettesAreComplete()
{
    for (const QPalette& palette : {lightPalette(), darkPalette()}) {
        for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
            for (const QPalette::ColorRole role : {QPalette::Window,
                                                   QPalette::WindowText,
                                                   QPalette::Base,
                                                   QPalette::AlternateBase,
                                                   QPalette::Text,
                                                   QPalette::Button,
                                                   QPalette::ButtonText,
                                                   QPalette::Highlight,
                                                   QPalette::HighlightedText,
                                                   QPalette::Link,
                                                   QPalette::LinkVisited,
                                                   QPalette::ToolTipBase,
                                                   QPalette::ToolTipText,
                                                   QPalette::PlaceholderText,
                                                   QPalette::BrightText,
                                                   QPalette::Light,
                                                   QPalette::Midlight,
                                                   QPalette::Mid,
                                                   QPalette::Dark,
                                                   QPalette::Shadow})
                QVERIFY2(palette.isBrushSet(group, role),
                         qPrintable(QStringLiteral("role %1 group %2 unset").arg(int(role)).arg(int(group))));
        }
        // The enabled texts all read on their surfaces.
        const auto reads = [&palette](QPalette::ColorRole text, QPalette::ColorRole surface) {
            return contrastRatio(palette.color(text), palette.color(surface)) >= AA;
        };
        QVERIFY(reads(QPalette::WindowText, QPalette::Window));
        QVERIFY(reads(QPalette::Text, QPalette::Base));
        QVERIFY(reads(QPalette::Text, QPalette::AlternateBase));
        QVERIFY(reads(QPalette::ButtonText, QPalette::Button));
        QVERIFY(reads(QPalette::HighlightedText, QPalette::Highlight));
        QVERIFY(reads(QPalette::ToolTipText, QPalette::ToolTipBase));
        QVERIFY(reads(QPalette::PlaceholderText, QPalette::Base));
        QVERIFY(reads(QPalette::Link, QPalette::Base));
        QVERIFY(reads(QPalette::LinkVisited, QPalette::Base));
    }
    QVERIFY(isDark(darkPalette()));
    QVERIFY(!isDark(lightPalette()));
}

void TestAppearance::parsesTheSetting()
{
    QCOMPARE(parseAppearance(QStringLiteral("dark")), std::optional<Appearance>(Appearance::Dark));
    QCOMPARE(parseAppearance(QStringLiteral(" Light ")), std::optional<Appearance>(Appearance::Light));
    QCOMPARE(parseAppearance(QStringLiteral("SYSTEM")), std::optional<Appearance>(Appearance::System));
    QVERIFY(!parseAppearance(QStringLiteral("")).has_value());
    QVERIFY(!parseAppearance(QStringLiteral("darkish")).has_value());
    QSettings().setValue(QStringLiteral("appearance"), QStringLiteral("purple"));
    QCOMPARE(storedAppearance(), Appearance::System); // a hand-edited bad value is no crash, just the default
    storeAppearance(Appearance::Dark);
    QCOMPARE(storedAppearance(), Appearance::Dark);
    QSettings().remove(QStringLiteral("appearance"));
    QCOMPARE(storedAppearance(), Appearance::System);
}

void TestAppearance::labelsFollowThePalette()
{
    applyAppearance(Appearance::Light);
    QWidget window;
    auto* error = new QLabel(QStringLiteral("Wrong key"), &window);
    setTextTone(error, ErrorTone);
    auto* banner = new QLabel(&window);
    banner->setObjectName(QStringLiteral("banner"));
    banner->setTextFormat(Qt::RichText);
    banner->setText(QStringLiteral("<b>Stale.</b> <a href=\"retry\">Retry</a>"));
    styleBanner(banner);
    auto* tabs = new QTabBar(&window);
    tabs->addTab(QStringLiteral("Failed"));
    setTabTone(tabs, 0, toneOf(StateCategory::Failed));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QColor lightError = error->palette().color(QPalette::WindowText);
    const QColor lightTab = tabs->tabTextColor(0);
    QVERIFY(contrastRatio(lightError, window.palette().color(QPalette::Window)) >= AA);
    QVERIFY(banner->styleSheet().contains(bannerColors(lightPalette()).background.name()));

    applyAppearance(Appearance::Dark);
    QTRY_VERIFY(isDark(window.palette()));
    const QColor window2 = window.palette().color(QPalette::Window);
    QTRY_VERIFY2(contrastRatio(error->palette().color(QPalette::WindowText), window2) >= AA,
                 qPrintable(describe(error->palette().color(QPalette::WindowText), window2)));
    QVERIFY(error->palette().color(QPalette::WindowText) != lightError);
    QTRY_VERIFY(tabs->tabTextColor(0) != lightTab);
    QVERIFY2(contrastRatio(tabs->tabTextColor(0), window2) >= AA,
             qPrintable(describe(tabs->tabTextColor(0), window2)));
    const BannerColors dark = bannerColors(darkPalette());
    QTRY_VERIFY2(banner->styleSheet().contains(dark.background.name()), qPrintable(banner->styleSheet()));
    QCOMPARE(banner->palette().color(QPalette::Link), dark.link);

    // The banner is drawn with its tint: sample it where there is no text (its padding).
    const QImage image = banner->grab().toImage();
    const QColor inside = image.pixelColor(3, image.height() / 2);
    QVERIFY2(qAbs(inside.red() - dark.background.red()) <= 2 &&
                 qAbs(inside.green() - dark.background.green()) <= 2,
             qPrintable(describe(inside, dark.background)));

    // The link is drawn in the banner's link colour (its underline is solid), not the palette's own.
    bool linkDrawn = false;
    bool paletteLinkDrawn = false;
    const QColor paletteLink = window.palette().color(QPalette::Link);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            linkDrawn = linkDrawn || pixel.rgb() == dark.link.rgb();
            paletteLinkDrawn =
                paletteLinkDrawn || (pixel.rgb() == paletteLink.rgb() && paletteLink != dark.link);
        }
    }
    QVERIFY2(linkDrawn, qPrintable(dark.link.name()));
    QVERIFY(!paletteLinkDrawn);

    // Back to no tone: the palette's own text colour again.
    setTextTone(error, std::nullopt);
    QCOMPARE(error->palette().color(QPalette::WindowText), window.palette().color(QPalette::WindowText));
    applyAppearance(Appearance::System);
}

void TestAppearance::dialogMessagesRead()
{
    applyAppearance(Appearance::Dark);
    Simulator simulator(Simulator::Options::empty(QStringLiteral("right-key")));
    QVERIFY(simulator.listen() != 0);
    QNetworkAccessManager manager;
    ConnectionDialog dialog(ConnectionDialog::Add, &manager);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* url = dialog.findChild<QLineEdit*>(QStringLiteral("baseUrlEdit"));
    auto* key = dialog.findChild<QLineEdit*>(QStringLiteral("apiKeyEdit"));
    auto* test = dialog.findChild<QPushButton*>(QStringLiteral("testButton"));
    auto* result = dialog.findChild<QLabel*>(QStringLiteral("testResultLabel"));
    auto* error = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
    QVERIFY(url && key && test && result && error);
    url->setText(simulator.baseUrl().toString());
    const auto textColor = [](const QLabel* label) { return label->palette().color(QPalette::WindowText); };
    const auto readsIn = [&dialog, &textColor](const QLabel* label) {
        const QColor window = dialog.palette().color(QPalette::Window);
        if (contrastRatio(textColor(label), window) >= AA)
            return true;
        qWarning("%s",
                 qPrintable(label->objectName() + QStringLiteral(": ") + describe(textColor(label), window)));
        return false;
    };

    key->setText(QStringLiteral("wrong-key"));
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY(test->isEnabled() && !result->text().contains(QLatin1String("…")));
    QCOMPARE(textColor(result), toneText(ErrorTone, dialog.palette()));
    QVERIFY(readsIn(result));
    QVERIFY(readsIn(error));

    key->setText(QStringLiteral("right-key"));
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY(result->text().startsWith(QLatin1String("Connected")));
    const QColor darkOk = textColor(result);
    QCOMPARE(darkOk, toneText(OkTone, dialog.palette()));
    QVERIFY(readsIn(result));

    // The open dialog follows a switch of appearance.
    applyAppearance(Appearance::Light);
    QTRY_VERIFY(!isDark(dialog.palette()));
    QTRY_VERIFY(textColor(result) != darkOk);
    QCOMPARE(textColor(result), toneText(OkTone, dialog.palette()));
    QVERIFY(readsIn(result));
    QVERIFY(readsIn(error));
    applyAppearance(Appearance::System);
}

void TestAppearance::toneCellsFollowTheView()
{
    // What the dialogs' tables draw a toned cell's text in: the view's palette at paint time.
    struct Probe : ToneDelegate
    {
        using ToneDelegate::ToneDelegate;
        QColor textOf(const QModelIndex& index, QStyle::State state) const
        {
            QStyleOptionViewItem option;
            option.widget = qobject_cast<const QWidget*>(parent());
            option.palette = option.widget->palette();
            option.state = state;
            initStyleOption(&option, index);
            return option.palette.color(QPalette::Text);
        }
    };
    QTableWidget table(2, 1);
    auto* probe = new Probe(&table);
    table.setItemDelegate(probe);
    auto* failed = new QTableWidgetItem(QStringLiteral("failed"));
    failed->setData(ToneRole, static_cast<int>(toneOf(StateCategory::Failed)));
    table.setItem(0, 0, failed);
    table.setItem(1, 0, new QTableWidgetItem(QStringLiteral("plain")));
    for (const Appearance appearance : {Appearance::Light, Appearance::Dark}) {
        applyAppearance(appearance);
        QTRY_COMPARE(isDark(table.palette()), appearance == Appearance::Dark);
        const QPalette palette = table.palette();
        const QColor text = probe->textOf(table.model()->index(0, 0), QStyle::State_Enabled);
        for (const QPalette::ColorRole role : {QPalette::Base, QPalette::AlternateBase})
            QVERIFY2(contrastRatio(text, palette.color(role)) >= AA,
                     qPrintable(describe(text, palette.color(role))));
        QVERIFY(text != palette.color(QPalette::Text));
        QCOMPARE(probe->textOf(table.model()->index(1, 0), QStyle::State_Enabled),
                 palette.color(QPalette::Text));
        // Selected: the highlight's own text colour, as any cell.
        QCOMPARE(probe->textOf(table.model()->index(0, 0), QStyle::State_Enabled | QStyle::State_Selected),
                 palette.color(QPalette::Text));
    }
    applyAppearance(Appearance::System);
}

void TestAppearance::mainWindowSwitchesAppearance()
{
    applyAppearance(Appearance::System);
    const QString systemStyle = QApplication::style()->name();
    const QColor systemWindow = QApplication::palette().color(QPalette::Window);
    QSettings().clear();
    Simulator simulator(Simulator::Options::empty(QStringLiteral("gui-key")));
    QVERIFY(simulator.listen() != 0);
    GuiFixture::addJobs(simulator,
                        {"waiting", "delayed", "active", "completed", "failed", "cancelled", "prioritized"});
    QNetworkAccessManager manager;
    MainWindow window(&manager);
    window.resize(1200, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(GuiFixture::connectWindow(&window, simulator, QStringLiteral("gui-key"), 7));

    auto* system = window.findChild<QAction*>(QStringLiteral("appearanceSystemAction"));
    auto* dark = window.findChild<QAction*>(QStringLiteral("appearanceDarkAction"));
    auto* light = window.findChild<QAction*>(QStringLiteral("appearanceLightAction"));
    QVERIFY(system && dark && light);
    QVERIFY(system->isChecked());
    auto* table = window.findChild<QTableView*>(QStringLiteral("jobTable"));
    auto* tabs = window.findChild<QTabBar*>(QStringLiteral("stateFilter"));
    QVERIFY(table && tabs);

    // The pill of a row as drawn: its fill sampled left of the text, against what the palette gives.
    auto pillPixel = [&](int row, QColor* expected, bool selected = false) {
        table->clearSelection();
        if (selected)
            table->selectRow(row);
        const QModelIndex index = table->model()->index(row, JobModel::StateColumn);
        const QRect rect = table->visualRect(index);
        const QImage image = table->viewport()->grab().toImage();
        QStyleOptionViewItem option;
        option.palette = table->palette();
        option.state = QStyle::State_Enabled;
        if (table->isActiveWindow())
            option.state |= QStyle::State_Active;
        if (selected)
            option.state |= QStyle::State_Selected;
        if (table->alternatingRowColors() && row % 2)
            option.features |= QStyleOptionViewItem::Alternate;
        const QString state = index.data(JobModel::StateRole).toString();
        const ColorPair pill =
            statePill(categoryOf(state), table->palette(), rowBackground(option), selected);
        if (contrastRatio(pill.foreground, pill.background) < AA)
            return QColor(); // never drawn that way: fails the comparison below
        *expected = pill.background;
        return image.pixelColor(rect.left() + 10, rect.center().y() + 1);
    };
    auto close = [](const QColor& a, const QColor& b) {
        return qAbs(a.red() - b.red()) <= 3 && qAbs(a.green() - b.green()) <= 3 &&
               qAbs(a.blue() - b.blue()) <= 3;
    };
    QColor expected;
    QColor drawn = pillPixel(0, &expected);
    QVERIFY2(close(drawn, expected), qPrintable(describe(drawn, expected)));
    const QColor beforeTab = tabs->tabTextColor(1);

    dark->trigger();
    QVERIFY(dark->isChecked());
    QTRY_VERIFY(isDark(QApplication::palette()));
    QVERIFY(relativeLuminance(QApplication::palette().color(QPalette::Window)) < 0.05);
    QCOMPARE(QSettings().value(QStringLiteral("appearance")).toString(), QStringLiteral("dark"));
    QCOMPARE(currentAppearance(), Appearance::Dark);
    QTRY_VERIFY(isDark(table->palette()));
    for (int row = 0; row < 7; ++row) {
        drawn = pillPixel(row, &expected);
        QVERIFY2(close(drawn, expected),
                 qPrintable(QStringLiteral("row %1: ").arg(row) + describe(drawn, expected)));
        QVERIFY2(relativeLuminance(drawn) < 0.1, qPrintable(drawn.name())); // a dark tint, not a light one
    }
    drawn = pillPixel(2, &expected, true);
    QVERIFY2(close(drawn, expected), qPrintable(QStringLiteral("selected: ") + describe(drawn, expected)));
    // Tab labels re-derived for the dark window.
    QTRY_VERIFY(tabs->tabTextColor(1) != beforeTab);
    for (int tab = 1; tab < tabs->count(); ++tab) {
        const QColor text = tabs->tabTextColor(tab);
        QVERIFY2(contrastRatio(text, tabs->palette().color(QPalette::Window)) >= AA,
                 qPrintable(tabs->tabText(tab) + QStringLiteral(": ") +
                            describe(text, tabs->palette().color(QPalette::Window))));
    }

    light->trigger();
    QTRY_VERIFY(!isDark(QApplication::palette()));
    QCOMPARE(storedAppearance(), Appearance::Light);
    QTRY_VERIFY(!isDark(table->palette()));
    drawn = pillPixel(1, &expected);
    QVERIFY2(close(drawn, expected), qPrintable(describe(drawn, expected)));
    QVERIFY(relativeLuminance(drawn) > 0.5);

    // Back to the platform's own style and palette.
    dark->trigger();
    QTRY_VERIFY(isDark(table->palette()));
    system->trigger();
    QCOMPARE(storedAppearance(), Appearance::System);
    QCOMPARE(QApplication::style()->name(), systemStyle);
    QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
    QTRY_VERIFY(!isDark(table->palette()));
}

void TestAppearance::commandLineRefusesAnUnknownAppearance()
{
    QProcess gui;
    gui.start(QStringLiteral(AJM_GUI_PATH), {QStringLiteral("--appearance"), QStringLiteral("sepia")});
    QVERIFY2(gui.waitForFinished(20000), qPrintable(gui.errorString()));
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    QCOMPARE(gui.exitCode(), 2);
    const QString error = QString::fromUtf8(gui.readAllStandardError());
    QVERIFY2(error.contains(QLatin1String("--appearance")) && error.contains(QLatin1String("sepia")),
             qPrintable(error));

    QProcess help;
    help.start(QStringLiteral(AJM_GUI_PATH), {QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(20000));
    QVERIFY(QString::fromUtf8(help.readAllStandardOutput()).contains(QLatin1String("--appearance <MODE>")));
}

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"
