#pragma once

#include "cli/apicommand.h"

namespace Alchemyst {

// The local history the window, `watch` and `list` record (HistoryStore): no request is sent.
class HistoryCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("history"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    int readArguments(CommandContext& context) override;

protected:
    Needs needs() const override { return Needs::Server; }
    int executeApi(ApiContext& context) override;

private:
    qint64 m_sinceMs = 60 * 60 * 1000;
    qint64 m_everyMs = 0; // 0: chosen from the span
};

// The drain forecast from the recorded throughput and backlog.
class ForecastCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("forecast"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;

protected:
    Needs needs() const override { return Needs::Server; }
    int executeApi(ApiContext& context) override;
};

// The current figures in the Prometheus text format, for node_exporter's textfile collector.
class StatsCommand : public ApiCommand
{
public:
    QString name() const override { return QStringLiteral("stats"); }
    QString description() const override;
    QStringList synopsis() const override;
    QList<QCommandLineOption> options() const override;
    QString details() const override;
    QString exitCodes() const override;
    int readArguments(CommandContext& context) override;

protected:
    Needs needs() const override { return Needs::Server; }
    int executeApi(ApiContext& context) override;
};

} // namespace Alchemyst
