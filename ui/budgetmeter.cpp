#include "budgetmeter.h"

#include "appearance.h"
#include "core/jobsession.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>

namespace Alchemyst {

// The bar: spent against what is allowed now, in the palette's colours (its track and fill at least 3:1
// against the status bar, the contrast graphics need), amber when backing off or nearly spent.
class BudgetMeter::Bar : public QWidget
{
public:
    explicit Bar(QWidget* parent)
        : QWidget(parent)
    {
        setFixedSize(48, 10);
    }

    void setReading(int spent, int allowed, bool warn)
    {
        m_spent = spent;
        m_allowed = allowed;
        m_warn = warn;
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        const QColor window = palette().color(QPalette::Window);
        const QColor fill = readableOn(toneBase(m_warn ? WarningTone : Tone::Blue, palette()), {window}, 3.0);
        QColor trackColor = palette().color(QPalette::WindowText);
        trackColor.setAlphaF(0.45);
        const QRectF track = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
        painter.setPen(QPen(readableOn(composite(trackColor, window), {window}, 3.0), 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(track);
        if (m_allowed > 0 && m_spent > 0) {
            const double part = qMin(1.0, static_cast<double>(m_spent) / m_allowed);
            QRectF filled = track.adjusted(1.5, 1.5, -1.5, -1.5);
            filled.setWidth(qMax(1.0, filled.width() * part));
            painter.fillRect(filled, fill);
        }
    }

private:
    int m_spent = 0;
    int m_allowed = 0;
    bool m_warn = false;
};

BudgetMeter::BudgetMeter(QWidget* parent)
    : QWidget(parent)
    , m_bar(new Bar(this))
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("budgetMeter"));
    setAccessibleName(tr("Request budget"));
    m_bar->setObjectName(QStringLiteral("budgetMeterBar"));
    m_label->setObjectName(QStringLiteral("budgetMeterLabel"));
    m_label->setTextFormat(Qt::PlainText);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_bar, 0, Qt::AlignVCenter);
    layout->addWidget(m_label);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &BudgetMeter::refresh);
    followPalette(this, [this] { applyTone(); });
    setUsage({});
    hide();
}

void BudgetMeter::setSession(JobSession* session)
{
    m_session = session;
    if (!session) {
        m_timer.stop();
        setUsage({});
        hide();
        return;
    }
    refresh();
    show();
    m_timer.start();
}

void BudgetMeter::refresh()
{
    if (m_session) {
        setUsage(m_session->budgetUsage());
        return;
    }
    // The session went (the window replaces it on a switch): nothing to show until the next is set.
    m_timer.stop();
    hide();
}

int BudgetMeter::spentOf(const BudgetSnapshot& usage)
{
    return qMax(usage.spent, usage.machine);
}

QString BudgetMeter::textFor(const BudgetSnapshot& usage)
{
    const QLocale locale;
    const QString spent = locale.toString(spentOf(usage));
    if (usage.backingOff())
        return tr("Requests %1/%2 a minute · slowed to %3 a minute after a 429")
            .arg(spent, locale.toString(usage.share), locale.toString(usage.allowed));
    return tr("Requests %1/%2 a minute").arg(spent, locale.toString(usage.share));
}

QString BudgetMeter::toolTipFor(const BudgetSnapshot& usage)
{
    const QLocale locale;
    QStringList lines;
    lines << tr("Requests in the last minute against this monitor's share of %1 a minute:")
                 .arg(locale.toString(usage.share));
    lines << tr("Full passes %1 · Top-of-list polls %2 · Details %3 · Cancels %4")
                 .arg(locale.toString(usage.of(RequestPurpose::Pass)),
                      locale.toString(usage.of(RequestPurpose::Poll)),
                      locale.toString(usage.of(RequestPurpose::Details)),
                      locale.toString(usage.of(RequestPurpose::Cancel)));
    if (usage.others() > 0)
        lines << tr("Other programs on this computer sharing the budget (the command-line tool): %1")
                     .arg(locale.toString(usage.others()));
    if (usage.backingOff())
        lines << tr("The server answered 429 (too many requests for the account): this monitor slowed to %1 "
                    "a minute, and comes back by a tenth of its share each minute without another.")
                     .arg(locale.toString(usage.allowed));
    return lines.join(QLatin1Char('\n'));
}

QString BudgetMeter::text() const
{
    return m_label->text();
}

void BudgetMeter::setUsage(const BudgetSnapshot& usage)
{
    m_usage = usage;
    const QString text = textFor(usage);
    const QString tip = toolTipFor(usage);
    m_label->setText(text);
    setToolTip(tip);
    setAccessibleDescription(text + QLatin1Char('\n') + tip);
    applyTone();
}

void BudgetMeter::applyTone()
{
    const int allowed = m_usage.backingOff() ? m_usage.allowed : m_usage.share;
    const bool nearlySpent = allowed > 0 && spentOf(m_usage) * 10 >= allowed * 9;
    const bool warn = m_usage.backingOff() || nearlySpent;
    m_bar->setReading(spentOf(m_usage), allowed, warn);
    // The words stay in the palette's text unless the monitor backs off: a full share is normal at size.
    // Set on a change only: the tone follows the palette by itself.
    if (m_usage.backingOff() != m_toned) {
        m_toned = m_usage.backingOff();
        setTextTone(m_label, m_toned ? std::optional<Tone>(WarningTone) : std::nullopt);
    }
}

void BudgetMeter::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        setUsage(m_usage);
}

} // namespace Alchemyst
