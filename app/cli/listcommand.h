#pragma once

#include "cli/apicommand.h"

namespace Alchemyst {

// list: every job, paging through, as a table, JSON or CSV.
class ListCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("list"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    int readArguments(CommandContext& context) override;

protected:
    int executeApi(ApiContext& context) override;
};

} // namespace Alchemyst
