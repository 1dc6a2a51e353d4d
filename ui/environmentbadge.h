#pragma once

#include "core/connection.h"

#include <QLabel>

namespace Alchemyst {

// The environment strip under the menu bar: the environment the window shows and its host, in a fill that
// tells the demo, production and the others apart, and in words (its text and accessible description) for
// those who do not see the colour. It spans the window and never goes into a toolbar's overflow: at any
// width it shows at least the start of its text ("PRODUCTION · …").
class EnvironmentBadge : public QLabel
{
    Q_OBJECT

public:
    explicit EnvironmentBadge(QWidget* parent = nullptr);

    void setEnvironment(const Environment& environment);
    // The strip gives way when the window is narrow rather than push the window wider.
    QSize minimumSizeHint() const override;

private:
    void applyColors();

    Environment m_environment;
};

} // namespace Alchemyst
