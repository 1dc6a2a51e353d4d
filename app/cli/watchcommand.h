#pragma once

#include "cli/apicommand.h"

namespace Alchemyst {

// watch: the window's refresh loop, headless, until interrupted: a line per change (or JSON Lines), and it
// records the history as the window does.
class WatchCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("watch"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    int readArguments(CommandContext& context) override;

protected:
    int executeApi(ApiContext& context) override;

private:
    int m_intervalSeconds = 10;
};

} // namespace Alchemyst
