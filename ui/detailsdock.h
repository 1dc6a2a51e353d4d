#pragma once

#include <QDockWidget>
#include <QJsonObject>
#include <QJsonValue>
#include <QPointer>
#include <QTimer>

class QAbstractItemView;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Alchemyst {

class JobMonitor;

// The selected job in full: every time with its zone, the durations derived from them, the whole failure
// reason, the list's `data` and the single-job answer's `result`. Observes the current session's monitor;
// fetches nothing but that one job, and only once the selection has settled. The list's data is kept only in
// part for a large job (JobDataStore): the pane then shows the whole data of that one fetch instead.
class DetailsDock : public QDockWidget
{
    Q_OBJECT

public:
    // How long the selection must stay on one job before its `result` is fetched.
    static constexpr int FetchDelayMs = 400;

    explicit DetailsDock(QWidget* parent = nullptr);

    // The monitor whose jobs are shown (null: none); the job shown is forgotten, and an answer still on
    // its way for it dies with the old monitor's client.
    void setMonitor(JobMonitor* monitor);

    // The table whose selection the pane follows: the selected job is shown (the current one when it is
    // selected, else the first selected), and the pane shows its empty state when nothing is selected or
    // when the job shown is no longer among the view's rows (a filter, a tab, a search hid it, or it left
    // the list). The view's model is the filter over the monitor's JobModel (or the JobModel itself).
    void setView(QAbstractItemView* view);

    // The job the pane shows (empty: none).
    void showJob(const QString& id);
    QString jobId() const { return m_id; }
    // What "Copy as JSON" puts on the clipboard.
    QJsonObject toJson() const;
    // "2026-11-29 09:14:03 UTC+01:00" in the zone the table shows (local or UTC); empty for 0.
    QString formatTimestamp(qint64 epochMs) const;

    // Re-reads the job from the model (state, times) without fetching.
    void refreshView();
    // Re-reads the job's observed timeline from the history (at a selection and after each pass).
    void refreshTimeline();
    void refreshPosition();

private:
    void followSelection();
    // The empty state when the job shown is not among the view's rows any more.
    void checkStillInView();
    void fetchResult();
    void fillData();
    void setResultText(const QString& text);

    // The shown job's whole data from the single-job answer, for a job whose list data was cut.
    enum class FullData
    {
        None,    // not asked for yet, or not needed
        Loading, // the fetch is on its way
        Loaded,  // m_fullData holds it
        Absent,  // the answer carried no data
        Failed,  // the fetch failed: m_fullProblem says why
    };
    // The data the pane shows: the whole data when it was fetched, else what the list kept.
    QJsonObject shownData() const;

    QPointer<JobMonitor> m_monitor;
    QPointer<QAbstractItemView> m_view;
    QString m_id;
    QJsonObject m_fullData;
    FullData m_fullState = FullData::None;
    QString m_fullProblem;
    QJsonValue m_result; // undefined until the fetch answered
    QString m_resultNote;
    int m_fetchSerial = 0;
    bool m_fetchPending = false;
    QTimer m_fetchTimer;

    QLabel* m_title = nullptr;
    QLabel* m_empty = nullptr;
    QWidget* m_content = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_attempts = nullptr;
    QLabel* m_times = nullptr;
    QLabel* m_timeline = nullptr;
    QLabel* m_position = nullptr;
    QFormLayout* m_positionForm = nullptr;
    QPlainTextEdit* m_reason = nullptr;
    QTreeWidget* m_data = nullptr;
    QLabel* m_dataNote = nullptr;
    QTreeWidget* m_resultTree = nullptr;
    QLabel* m_resultLabel = nullptr;
    QPushButton* m_copyJson = nullptr;
    QPushButton* m_copyId = nullptr;
};

} // namespace Alchemyst
