#pragma once

#include "cli/command.h"

namespace Alchemyst {

// simulate: the built-in simulator of the API, in the foreground until stopped.
class SimulateCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("simulate"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    int readArguments(CommandContext& context) override;
    int execute(CommandContext& context) override;

private:
    int m_initialJobs = -1;
    quint16 m_port = 0;
    int m_accountLimit = 0;
    int m_pageLatencyMs = 0;
    QString m_nextCancel; // --next-cancel: running or gone; empty when not given
};

} // namespace Alchemyst
