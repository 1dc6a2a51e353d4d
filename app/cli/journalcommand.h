#pragma once

#include "cli/command.h"

namespace Alchemyst {

// journal: the local record of cancel attempts (window and CLI). Reads a file: no server, no key.
class JournalCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("journal"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    int readArguments(CommandContext& context) override;
    int execute(CommandContext& context) override;

private:
    std::optional<qint64> m_since;
};

} // namespace Alchemyst
