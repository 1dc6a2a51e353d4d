#pragma once

#include "jobs/job.h"

#include <QColor>
#include <QList>
#include <QPalette>
#include <QString>
#include <QStyledItemDelegate>
#include <functional>
#include <optional>

class QLabel;
class QTabBar;
class QWidget;

namespace Alchemyst {

// The operator's choice of colours: the platform's, or Fusion with our light or dark palette.
enum class Appearance
{
    System,
    Light,
    Dark,
};

// "system", "light" or "dark" (any case, surrounding blanks ignored); nullopt for anything else.
std::optional<Appearance> parseAppearance(const QString& text);
QString appearanceName(Appearance appearance); // "system", "light", "dark": the setting's and option's words
Appearance storedAppearance();                 // QSettings "appearance"; System when absent or unreadable
void storeAppearance(Appearance appearance);
// Sets the application's style and palette. System gives back the style and palette the platform chose
// (remembered the first time this is called). Every widget then receives a palette change and re-derives
// its colours.
void applyAppearance(Appearance appearance);
Appearance currentAppearance(); // the last one applied; System before any
QPalette lightPalette();
QPalette darkPalette();

// WCAG 2.x relative luminance (0..1) and contrast ratio (1..21) of two opaque colours.
double relativeLuminance(const QColor& color);
double contrastRatio(const QColor& a, const QColor& b);
// The colour seen when `over` (with its alpha) is painted on the opaque `under`.
QColor composite(const QColor& over, const QColor& under);
// A palette is dark when its window is darker than its text.
bool isDark(const QPalette& palette);
// The colour nearest `wanted` (same hue and saturation, lightness moved away from the backgrounds) whose
// contrast with every one of the backgrounds is at least minRatio. Always possible up to about 4.58:1.
QColor readableOn(const QColor& wanted, const QList<QColor>& backgrounds, double minRatio = 4.6);

// The few hues the app draws with; each has a light-palette and a dark-palette base.
enum class Tone
{
    Blue,
    Amber,
    Cyan,
    Green,
    Red,
    Grey,
    Purple,
    Teal,
    Secondary, // the palette's text, quieter: hints and empty states
};
constexpr Tone ErrorTone = Tone::Red;
constexpr Tone OkTone = Tone::Green;
constexpr Tone WarningTone = Tone::Amber; // stale data, journal problems
constexpr Tone StuckTone = Tone::Amber;   // the stuck marker and tab

Tone toneOf(StateCategory category);
// The tone's base colour for this palette, before any contrast adjustment.
QColor toneBase(Tone tone, const QPalette& palette);
// Text in this tone, readable on the palette's window, button and base colours (labels, tabs, cells).
QColor toneText(Tone tone, const QPalette& palette);
// Text in this tone readable on the given backgrounds.
QColor toneTextOn(Tone tone, const QPalette& palette, const QList<QColor>& backgrounds);

struct ColorPair
{
    QColor foreground;
    QColor background;
};
// A state pill drawn on a row whose own background is rowBackground; a selected row (rowBackground its
// highlight) gets a pill of the highlighted-text colour.
ColorPair statePill(StateCategory category, const QPalette& palette, const QColor& rowBackground,
                    bool selected);
// A solid badge: white or black text on a strong fill of the tone.
ColorPair solidBadge(Tone tone, const QPalette& palette);

struct BannerColors
{
    QColor background;
    QColor border;
    QColor text;
    QColor link;
};
BannerColors bannerColors(const QPalette& palette);

// Widgets that keep their colours up to date with the palette.
//
// Runs apply whenever widget receives a palette change (the application's or its own); not now.
void followPalette(QWidget* widget, const std::function<void()>& apply);
// Draws a label's (or any widget's) text in the tone; nullopt returns it to the palette's text colour.
void setTextTone(QWidget* widget, std::optional<Tone> tone);
// Draws one tab's label in the tone.
void setTabTone(QTabBar* tabs, int index, Tone tone);
// The warning banner: tinted background, border, text and link colours from the palette.
void styleBanner(QLabel* banner);

// Item views whose cells carry a Tone (as int) under ToneRole draw that cell's text in the tone, derived
// from the view's palette when painted.
constexpr int ToneRole = Qt::UserRole + 0x7e0;
class ToneDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

// The colour a view row is painted with under a delegate: highlight, alternate base or base.
QColor rowBackground(const QStyleOptionViewItem& option);

} // namespace Alchemyst
