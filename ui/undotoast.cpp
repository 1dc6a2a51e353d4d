#include "undotoast.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>

namespace Alchemyst {

UndoToast::UndoToast(QWidget* window)
    : QFrame(window)
    , m_window(window)
{
    setObjectName(QStringLiteral("undoToast"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 6, 6);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("undoToastText"));
    m_text->setTextFormat(Qt::PlainText);
    layout->addWidget(m_text, 1);
    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("undoToastCountdown"));
    m_countdown->setTextFormat(Qt::PlainText);
    layout->addWidget(m_countdown);
    m_undo = new QPushButton(tr("&Undo"), this);
    m_undo->setObjectName(QStringLiteral("undoButton"));
    layout->addWidget(m_undo);
    connect(m_undo, &QPushButton::clicked, this, [this] {
        const QString key = m_key;
        if (!key.isEmpty())
            emit undoRequested(key);
    });
    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, &UndoToast::tick);
    if (m_window)
        m_window->installEventFilter(this);
    hide();
}

void UndoToast::start(const QString& key, const QString& text, int durationMs)
{
    m_key = key;
    m_message = text;
    m_durationMs = durationMs;
    m_text->setText(text);
    m_elapsed.start();
    tick();
    m_tick.start();
    place();
    show();
    raise();
}

void UndoToast::finish(const QString& key)
{
    if (key != m_key)
        return;
    m_key.clear();
    m_tick.stop();
    hide();
}

void UndoToast::tick()
{
    const qint64 left = qMax<qint64>(0, m_durationMs - m_elapsed.elapsed());
    const int seconds = static_cast<int>((left + 999) / 1000);
    m_countdown->setText(tr("%n s", nullptr, seconds));
    m_undo->setAccessibleDescription(
        tr("%1 Undo is possible for %n more second(s).", nullptr, seconds).arg(m_message));
}

void UndoToast::place()
{
    if (!m_window)
        return;
    adjustSize();
    const QSize area = m_window->size();
    const int width = qMin(qMax(sizeHint().width(), 360), area.width() - 24);
    resize(width, sizeHint().height());
    // Above the status bar, centred: where the eye is after clicking Cancel in the action row.
    move((area.width() - width) / 2, area.height() - height() - 76);
}

bool UndoToast::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Resize && isVisible())
        place();
    return QFrame::eventFilter(watched, event);
}

void UndoToast::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && isActive()) {
        emit undoRequested(m_key);
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace Alchemyst
