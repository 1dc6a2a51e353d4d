// The job table in the real window against the simulator: each state's own columns, remembered per state
// and chosen from the header's menu; search in failure reasons; compact ages and relative times; failure
// groups headed by their template; state names in German.
#include "core/jobmonitor.h"
#include "core/translations.h"
#include "failurespanel.h"
#include "guifixture.h"
#include "jobs/jobmodel.h"
#include "jobs/timedisplay.h"
#include "jobtablewidget.h"
#include "mainwindow.h"
#include "simulator/simulator.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSettings>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Alchemyst;

class TestJobTable : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void eachStateHasItsColumns();
    void columnChooserAndMemoryPerState();
    void searchFindsFailureText();
    void compactAgeAndRelativeTimes();
    void failureGroupsShowTheirTemplate();
    void stateNamesFollowTheLanguage();

private:
    void openWindow();
    QTableView* table() const { return m_window->findChild<QTableView*>(QStringLiteral("jobTable")); }
    QHeaderView* header() const { return table()->horizontalHeader(); }
    QTabBar* tabs() const { return m_window->findChild<QTabBar*>(QStringLiteral("stateFilter")); }
    void clickTab(int tab) { QTest::mouseClick(tabs(), Qt::LeftButton, {}, tabs()->tabRect(tab).center()); }
    void clickState(StateCategory category) { clickTab(1 + static_cast<int>(category)); }
    bool shown(int column) const { return !table()->isColumnHidden(column); }
    QModelIndex cellOf(const QString& state, int column) const
    {
        const QAbstractItemModel* model = table()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, column);
            if (index.data(JobModel::JobIdRole).toString() == m_ids.value(state))
                return index;
        }
        return {};
    }
    // Opens the header's context menu as a right click does and returns it (null when none opened).
    QMenu* openColumnMenu()
    {
        QWidget* viewport = header()->viewport();
        const QPoint at(20, header()->height() / 2);
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, viewport->mapToGlobal(at));
        QCoreApplication::sendEvent(viewport, &event);
        QMenu* menu = nullptr;
        for (int i = 0; i < 100 && !menu; ++i) {
            menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (!menu)
                QTest::qWait(20);
        }
        return menu;
    }

    QTemporaryDir m_settingsDir;
    QNetworkAccessManager* m_manager = nullptr;
    Simulator* m_simulator = nullptr;
    MainWindow* m_window = nullptr;
    QHash<QString, QString> m_ids;
};

void TestJobTable::initTestCase()
{
    installTranslations(QLocale(QLocale::English));
    QVERIFY(GuiFixture::isolateSettings(m_settingsDir, QStringLiteral("tst_jobtable")));
}

void TestJobTable::init()
{
    QSettings().clear();
    QVERIFY((m_simulator = GuiFixture::startSimulator(QStringLiteral("table-key"), this)));
    m_ids = GuiFixture::addJobs(*m_simulator, {"waiting", "delayed", "active", "completed", "failed"});
    m_manager = new QNetworkAccessManager(this);
    openWindow();
}

void TestJobTable::openWindow()
{
    m_window = new MainWindow(m_manager);
    m_window->resize(1320, 760); // the default size: the reason must fit beside the failures panel
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QVERIFY(GuiFixture::connectWindow(m_window, *m_simulator, QStringLiteral("table-key"), 5));
    QTRY_VERIFY(m_window->monitor()->lastGoodRefresh().isValid() && !m_window->monitor()->isRefreshing());
    m_window->monitor()->setAutoRefresh(false);
}

void TestJobTable::cleanup()
{
    GuiFixture::closeMessageBoxes(m_window);
    delete m_window;
    m_window = nullptr;
    delete m_manager;
    delete m_simulator;
}

void TestJobTable::eachStateHasItsColumns()
{
    JobTableWidget* jobs = m_window->jobTable();
    QCOMPARE(jobs->stateContext(), QStringLiteral("all"));
    QVERIFY(shown(JobModel::AgeColumn) && shown(JobModel::StartedColumn) && shown(JobModel::ReasonColumn));
    QVERIFY(!shown(JobModel::DurationColumn) && !shown(JobModel::FinishedColumn));
    // All the states at once, at the default size beside the state list: the reason still has room to be
    // read (it had about 45 px when Finished was shown here too) and nothing is past the right edge.
    QVERIFY2(header()->sectionSize(JobModel::ReasonColumn) >= 200,
             qPrintable(QString::number(header()->sectionSize(JobModel::ReasonColumn))));
    QCOMPARE(header()->sectionViewportPosition(JobModel::ReasonColumn) +
                 header()->sectionSize(JobModel::ReasonColumn),
             header()->viewport()->width());

    // Finished states: no age (no rule watches them), how long they took instead.
    clickState(StateCategory::Failed);
    QCOMPARE(jobs->stateContext(), QStringLiteral("failed"));
    QTRY_COMPARE(table()->model()->rowCount(), 1);
    QVERIFY(!shown(JobModel::AgeColumn));
    QVERIFY(shown(JobModel::DurationColumn) && shown(JobModel::FinishedColumn) &&
            shown(JobModel::FileColumn));
    QVERIFY(!shown(JobModel::StateColumn)); // every row says Failed: its room goes to the reason
    QCOMPARE(cellOf(QStringLiteral("failed"), JobModel::DurationColumn).data().toString(),
             QStringLiteral("2 s"));
    // The reason takes the stretch, and at the default size beside the state list (which nests the failure
    // groups under Failed) it is readable.
    QCOMPARE(header()->sectionResizeMode(JobModel::ReasonColumn), QHeaderView::Stretch);
    const QString reason = cellOf(QStringLiteral("failed"), JobModel::ReasonColumn).data().toString();
    GuiFixture::snap(QStringLiteral("jobtable-failed"), m_window);
    QVERIFY2(header()->sectionSize(JobModel::ReasonColumn) >=
                 table()->fontMetrics().horizontalAdvance(reason) + 8,
             qPrintable(QString::number(header()->sectionSize(JobModel::ReasonColumn))));
    QCOMPARE(header()->sectionViewportPosition(JobModel::ReasonColumn) +
                 header()->sectionSize(JobModel::ReasonColumn),
             header()->viewport()->width()); // to the right edge, nothing past it

    clickState(StateCategory::Completed);
    QCOMPARE(jobs->stateContext(), QStringLiteral("completed"));
    QVERIFY(!shown(JobModel::AgeColumn) && shown(JobModel::DurationColumn) && shown(JobModel::StateColumn));
    QCOMPARE(header()->sectionResizeMode(JobModel::FileColumn), QHeaderView::Stretch);

    // Waiting and delayed have neither started nor finished.
    for (StateCategory category : {StateCategory::Waiting, StateCategory::Delayed}) {
        clickState(category);
        QVERIFY(!shown(JobModel::StartedColumn) && !shown(JobModel::FinishedColumn));
        QVERIFY(shown(JobModel::AgeColumn) && !shown(JobModel::DurationColumn));
    }
    QCOMPARE(jobs->stateContext(), QStringLiteral("delayed"));

    clickState(StateCategory::Active);
    QVERIFY(shown(JobModel::StartedColumn) && shown(JobModel::AgeColumn) && !shown(JobModel::FinishedColumn));
    clickTab(0);
    QVERIFY(shown(JobModel::AgeColumn) && !shown(JobModel::DurationColumn) && shown(JobModel::StateColumn));
    QCOMPARE(header()->sectionResizeMode(JobModel::ReasonColumn), QHeaderView::Stretch); // the last one shown
}

void TestJobTable::columnChooserAndMemoryPerState()
{
    QCOMPARE(header()->contextMenuPolicy(), Qt::CustomContextMenu);
    clickState(StateCategory::Failed);
    QVERIFY(shown(JobModel::AttemptsColumn));
    {
        QMenu* menu = openColumnMenu();
        QVERIFY(menu);
        // One checkable entry per column, in the header's order, each checked when shown.
        const QList<QAction*> columns = menu->findChildren<QAction*>(
            QRegularExpression(QStringLiteral("^column_")), Qt::FindDirectChildrenOnly);
        QCOMPARE(columns.size(), int(JobModel::ColumnCount));
        for (QAction* action : columns)
            QVERIFY(action->isCheckable());
        auto* attempts = menu->findChild<QAction*>(QStringLiteral("column_attempts"));
        auto* age = menu->findChild<QAction*>(QStringLiteral("column_age"));
        QVERIFY(attempts && attempts->isChecked());
        QVERIFY(age && !age->isChecked());
        QCOMPARE(attempts->text(), QStringLiteral("Attempts"));
        attempts->trigger();
        menu->close();
    }
    QVERIFY(!shown(JobModel::AttemptsColumn));
    // An operator's width, on this state only.
    const int fileWidth = 150;
    table()->setColumnWidth(JobModel::FileColumn, fileWidth);

    clickTab(0);
    QVERIFY(shown(JobModel::AttemptsColumn)); // All keeps its own
    QVERIFY(header()->sectionSize(JobModel::FileColumn) != fileWidth);
    clickState(StateCategory::Failed);
    QVERIFY(!shown(JobModel::AttemptsColumn));
    QCOMPARE(header()->sectionSize(JobModel::FileColumn), fileWidth);

    // A new window, as after a restart: the Failed state's set as it was left.
    delete m_window;
    openWindow();
    QVERIFY(shown(JobModel::AttemptsColumn));
    clickState(StateCategory::Failed);
    QVERIFY(!shown(JobModel::AttemptsColumn));
    QVERIFY(!shown(JobModel::StateColumn));
    QCOMPARE(header()->sectionSize(JobModel::FileColumn), fileWidth);

    // The last column shown cannot be hidden; Reset Columns gives the state its defaults back.
    {
        QMenu* menu = openColumnMenu();
        QVERIFY(menu);
        menu->findChild<QAction*>(QStringLiteral("resetColumnsAction"))->trigger();
        menu->close();
    }
    QVERIFY(shown(JobModel::AttemptsColumn));
    QVERIFY(header()->sectionSize(JobModel::FileColumn) != fileWidth);
    for (int column = 0; column < JobModel::ColumnCount; ++column)
        if (column != JobModel::IdColumn)
            table()->setColumnHidden(column, true);
    {
        QMenu* menu = openColumnMenu();
        QVERIFY(menu);
        QVERIFY(!menu->findChild<QAction*>(QStringLiteral("column_id"))->isEnabled());
        QVERIFY(menu->findChild<QAction*>(QStringLiteral("column_file"))->isEnabled());
        menu->close();
    }
}

void TestJobTable::searchFindsFailureText()
{
    auto* search = m_window->jobTable()->searchBox();
    QVERIFY(search->placeholderText().contains(QLatin1String("failure reason")));
    // The simulator's failed job: "Document 4411 exceeds the 25 MB limit (31 MB)"; no id, file or source
    // holds these words.
    QTest::keyClicks(search, QStringLiteral("EXCEEDS THE 25 mb"));
    QTRY_COMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(table()->model()->index(0, 0).data(JobModel::JobIdRole).toString(),
             m_ids.value(QStringLiteral("failed")));
    search->clear();
    QTRY_COMPARE(table()->model()->rowCount(), 5);
}

void TestJobTable::compactAgeAndRelativeTimes()
{
    QVERIFY(!m_window->jobTable()->absoluteTimes());
    const QRegularExpression seconds(QStringLiteral("^\\d{1,3} s$"));
    // The simulator started the active job just now: its exact age in seconds, not "0 min".
    const QString activeAge = cellOf(QStringLiteral("active"), JobModel::AgeColumn).data().toString();
    QVERIFY2(seconds.match(activeAge).hasMatch(), qPrintable(activeAge));
    // A waiting job the app has just seen: nothing yet (a lower bound of 0 s says nothing), and the
    // sentence in the tool tip.
    const QModelIndex waitingAge = cellOf(QStringLiteral("waiting"), JobModel::AgeColumn);
    QCOMPARE(waitingAge.data().toString(), QString());
    QVERIFY2(waitingAge.data(Qt::ToolTipRole).toString().contains(QLatin1String("seen since")),
             qPrintable(waitingAge.data(Qt::ToolTipRole).toString()));

    const QModelIndex started = cellOf(QStringLiteral("active"), JobModel::StartedColumn);
    QVERIFY2(
        QRegularExpression(QStringLiteral("^\\d{1,3} s ago$")).match(started.data().toString()).hasMatch(),
        qPrintable(started.data().toString()));
    const qint64 startedMs = m_window->jobModel()
                                 ->jobAt(m_window->jobModel()->rowOf(m_ids.value(QStringLiteral("active"))))
                                 .processedOn;
    const QString tip = started.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.startsWith(TimeDisplay::format(startedMs, TimeDisplay::Zone::Local) + QLatin1Char(' ') +
                            TimeDisplay::zoneLabel(TimeDisplay::Zone::Local, startedMs)),
             qPrintable(tip));
    QCOMPARE(header()->model()->headerData(JobModel::StartedColumn, Qt::Horizontal).toString(),
             QStringLiteral("Started"));

    // Absolute, behind a setting the next window keeps.
    m_window->jobTable()->setAbsoluteTimes(true);
    QCOMPARE(started.data().toString(), TimeDisplay::format(startedMs, TimeDisplay::Zone::Local));
    QVERIFY(QSettings().value(JobTableWidget::absoluteTimesKey()).toBool());
    delete m_window;
    openWindow();
    QVERIFY(m_window->jobTable()->absoluteTimes());
    QVERIFY(!m_window->jobModel()->relativeTimes());
    QCOMPARE(cellOf(QStringLiteral("active"), JobModel::StartedColumn).data().toString(),
             TimeDisplay::format(startedMs, TimeDisplay::Zone::Local));
}

void TestJobTable::failureGroupsShowTheirTemplate()
{
    // A seeded, still simulator: its failures name different documents and sizes.
    Simulator::Options options;
    options.token = QStringLiteral("table-key");
    options.initialJobs = 400;
    options.live = false;
    Simulator seeded(options);
    QVERIFY(seeded.listen() != 0);
    QVERIFY(GuiFixture::connectWindow(m_window, seeded, QStringLiteral("table-key"), seeded.jobCount(),
                                      QStringLiteral("Seeded")));
    QTRY_VERIFY(!m_window->monitor()->isRefreshing());
    m_window->monitor()->setAutoRefresh(false);

    auto* panel = m_window->findChild<FailuresPanel*>(QStringLiteral("failuresPanel"));
    clickState(StateCategory::Failed);
    m_window->findChild<QAction*>(QStringLiteral("failuresAction"))
        ->trigger(); // the panel is opened from the menu
    QTRY_VERIFY(panel->isVisible() && !panel->groups().isEmpty());
    auto* list = panel->findChild<QListWidget*>(QStringLiteral("failureList"));
    const QString heading = QString::fromUtf8("Document ‹n› exceeds the 25 MB limit (‹n› MB)");
    QListWidgetItem* sizeItem = nullptr;
    for (int row = 1; row < list->count(); ++row)
        if (list->item(row)->text().contains(heading))
            sizeItem = list->item(row);
    QVERIFY2(sizeItem, qPrintable(list->item(1)->text()));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d+ × Document ‹n›")).match(sizeItem->text()).hasMatch());
    // One real text, whole, in its tool tip.
    QVERIFY2(
        QRegularExpression(QStringLiteral("For example: Document \\d+ exceeds the 25 MB limit \\(\\d+ MB\\)"))
            .match(sizeItem->toolTip())
            .hasMatch(),
        qPrintable(sizeItem->toolTip()));
    // A text the whole group shares is its own label.
    bool exact = false;
    for (const FailureGroup& group : panel->groups())
        exact = exact || (group.variants == 1 && group.label == group.reason && !group.reason.isEmpty());
    QVERIFY(exact);
    QVERIFY(list->item(0)->text().startsWith(QStringLiteral("All failures (")));
}

void TestJobTable::stateNamesFollowTheLanguage()
{
    delete m_window;
    m_window = nullptr;
    QVERIFY(setLanguage(QStringLiteral("de")));
    QVERIFY(installTranslations().language.startsWith(QLatin1String("de")));
    openWindow();
    const QModelIndex waiting = cellOf(QStringLiteral("waiting"), JobModel::StateColumn);
    // The cell says what the state filter says…
    QCOMPARE(waiting.data().toString(), QStringLiteral("Wartend"));
    QVERIFY2(tabs()->tabText(1).startsWith(QStringLiteral("Wartend")), qPrintable(tabs()->tabText(1)));
    QCOMPARE(cellOf(QStringLiteral("failed"), JobModel::StateColumn).data().toString(),
             QStringLiteral("Fehlgeschlagen"));
    // …and the server's own word stays, in the tool tip and for exports.
    QVERIFY2(waiting.data(Qt::ToolTipRole).toString().contains(QLatin1String("waiting")),
             qPrintable(waiting.data(Qt::ToolTipRole).toString()));
    QCOMPARE(waiting.data(JobModel::StateRole).toString(), QStringLiteral("waiting"));
    GuiFixture::snap(QStringLiteral("jobtable-german"), m_window);

    delete m_window;
    m_window = nullptr;
    QVERIFY(setLanguage(QStringLiteral("en")));
    installTranslations(QLocale(QLocale::English));
    openWindow();
    QCOMPARE(cellOf(QStringLiteral("waiting"), JobModel::StateColumn).data().toString(),
             QStringLiteral("Waiting"));
}

QTEST_MAIN(TestJobTable)
#include "tst_jobtable.moc"
