#include "guifixture.h"

#include "core/jobmonitor.h"
#include "core/jobsession.h"
#include "jobs/jobmodel.h"
#include "mainwindow.h"
#include "simulator/simulator.h"
#include "statelist.h"

#include <QDir>
#include <QMessageBox>
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

} // namespace GuiFixture
