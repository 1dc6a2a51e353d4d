#include "appearance.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QPointer>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTabBar>
#include <QTextDocument>
#include <QtMath>

namespace Alchemyst {

namespace {

const QString settingKey = QStringLiteral("appearance");

Appearance g_current = Appearance::System;
// The platform's own style, remembered before Light or Dark first replaced it.
QString g_systemStyle;
bool g_replacedSystem = false; // Light or Dark replaced the platform's style and palette

double channel(double value)
{
    return value <= 0.04045 ? value / 12.92 : qPow((value + 0.055) / 1.055, 2.4);
}

QColor mix(const QColor& a, const QColor& b, double towardB)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * towardB),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * towardB),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * towardB));
}

double worstContrast(const QColor& color, const QList<QColor>& backgrounds)
{
    double worst = 21.0;
    for (const QColor& background : backgrounds)
        worst = qMin(worst, contrastRatio(color, background));
    return worst;
}

// Light bases are the 600-700 steps of a common palette, dark bases its 300-400 steps: each already reads
// on its own kind of background; readableOn() only has to nudge it.
QColor lightBase(Tone tone)
{
    switch (tone) {
    case Tone::Blue:
        return QColor(0x25, 0x63, 0xeb);
    case Tone::Amber:
        return QColor(0xb4, 0x53, 0x09);
    case Tone::Cyan:
        return QColor(0x0e, 0x74, 0x90);
    case Tone::Green:
        return QColor(0x15, 0x80, 0x3d);
    case Tone::Red:
        return QColor(0xb9, 0x1c, 0x1c);
    case Tone::Grey:
    case Tone::Secondary:
        return QColor(0x52, 0x52, 0x5b);
    case Tone::Purple:
        return QColor(0x7e, 0x22, 0xce);
    case Tone::Teal:
        return QColor(0x0f, 0x76, 0x6e);
    }
    return QColor(0x52, 0x52, 0x5b);
}

QColor darkBase(Tone tone)
{
    switch (tone) {
    case Tone::Blue:
        return QColor(0x60, 0xa5, 0xfa);
    case Tone::Amber:
        return QColor(0xfb, 0xbf, 0x24);
    case Tone::Cyan:
        return QColor(0x22, 0xd3, 0xee);
    case Tone::Green:
        return QColor(0x4a, 0xde, 0x80);
    case Tone::Red:
        return QColor(0xf8, 0x71, 0x71);
    case Tone::Grey:
    case Tone::Secondary:
        return QColor(0xa1, 0xa1, 0xaa);
    case Tone::Purple:
        return QColor(0xc0, 0x84, 0xfc);
    case Tone::Teal:
        return QColor(0x2d, 0xd4, 0xbf);
    }
    return QColor(0xa1, 0xa1, 0xaa);
}

// Calls apply on the widget's palette changes. An application palette change reaches a widget before the
// widget has taken the new palette on: the re-derivation waits for the event loop then.
class PaletteFollower : public QObject
{
public:
    PaletteFollower(QWidget* widget, std::function<void()> apply, const QString& name)
        : QObject(widget)
        , m_apply(std::move(apply))
    {
        setObjectName(name);
        widget->installEventFilter(this);
        // A widget whose palette a style sheet has set in full hears of no change: its surroundings do.
        if (QWidget* parent = widget->parentWidget())
            parent->installEventFilter(this);
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::PaletteChange) {
            run();
        } else if (event->type() == QEvent::ApplicationPaletteChange && !m_queued) {
            m_queued = true;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    m_queued = false;
                    run();
                },
                Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

    void run()
    {
        // Applying may change the widget's own palette, which comes back here: once is enough.
        if (m_running)
            return;
        m_running = true;
        m_apply();
        m_running = false;
    }

private:
    std::function<void()> m_apply;
    bool m_running = false;
    bool m_queued = false;
};

void follow(QWidget* widget, const QString& name, const std::function<void()>& apply)
{
    auto* follower = widget->findChild<PaletteFollower*>(name, Qt::FindDirectChildrenOnly);
    if (!follower)
        follower = new PaletteFollower(widget, apply, name);
    follower->run();
}

// The palette a widget's surroundings are drawn with: its parent's, before its own style sheet changed it.
QPalette surroundings(const QWidget* widget)
{
    return widget->parentWidget() ? widget->parentWidget()->palette() : QApplication::palette(widget);
}

void setGroupColors(QPalette& palette, QPalette::ColorGroup group,
                    const QList<QPair<QPalette::ColorRole, QColor>>& colors)
{
    for (const auto& [role, color] : colors)
        palette.setColor(group, role, color);
}

QPalette makePalette(const QList<QPair<QPalette::ColorRole, QColor>>& normal,
                     const QList<QPair<QPalette::ColorRole, QColor>>& disabled)
{
    QPalette palette;
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled})
        setGroupColors(palette, group, normal);
    setGroupColors(palette, QPalette::Disabled, disabled);
    return palette;
}

} // namespace

std::optional<Appearance> parseAppearance(const QString& text)
{
    const QString word = text.trimmed().toLower();
    for (const Appearance appearance : {Appearance::System, Appearance::Light, Appearance::Dark}) {
        if (word == appearanceName(appearance))
            return appearance;
    }
    return std::nullopt;
}

QString appearanceName(Appearance appearance)
{
    switch (appearance) {
    case Appearance::System:
        break;
    case Appearance::Light:
        return QStringLiteral("light");
    case Appearance::Dark:
        return QStringLiteral("dark");
    }
    return QStringLiteral("system");
}

Appearance storedAppearance()
{
    return parseAppearance(QSettings().value(settingKey).toString()).value_or(Appearance::System);
}

void storeAppearance(Appearance appearance)
{
    QSettings().setValue(settingKey, appearanceName(appearance));
}

void applyAppearance(Appearance appearance)
{
    if (g_systemStyle.isEmpty() && QApplication::style())
        g_systemStyle = QApplication::style()->name();
    g_current = appearance;
    if (appearance == Appearance::System) {
        if (!g_replacedSystem)
            return; // the platform's own, untouched: nothing to give back
        g_replacedSystem = false;
        if (!g_systemStyle.isEmpty() && QApplication::style()->name() != g_systemStyle)
            QApplication::setStyle(g_systemStyle);
        // An empty palette resolves to the platform theme's and the style's own.
        QApplication::setPalette(QPalette());
        return;
    }
    g_replacedSystem = true;
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStringLiteral("Fusion"));
    QApplication::setPalette(appearance == Appearance::Dark ? darkPalette() : lightPalette());
}

Appearance currentAppearance()
{
    return g_current;
}

QPalette lightPalette()
{
    const QColor text(0x1f, 0x1f, 0x1f);
    return makePalette(
        {
            {QPalette::Window, QColor(0xf0, 0xf0, 0xf0)},
            {QPalette::WindowText, text},
            {QPalette::Base, QColor(0xff, 0xff, 0xff)},
            {QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf7)},
            {QPalette::Text, text},
            {QPalette::Button, QColor(0xf0, 0xf0, 0xf0)},
            {QPalette::ButtonText, text},
            {QPalette::BrightText, QColor(0xff, 0xff, 0xff)},
            {QPalette::Light, QColor(0xff, 0xff, 0xff)},
            {QPalette::Midlight, QColor(0xe3, 0xe3, 0xe3)},
            {QPalette::Mid, QColor(0xb8, 0xb8, 0xb8)},
            {QPalette::Dark, QColor(0x9f, 0x9f, 0x9f)},
            {QPalette::Shadow, QColor(0x76, 0x76, 0x76)},
            {QPalette::Highlight, QColor(0x2f, 0x6f, 0xb0)},
            {QPalette::HighlightedText, QColor(0xff, 0xff, 0xff)},
            {QPalette::Link, QColor(0x0b, 0x57, 0xd0)},
            {QPalette::LinkVisited, QColor(0x7b, 0x2f, 0xbf)},
            {QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc)},
            {QPalette::ToolTipText, text},
            {QPalette::PlaceholderText, QColor(0x6b, 0x6b, 0x6b)},
        },
        {
            {QPalette::WindowText, QColor(0x8c, 0x8c, 0x8c)},
            {QPalette::Text, QColor(0x8c, 0x8c, 0x8c)},
            {QPalette::ButtonText, QColor(0x8c, 0x8c, 0x8c)},
            {QPalette::Base, QColor(0xf0, 0xf0, 0xf0)},
            {QPalette::Highlight, QColor(0x91, 0x91, 0x91)},
            {QPalette::HighlightedText, QColor(0xff, 0xff, 0xff)},
            {QPalette::Link, QColor(0x80, 0x8c, 0xa8)},
            {QPalette::LinkVisited, QColor(0x9a, 0x8a, 0xa8)},
            {QPalette::PlaceholderText, QColor(0xa8, 0xa8, 0xa8)},
        });
}

QPalette darkPalette()
{
    const QColor text(0xe6, 0xe6, 0xe6);
    return makePalette(
        {
            {QPalette::Window, QColor(0x2b, 0x2d, 0x30)},
            {QPalette::WindowText, text},
            {QPalette::Base, QColor(0x1e, 0x1f, 0x22)},
            {QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b)},
            {QPalette::Text, text},
            {QPalette::Button, QColor(0x35, 0x37, 0x3b)},
            {QPalette::ButtonText, text},
            {QPalette::BrightText, QColor(0xff, 0xff, 0xff)},
            {QPalette::Light, QColor(0x4a, 0x4d, 0x52)},
            {QPalette::Midlight, QColor(0x3d, 0x40, 0x44)},
            {QPalette::Mid, QColor(0x2f, 0x31, 0x34)},
            {QPalette::Dark, QColor(0x18, 0x19, 0x1b)},
            {QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d)},
            {QPalette::Highlight, QColor(0x2f, 0x65, 0xca)},
            {QPalette::HighlightedText, QColor(0xff, 0xff, 0xff)},
            {QPalette::Link, QColor(0x7c, 0xb4, 0xff)},
            {QPalette::LinkVisited, QColor(0xc8, 0xa2, 0xff)},
            {QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41)},
            {QPalette::ToolTipText, text},
            {QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a)},
        },
        {
            {QPalette::WindowText, QColor(0x80, 0x80, 0x80)},
            {QPalette::Text, QColor(0x80, 0x80, 0x80)},
            {QPalette::ButtonText, QColor(0x80, 0x80, 0x80)},
            {QPalette::Base, QColor(0x2b, 0x2d, 0x30)},
            {QPalette::Highlight, QColor(0x4a, 0x4d, 0x52)},
            {QPalette::HighlightedText, QColor(0xb0, 0xb0, 0xb0)},
            {QPalette::Link, QColor(0x6a, 0x80, 0x9c)},
            {QPalette::LinkVisited, QColor(0x86, 0x78, 0x9c)},
            {QPalette::PlaceholderText, QColor(0x6a, 0x6a, 0x6a)},
        });
}

double relativeLuminance(const QColor& color)
{
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor composite(const QColor& over, const QColor& under)
{
    const QColor top = over.toRgb();
    const QColor bottom = under.toRgb();
    const double alpha = top.alphaF();
    auto blend = [alpha](int t, int b) { return qRound(t * alpha + b * (1.0 - alpha)); };
    return QColor(blend(top.red(), bottom.red()), blend(top.green(), bottom.green()),
                  blend(top.blue(), bottom.blue()));
}

bool isDark(const QPalette& palette)
{
    return relativeLuminance(palette.color(QPalette::Window)) <
           relativeLuminance(palette.color(QPalette::WindowText));
}

QColor readableOn(const QColor& wanted, const QList<QColor>& backgrounds, double minRatio)
{
    const QColor start(wanted.rgb());
    if (backgrounds.isEmpty() || worstContrast(start, backgrounds) >= minRatio)
        return start;
    // Away from the backgrounds: toward white on dark ones, toward black on light ones.
    const QColor white(Qt::white);
    const QColor black(Qt::black);
    const bool lighten = worstContrast(white, backgrounds) >= worstContrast(black, backgrounds);
    float hue = 0;
    float saturation = 0;
    float lightness = 0;
    start.getHslF(&hue, &saturation, &lightness);
    hue = qMax(0.0f, hue); // achromatic colours report -1
    // Contrast grows monotonically as lightness moves away: bisect for the nearest lightness that reads.
    float failing = lightness;
    float passing = lighten ? 1.0f : 0.0f;
    QColor best = lighten ? white : black;
    for (int step = 0; step < 24; ++step) {
        const float middle = (failing + passing) / 2;
        // Measured as it is drawn: 8 bits a channel.
        const QColor candidate(QColor::fromHslF(hue, saturation, middle).rgb());
        if (worstContrast(candidate, backgrounds) >= minRatio) {
            passing = middle;
            best = candidate;
        } else {
            failing = middle;
        }
    }
    return best;
}

Tone toneOf(StateCategory category)
{
    switch (category) {
    case StateCategory::Waiting:
        return Tone::Blue;
    case StateCategory::Delayed:
        return Tone::Amber;
    case StateCategory::Active:
        return Tone::Cyan;
    case StateCategory::Completed:
        return Tone::Green;
    case StateCategory::Failed:
        return Tone::Red;
    case StateCategory::Cancelled:
        return Tone::Grey;
    case StateCategory::Other:
        return Tone::Purple;
    }
    return Tone::Grey;
}

QColor toneBase(Tone tone, const QPalette& palette)
{
    if (tone == Tone::Secondary)
        return mix(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.4);
    return isDark(palette) ? darkBase(tone) : lightBase(tone);
}

QColor toneTextOn(Tone tone, const QPalette& palette, const QList<QColor>& backgrounds)
{
    return readableOn(toneBase(tone, palette), backgrounds);
}

QColor toneText(Tone tone, const QPalette& palette)
{
    // Window and button for labels and tabs (styles shade a tab a little either way), bases for cells.
    const QColor window = palette.color(QPalette::Window);
    const QColor button = palette.color(QPalette::Button);
    return toneTextOn(tone, palette,
                      {window, button, window.darker(110), button.lighter(112), palette.color(QPalette::Base),
                       palette.color(QPalette::AlternateBase)});
}

ColorPair statePill(StateCategory category, const QPalette& palette, const QColor& rowBackground,
                    bool selected)
{
    const Tone tone = toneOf(category);
    if (selected) {
        // On the highlight: a pill of the highlighted text's colour, so that it stands out of the row
        // whatever the highlight's hue, with the state's colour for text.
        QColor pill = palette.color(QPalette::HighlightedText);
        pill.setAlphaF(0.92f);
        const QColor fill = composite(pill, rowBackground);
        const bool lightFill = contrastRatio(fill, Qt::black) > contrastRatio(fill, Qt::white);
        return {readableOn(lightFill ? lightBase(tone).darker(115) : darkBase(tone), {fill}), fill};
    }
    const bool dark = isDark(palette);
    QColor tint = toneBase(tone, palette);
    tint.setAlphaF(dark ? 0.2f : 0.14f);
    const QColor fill = composite(tint, rowBackground);
    const QColor text = dark ? toneBase(tone, palette) : toneBase(tone, palette).darker(115);
    return {readableOn(text, {fill}), fill};
}

ColorPair solidBadge(Tone tone, const QPalette& palette)
{
    Q_UNUSED(palette) // a solid badge carries its own background: the same strong fill on any window
    const QColor white(Qt::white);
    // The strong step, darkened if need be until white on it reads.
    return {white, readableOn(lightBase(tone), {white})};
}

BannerColors bannerColors(const QPalette& palette)
{
    const bool dark = isDark(palette);
    QColor amber(0xf5, 0x9e, 0x0b);
    const QColor window = palette.color(QPalette::Window);
    const QColor base = dark ? window : palette.color(QPalette::Base);
    amber.setAlphaF(dark ? 0.2f : 0.22f);
    BannerColors colors;
    colors.background = composite(amber, base);
    amber.setAlphaF(0.75f);
    colors.border = composite(amber, window);
    colors.text = readableOn(dark ? QColor(0xfd, 0xe6, 0x8a) : QColor(0x78, 0x35, 0x0f), {colors.background});
    colors.link = readableOn(palette.color(QPalette::Link), {colors.background});
    return colors;
}

void followPalette(QWidget* widget, const std::function<void()>& apply)
{
    new PaletteFollower(widget, apply, QString());
}

void setTextTone(QWidget* widget, std::optional<Tone> tone)
{
    widget->setProperty("ajmTone", tone ? static_cast<int>(*tone) : -1);
    follow(widget, QStringLiteral("ajmToneFollower"), [widget] {
        const int value = widget->property("ajmTone").toInt();
        if (value < 0) {
            widget->setPalette(QPalette());
            return;
        }
        QPalette palette = widget->palette();
        const QColor color = toneText(static_cast<Tone>(value), surroundings(widget));
        palette.setColor(QPalette::WindowText, color);
        palette.setColor(QPalette::Text, color);
        widget->setPalette(palette);
    });
}

void setTabTone(QTabBar* tabs, int index, Tone tone)
{
    QVariantMap tones = tabs->property("ajmTabTones").toMap();
    tones.insert(QString::number(index), static_cast<int>(tone));
    tabs->setProperty("ajmTabTones", tones);
    follow(tabs, QStringLiteral("ajmTabToneFollower"), [tabs] {
        const QVariantMap tones = tabs->property("ajmTabTones").toMap();
        for (auto it = tones.cbegin(); it != tones.cend(); ++it)
            tabs->setTabTextColor(it.key().toInt(),
                                  toneText(static_cast<Tone>(it.value().toInt()), tabs->palette()));
    });
}

void styleBanner(QLabel* banner)
{
    follow(banner, QStringLiteral("ajmBannerFollower"), [banner] {
        const QPalette around = surroundings(banner);
        const BannerColors colors = bannerColors(around);
        const QString sheet =
            QStringLiteral("QLabel#%1 { background: %2; color: %3; border: 1px solid %4; border-radius: 4px; "
                           "padding: 6px 10px; }")
                .arg(banner->objectName(), colors.background.name(), colors.text.name(),
                     colors.border.name());
        if (banner->styleSheet() != sheet)
            banner->setStyleSheet(sheet);
        QPalette palette = banner->palette();
        palette.setColor(QPalette::Link, colors.link);
        palette.setColor(QPalette::LinkVisited, colors.link);
        banner->setPalette(palette);
        // Rich text takes its links' colour from the application's palette when the text is parsed, and the
        // banner's tint is not the application's window. The label's document keeps a default style
        // sheet across setText(): the links' colour goes there, and the text is parsed again.
        const QString text = banner->text();
        auto* document = banner->findChild<QTextDocument*>();
        if (!document) {
            banner->setText(QStringLiteral("<a href=\"#\">&#8203;</a>")); // makes the label's document
            document = banner->findChild<QTextDocument*>();
        }
        if (document)
            document->setDefaultStyleSheet(QStringLiteral("a { color: %1; }").arg(colors.link.name()));
        banner->setText(QString());
        banner->setText(text);
    });
}

void ToneDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant tone = index.data(ToneRole);
    if (!tone.isValid() || (option->state & QStyle::State_Selected))
        return;
    const QColor color =
        toneTextOn(static_cast<Tone>(tone.toInt()), option->palette,
                   {option->palette.color(QPalette::Base), option->palette.color(QPalette::AlternateBase)});
    option->palette.setColor(QPalette::Text, color);
}

QColor rowBackground(const QStyleOptionViewItem& option)
{
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (option.state & QStyle::State_Active) ? QPalette::Active
                                                                               : QPalette::Inactive;
    if (option.state & QStyle::State_Selected)
        return option.palette.color(group, QPalette::Highlight);
    if (option.backgroundBrush.style() == Qt::SolidPattern)
        return option.backgroundBrush.color();
    if (option.features & QStyleOptionViewItem::Alternate)
        return option.palette.color(group, QPalette::AlternateBase);
    return option.palette.color(group, QPalette::Base);
}

} // namespace Alchemyst
