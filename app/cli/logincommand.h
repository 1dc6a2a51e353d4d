#pragma once

#include "cli/apicommand.h"

namespace Alchemyst {

// login: stores the API key read from standard input, once the server accepted it.
class LoginCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("login"); }
    QString description() const override;
    QStringList synopsis() const override;
    QString details() const override;
    QString exitCodes() const override;

protected:
    Needs needs() const override { return Needs::Client; }
    int executeApi(ApiContext& context) override;
};

// logout: removes the stored API key of the server. Keychain only, no request.
class LogoutCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("logout"); }
    QString description() const override;
    QStringList synopsis() const override;
    QStringList globalOptions() const override { return {GlobalOption::BaseUrl, GlobalOption::Env}; }
    QString exitCodes() const override;

protected:
    Needs needs() const override { return Needs::Server; }
    int executeApi(ApiContext& context) override;
};

} // namespace Alchemyst
