#pragma once

#include "jobs/job.h"

#include <QWidget>
#include <optional>

class QAction;
class QMenu;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QTabBar;
class QTableView;

namespace Alchemyst {

class JobFilterModel;

// The window's central widget: the banner, the state tabs and the search box over the job table (with its
// delegates, column widths, row menu and empty-state text), and below it the selected job and the Cancel
// button. It shows; what the banner and the empty state say, and what Cancel does, others decide.
class JobTableWidget : public QWidget
{
    Q_OBJECT

public:
    // cancelAction: the Delete key on the table and the row menu's first entry.
    JobTableWidget(JobFilterModel* filter, QAction* cancelAction, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QTabBar* stateTabs() const { return m_stateTabs; }
    QLineEdit* searchBox() const { return m_search; }
    QLabel* selectionLabel() const { return m_selectionLabel; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QLabel* banner() const { return m_banner; }

    // Rich text (server words through escaped()); an empty text hides the banner.
    void showBanner(const QString& richText);
    void hideBanner();
    bool isBannerShown() const;
    // A second banner, for what is wrong with this machine's records (the history): it stays while the
    // refresh banner comes and goes. Rich text; empty hides it. Its links come through bannerLinkActivated.
    void showRecordsBanner(const QString& richText);
    QLabel* recordsBanner() const { return m_recordsBanner; }
    // What the table says when it shows no row (plain text); empty hides it.
    void showEmptyState(const QString& text);

    // The state the table lists, which decides its columns: "all", "waiting", "delayed", "active",
    // "completed", "failed", "cancelled", "other" or "stuck" (stateContextKey). Each state has its own
    // column set and widths, as the operator last left them there (QSettings group "jobTable/<state>"),
    // else its defaults (defaultColumns). Any other key works too, with the columns of "all" by default.
    // The state tabs call it; a state list that replaces them calls it when its current row changes.
    void setStateContext(const QString& state);
    QString stateContext() const { return m_stateContext; }
    // "all" for nullopt, else the category's name in lower case ("failed").
    static QString stateContextKey(std::optional<StateCategory> category);
    // The columns a state shows until the operator chooses (JobModel::Column values).
    static QList<int> defaultColumns(const QString& state);
    // The column that takes the room left over in a state: Failure reason on Failed, File / Source on
    // Completed, else -1 (the last shown).
    static int stretchColumn(const QString& state);
    // The header's menu (also the row menu's Columns submenu): one checkable action per column (the last
    // shown one cannot be hidden), then Reset Columns. The caller owns it.
    QMenu* createColumnMenu(QWidget* parent);

    // Started and Finished as absolute times (on) or as "12 min ago" with the absolute time and its zone in
    // the tool tip (off, the default). Kept in QSettings under absoluteTimesKey() and applied to every job
    // model the table is given.
    void setAbsoluteTimes(bool absolute);
    bool absoluteTimes() const { return m_absoluteTimes; }
    static QString absoluteTimesKey() { return QStringLiteral("view/absoluteTimes"); }

signals:
    // A link of the banner: "key" (enter a new key) or "retry".
    void bannerLinkActivated(const QString& link);
    // The state tab changed the filter.
    void categoryChanged();
    // Refresh This Job, from the row's menu.
    void refreshJobRequested(const QString& id);
    // The row menu is being built (after Refresh This Job, before Columns): others add their entries to it
    // (copy for a ticket, snooze). Emitted synchronously; the menu lives until it closes.
    void jobMenuAboutToShow(QMenu* menu);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void buildTable();
    // Shows the current state's columns at their widths and gives the stretch to its column.
    void applyColumns();
    void saveColumns() const;
    void onSectionResized(int column, int oldSize, int newSize);
    int defaultWidth(int column) const;
    // The row's menu (Cancel, Copy Job ID, Refresh This Job) at a point of the viewport, or beside the
    // current row when opened from the keyboard.
    void showJobMenu(const QModelIndex& index, const QPoint& viewportPosition, bool fromKeyboard = false);

    JobFilterModel* m_filter;
    QAction* m_cancelAction;
    QLabel* m_banner = nullptr;
    QLabel* m_recordsBanner = nullptr;
    QTabBar* m_stateTabs = nullptr;
    QLineEdit* m_search = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QLabel* m_selectionLabel = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QString m_stateContext = QStringLiteral("all");
    bool m_columnsApplied = false; // set at the first show: until then the window restores its header
    bool m_applying = false;
    bool m_absoluteTimes = false;
};

} // namespace Alchemyst
