#pragma once

#include "core/connection.h"

#include <QLabel>

namespace Alchemyst {

// The toolbar's badge: the environment the window shows and its host, in a fill that tells the demo,
// production and the others apart, and in words (its text and accessible description) for those who do not
// see the colour.
class EnvironmentBadge : public QLabel
{
    Q_OBJECT

public:
    explicit EnvironmentBadge(QWidget* parent = nullptr);

    void setEnvironment(const Environment& environment);
};

} // namespace Alchemyst
