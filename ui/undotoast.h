#pragma once

#include <QElapsedTimer>
#include <QFrame>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPushButton;

namespace Alchemyst {

// A transient bar over the bottom of the window with a countdown and Undo, for a destructive action that
// waits before it is carried out (a single cancel: CancelService::scheduleCancel). It only shows and asks:
// the timer that decides is the service's; the toast is told when the action went or was undone (finish()).
// Escape while it has focus is Undo too, and its button is reachable with Tab: a screen reader announces it
// (an accessible name and a live description of the remaining time).
class UndoToast : public QFrame
{
    Q_OBJECT

public:
    explicit UndoToast(QWidget* window);

    // Shows text ("Cancelling job 42…") with Undo for durationMs; key identifies what it is about.
    void start(const QString& key, const QString& text, int durationMs);
    // The action went, or was undone elsewhere: the toast goes (only when it is about key).
    void finish(const QString& key);
    QString key() const { return m_key; }
    bool isActive() const { return !m_key.isEmpty(); }
    QPushButton* undoButton() const { return m_undo; }
    QLabel* textLabel() const { return m_text; }

signals:
    void undoRequested(const QString& key);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void place();
    void tick();

    QPointer<QWidget> m_window;
    QLabel* m_text = nullptr;
    QLabel* m_countdown = nullptr;
    QPushButton* m_undo = nullptr;
    QString m_key;
    QString m_message;
    int m_durationMs = 0;
    QElapsedTimer m_elapsed;
    QTimer m_tick;
};

} // namespace Alchemyst
