#pragma once

#include "cli/command.h"
#include "core/connection.h"

namespace Alchemyst {

class SecretStore;

// env list | add | remove | use: the saved environments. Settings and keychain only, no server.
class EnvCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("env"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    std::optional<Grammar> grammar(const QStringList& arguments) const override;
    QString noGrammarText(const QStringList& arguments) const override;
    int readArguments(CommandContext& context) override;
    int execute(CommandContext& context) override;

private:
    int list(CommandContext& context, EnvironmentStore& store, SecretStore& secrets);
    int add(CommandContext& context, const QString& name, EnvironmentStore& store, SecretStore& secrets);
    int remove(CommandContext& context, const QString& name, EnvironmentStore& store, SecretStore& secrets);
};

} // namespace Alchemyst
