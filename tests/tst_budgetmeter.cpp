// BudgetMeter: drawn offscreen, it shows the minute's requests against the share, says in its tooltip what
// spent them, says when the monitor backs off after a 429, and reads a real session's budget.
#include "api/requestpacer.h"
#include "appearance.h"
#include "budgetmeter.h"
#include "connectiondialog.h"
#include "core/jobsession.h"
#include "guifixture.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;
using Purpose = RequestPacer::Purpose;

class TestBudgetMeter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsTheMinuteAgainstTheShare();
    void saysWhenItBacksOff();
    void drawsTheBarInThePalettesColours();
    void readsTheSessionsBudget();
    void connectionDialogEditsTheBudget();

private:
    static BudgetSnapshot reading(int share, int allowed, std::array<int, RequestPurposeCount> byPurpose,
                                  int machine = -1);
    // How many pixels of the image are near colour (the bar's fill).
    static int pixelsNear(const QImage& image, const QColor& colour);

    QTemporaryDir m_settings;
};

void TestBudgetMeter::initTestCase()
{
    QVERIFY(GuiFixture::isolateSettings(m_settings, QStringLiteral("tst_budgetmeter")));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_settings.path())); // the session's ledger, this test's own
    QFile::setPermissions(m_settings.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

BudgetSnapshot TestBudgetMeter::reading(int share, int allowed,
                                        std::array<int, RequestPurposeCount> byPurpose, int machine)
{
    BudgetSnapshot usage;
    usage.share = share;
    usage.allowed = allowed;
    usage.byPurpose = byPurpose;
    for (int count : byPurpose)
        usage.spent += count;
    usage.machine = machine;
    return usage;
}

int TestBudgetMeter::pixelsNear(const QImage& image, const QColor& colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (qAbs(pixel.red() - colour.red()) + qAbs(pixel.green() - colour.green()) +
                    qAbs(pixel.blue() - colour.blue()) <
                12)
                ++count;
        }
    }
    return count;
}

void TestBudgetMeter::showsTheMinuteAgainstTheShare()
{
    BudgetMeter meter;
    meter.setUsage(reading(333, 333, {180, 20, 8, 4}));
    meter.show(); // without a session it stays hidden until told otherwise
    QVERIFY(QTest::qWaitForWindowExposed(&meter));
    const auto* label = meter.findChild<QLabel*>(QStringLiteral("budgetMeterLabel"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("Requests 212/333 a minute"));
    QCOMPARE(meter.text(), label->text());
    QVERIFY2(meter.toolTip().contains(QStringLiteral("Full passes 180 · Top-of-list polls 20 · Details 8 · "
                                                     "Cancels 4")),
             qPrintable(meter.toolTip()));
    QVERIFY(!meter.toolTip().contains(QLatin1String("429")));
    QVERIFY(!meter.toolTip().contains(QLatin1String("Other programs")));
    QVERIFY(meter.accessibleDescription().contains(QLatin1String("Requests 212/333 a minute")));
    // The label's words are in the palette's text while nothing is wrong.
    QCOMPARE(label->palette().color(QPalette::WindowText), meter.palette().color(QPalette::WindowText));

    // A command-line run beside the window spends from the same share: counted, and said.
    meter.setUsage(reading(333, 333, {180, 20, 8, 4}, 262));
    QCOMPARE(meter.text(), QStringLiteral("Requests 262/333 a minute"));
    QVERIFY2(meter.toolTip().contains(QLatin1String("Other programs on this computer sharing the budget "
                                                    "(the command-line tool): 50")),
             qPrintable(meter.toolTip()));
}

void TestBudgetMeter::saysWhenItBacksOff()
{
    BudgetMeter meter;
    meter.setUsage(reading(333, 166, {90, 10, 0, 0}));
    meter.show();
    QVERIFY(QTest::qWaitForWindowExposed(&meter));
    QCOMPARE(meter.text(), QStringLiteral("Requests 100/333 a minute · slowed to 166 a minute after a 429"));
    QVERIFY(meter.toolTip().contains(QLatin1String("this monitor slowed to 166 a minute")));
    const auto* label = meter.findChild<QLabel*>(QStringLiteral("budgetMeterLabel"));
    // In the warning tone, readable on the window.
    const QColor text = label->palette().color(QPalette::WindowText);
    QCOMPARE(text, toneText(WarningTone, meter.palette()));
    QVERIFY(contrastRatio(text, meter.palette().color(QPalette::Window)) >= 4.5);
    GuiFixture::snap(QStringLiteral("budgetmeter-slowed"), &meter);
    // Back at the share: back to the palette's text.
    meter.setUsage(reading(333, 333, {10, 0, 0, 0}));
    QCOMPARE(meter.text(), QStringLiteral("Requests 10/333 a minute"));
    QCOMPARE(label->palette().color(QPalette::WindowText), meter.palette().color(QPalette::WindowText));
}

void TestBudgetMeter::drawsTheBarInThePalettesColours()
{
    for (const Appearance appearance : {Appearance::Light, Appearance::Dark}) {
        applyAppearance(appearance);
        BudgetMeter meter;
        meter.setUsage(reading(100, 100, {50, 0, 0, 0})); // half the share
        meter.show();
        QVERIFY(QTest::qWaitForWindowExposed(&meter));
        auto* bar = meter.findChild<QWidget*>(QStringLiteral("budgetMeterBar"));
        QVERIFY(bar);
        const QColor window = bar->palette().color(QPalette::Window);
        const QColor fill = readableOn(toneBase(Tone::Blue, bar->palette()), {window}, 3.0);
        QVERIFY(contrastRatio(fill, window) >= 3.0);
        const QImage half = bar->grab().toImage();
        const int halfFill = pixelsNear(half, fill);
        QVERIFY2(halfFill > 20, qPrintable(QStringLiteral("%1 fill pixels").arg(halfFill)));
        // Nine tenths spent: a longer bar, in the warning tone.
        meter.setUsage(reading(100, 100, {95, 0, 0, 0}));
        const QImage nearly = bar->grab().toImage();
        const QColor warn = readableOn(toneBase(WarningTone, bar->palette()), {window}, 3.0);
        QCOMPARE(pixelsNear(nearly, fill), 0);
        QVERIFY(pixelsNear(nearly, warn) > halfFill * 17 / 10);
        GuiFixture::snap(QStringLiteral("budgetmeter-%1").arg(appearanceName(appearance)), &meter);
        // Nothing spent: no fill at all.
        meter.setUsage(reading(100, 100, {0, 0, 0, 0}));
        const QImage empty = bar->grab().toImage();
        QCOMPARE(pixelsNear(empty, fill), 0);
    }
    applyAppearance(Appearance::System);
}

void TestBudgetMeter::readsTheSessionsBudget()
{
    QNetworkAccessManager manager;
    Environment environment;
    environment.name = QStringLiteral("Metered");
    environment.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
    environment.sharePerMinute = 60;
    auto* session = new JobSession(&manager, environment, Journal(), CancelOrigin::Window);
    QCOMPARE(session->budgetUsage().share, 60);
    BudgetMeter meter;
    QVERIFY(meter.isHidden());
    meter.setSession(session);
    QVERIFY(!meter.isHidden());
    QCOMPARE(meter.text(), QStringLiteral("Requests 0/60 a minute"));
    // Requests the session's budget admits show within a second (the meter reads it every second).
    session->accountPacer().record(Purpose::Poll);
    session->accountPacer().record(Purpose::Poll);
    session->accountPacer().record(Purpose::Cancel);
    QTRY_COMPARE(meter.text(), QStringLiteral("Requests 3/60 a minute"));
    QVERIFY(meter.toolTip().contains(QStringLiteral("Full passes 0 · Top-of-list polls 2 · Details 0 · "
                                                    "Cancels 1")));
    session->accountPacer().noteRateLimited();
    QTRY_COMPARE(meter.text(), QStringLiteral("Requests 3/60 a minute · slowed to 30 a minute after a 429"));
    // The session gone, the meter has nothing to show and hides.
    delete session;
    QTRY_VERIFY(meter.isHidden());
    meter.setSession(nullptr);
    QVERIFY(meter.isHidden());
    QCOMPARE(meter.text(), QStringLiteral("Requests 0/0 a minute"));
}

void TestBudgetMeter::connectionDialogEditsTheBudget()
{
    QNetworkAccessManager manager;
    ConnectionDialog dialog(ConnectionDialog::Edit, &manager);
    auto* limit = dialog.findChild<QSpinBox*>(QStringLiteral("accountLimitSpin"));
    auto* share = dialog.findChild<QSpinBox*>(QStringLiteral("shareSpin"));
    auto* error = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
    QPushButton* save =
        dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Save);
    QVERIFY(limit && share && error && save);
    // A new environment: the defaults.
    QCOMPARE(limit->value(), 1000);
    QCOMPARE(share->value(), 333);

    Environment staging;
    staging.name = QStringLiteral("Staging");
    staging.baseUrl = QUrl(QStringLiteral("https://staging.example.com"));
    staging.accountLimitPerMinute = 3000;
    staging.sharePerMinute = 120; // set by hand: kept when the limit changes
    dialog.setEnvironment(staging, true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(limit->value(), 3000);
    QCOMPARE(share->value(), 120);
    QVERIFY(dialog.environment() == staging);
    GuiFixture::snap(QStringLiteral("connectiondialog-budget"), &dialog);

    // A share over the account's limit cannot be saved, and the dialog says why while typing.
    limit->clear();
    QTest::keyClicks(limit, QStringLiteral("100"));
    QCOMPARE(limit->value(), 100);
    QCOMPARE(share->value(), 120);
    QVERIFY(!save->isEnabled());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("cannot be more than the account's limit")),
             qPrintable(error->text()));
    dialog.accept();
    QVERIFY(dialog.isVisible()); // refused
    share->setValue(50);
    QVERIFY(save->isEnabled());
    QVERIFY(!error->isVisible());
    QCOMPARE(dialog.environment().accountLimitPerMinute, 100);
    QCOMPARE(dialog.environment().sharePerMinute, 50);
    // What the spinboxes take: numbers from 1, so nothing below that is ever given.
    QCOMPARE(share->minimum(), 1);
    QCOMPARE(limit->maximum(), Environment::MaxPerMinute);

    // A share left at a third of the limit stays a third of the new one.
    ConnectionDialog added(ConnectionDialog::Add, &manager);
    auto* addedLimit = added.findChild<QSpinBox*>(QStringLiteral("accountLimitSpin"));
    addedLimit->setValue(600);
    QCOMPARE(added.findChild<QSpinBox*>(QStringLiteral("shareSpin"))->value(), 200);
    QCOMPARE(added.environment().sharePerMinute, 200);
    dialog.accept();
    QVERIFY(!dialog.isVisible());
}

QTEST_MAIN(TestBudgetMeter)
#include "tst_budgetmeter.moc"
