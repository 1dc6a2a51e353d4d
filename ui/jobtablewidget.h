#pragma once

#include <QWidget>

class QAction;
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
    // What the table says when it shows no row (plain text); empty hides it.
    void showEmptyState(const QString& text);

signals:
    // A link of the banner: "key" (enter a new key) or "retry".
    void bannerLinkActivated(const QString& link);
    // The state tab changed the filter.
    void categoryChanged();
    // Refresh This Job, from the row's menu.
    void refreshJobRequested(const QString& id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildTable();
    // The row's menu (Cancel, Copy Job ID, Refresh This Job) at a point of the viewport, or beside the
    // current row when opened from the keyboard.
    void showJobMenu(const QModelIndex& index, const QPoint& viewportPosition, bool fromKeyboard = false);

    JobFilterModel* m_filter;
    QAction* m_cancelAction;
    QLabel* m_banner = nullptr;
    QTabBar* m_stateTabs = nullptr;
    QLineEdit* m_search = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QLabel* m_selectionLabel = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace Alchemyst
