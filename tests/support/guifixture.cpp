#include "guifixture.h"

#include "core/connection.h"
#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "core/journal.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"
#include "simulator/simulator.h"
#include "statelist.h"

#include <QDir>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace Alchemyst;

namespace GuiFixture {

bool isolateSettings(const QTemporaryDir& dir, const QString& applicationName)
{
    QStandardPaths::setTestModeEnabled(true);
    qunsetenv("ALCHEMYST_AI_API_KEY");
    qunsetenv("ALCHEMYST_AI_BASE_URL");
    if (!dir.isValid()) {
        qWarning("no temporary directory for the settings: %s", qPrintable(dir.errorString()));
        return false;
    }
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("AlchemystJobMonitorTests"));
    QCoreApplication::setApplicationName(applicationName);
    const QString file = QSettings().fileName();
    if (!file.startsWith(dir.path())) {
        qWarning("the settings would be kept in %s, not in %s", qPrintable(file), qPrintable(dir.path()));
        return false;
    }
    // Test mode keeps the data folder (first sightings, last lists, history) under ~/.qttest, from one run
    // to the next: a run that meets an earlier run's server port would find its jobs seen long ago, and
    // stuck. Each run starts with none (each test program has its own folder, by its name).
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (data.contains(QLatin1String(".qttest")))
        QDir(data).removeRecursively();
    return true;
}

Simulator* startSimulator(const QString& key, QObject* parent)
{
    auto* simulator = new Simulator(Simulator::Options::empty(key), parent);
    if (simulator->listen() == 0) {
        delete simulator;
        return nullptr;
    }
    return simulator;
}

QHash<QString, QString> addJobs(Simulator& simulator, std::initializer_list<const char*> states)
{
    QHash<QString, QString> ids;
    for (const char* state : states)
        ids.insert(
            QString::fromLatin1(state),
            simulator.addJob(QString::fromLatin1(state), QStringLiteral("%1.pdf").arg(QLatin1String(state))));
    return ids;
}

bool connectWindow(MainWindow* window, const Simulator& simulator, const QString& key, int expectedRows,
                   const QString& name, bool production)
{
    window->useEnvironment({name, simulator.baseUrl(), production}, key);
    // The rows of a complete pass, not the last list restored at start (JobSession::restoreLastList),
    // which a window of an earlier test may have recorded for the same server.
    if (QTest::qWaitFor([&] {
            return window->jobModel()->rowCount() == expectedRows && window->session() &&
                   !window->session()->restoredAsOf().isValid() && window->monitor() &&
                   window->monitor()->lastGoodRefresh().isValid();
        }))
        return true;
    qWarning("the window lists %d jobs of %s, not %d", window->jobModel()->rowCount(),
             qPrintable(simulator.baseUrl().toString()), expectedRows);
    return false;
}

StateList* stateList(const MainWindow* window)
{
    return window->findChild<StateList*>(QStringLiteral("stateList"));
}

bool clickState(const MainWindow* window, int state)
{
    StateList* list = stateList(window);
    const QRect row = list ? list->rowRect(state) : QRect();
    if (!row.isValid())
        return false;
    QTest::mouseClick(list->tree()->viewport(), Qt::LeftButton, {}, row.center());
    return true;
}

bool selectJob(QTableView* table, const QString& id, int column)
{
    QAbstractItemModel* model = table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, column);
        if (index.data(JobModel::JobIdRole).toString() == id) {
            table->scrollTo(index);
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
            return true;
        }
    }
    return false;
}

QString stateInWindow(const MainWindow* window, const QString& id)
{
    const int row = window->jobModel()->rowOf(id);
    return row < 0 ? QString() : window->jobModel()->jobAt(row).state;
}

void closeMessageBoxes(QWidget* window)
{
    const auto boxes = window->findChildren<QMessageBox*>();
    for (QMessageBox* box : boxes)
        box->close();
}

void snap(const QString& name, QWidget* widget)
{
    const QString dir = qEnvironmentVariable("AJM_TEST_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QTest::qWait(50); // let pending layout requests run, as they would before the next paint
    widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

bool Window::startSimulator(const QString& key, const QStringList& states)
{
    delete m_simulator;
    m_simulator = GuiFixture::startSimulator(key, m_parent);
    if (!m_simulator) {
        qWarning("the simulator cannot listen");
        return false;
    }
    m_ids.clear();
    for (const QString& state : states)
        m_ids.insert(state, m_simulator->addJob(state, state + QStringLiteral(".pdf")));
    return true;
}

bool Window::open(const QString& journalPath)
{
    if (!m_manager)
        m_manager = new QNetworkAccessManager(m_parent);
    delete m_window;
    m_window = new MainWindow(m_manager);
    if (!journalPath.isEmpty())
        m_window->setJournal(Journal(journalPath));
    m_window->show();
    if (QTest::qWaitForWindowExposed(m_window))
        return true;
    qWarning("the window was not exposed");
    return false;
}

MainWindow* Window::replaceWindow()
{
    delete m_window;
    m_window = new MainWindow(m_manager);
    return m_window;
}

bool Window::connectQuietly(const Environment& environment, const QString& key, int rows)
{
    m_window->useEnvironment(environment, key);
    if (!QTest::qWaitFor([this, rows] { return m_window->jobModel()->rowCount() == rows; })) {
        qWarning("the window lists %d jobs of %s, not %d", m_window->jobModel()->rowCount(),
                 qPrintable(environment.baseUrl.toString()), rows);
        return false;
    }
    m_window->session()->monitor()->setAutoRefresh(false);
    if (QTest::qWaitFor([this] { return !m_window->session()->monitor()->isRefreshing(); }))
        return true;
    qWarning("the refresh on its way did not end");
    return false;
}

void Window::close()
{
    if (m_window)
        closeMessageBoxes(m_window);
    delete m_window;
    m_window = nullptr;
    delete m_manager;
    m_manager = nullptr;
    delete m_simulator;
    m_simulator = nullptr;
    m_ids.clear();
}

QTableView* Window::table() const
{
    return m_window->findChild<QTableView*>(QStringLiteral("jobTable"));
}

QPushButton* Window::cancelButton() const
{
    return m_window->findChild<QPushButton*>(QStringLiteral("cancelButton"));
}

bool Window::selectJob(const QString& id) const
{
    return GuiFixture::selectJob(table(), id, JobModel::IdColumn);
}

} // namespace GuiFixture
