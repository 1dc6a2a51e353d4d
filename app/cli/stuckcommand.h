#pragma once

#include "cli/apicommand.h"

namespace Alchemyst {

// stuck: the jobs active or waiting for longer than the environment's thresholds (or the options').
class StuckCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("stuck"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    int readArguments(CommandContext& context) override;

protected:
    int executeApi(ApiContext& context) override;

private:
    std::optional<qint64> m_activeOver;
    std::optional<qint64> m_waitingOver;
};

} // namespace Alchemyst
