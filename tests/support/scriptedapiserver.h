#pragma once

#include "rawhttpserver.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTcpServer>

class QTcpSocket;

// An API server over loopback that answers what a test chooses, per kind of request: the job list (GET
// …/add-async/status), one job (any other GET), a cancel (DELETE), and holds cancels until the test
// releases them (a slow server, or a timeout). The simulator is well-behaved; this one sends what a hostile
// or broken server would.
class ScriptedApiServer : public QTcpServer
{
public:
    RawHttpServer::Reply list;
    RawHttpServer::Reply job = jsonReply(404, "{\"message\":\"Job not found\"}");
    RawHttpServer::Reply cancel;
    // A cancel's answer waits until releaseCancels(), for as long as a test needs.
    bool holdCancels = false;

    static RawHttpServer::Reply jsonReply(int status, const QByteArray& body);
    // The list's answer: these jobs, all waiting.
    void listWaiting(const QStringList& ids);

    // Listens on 127.0.0.1, a free port, when it does not yet.
    QString baseUrl();
    int heldCancels() const { return static_cast<int>(m_held.size()); }
    // Answers the first count cancels held (all when negative), in the order they came.
    void releaseCancels(int count = -1);

protected:
    void incomingConnection(qintptr handle) override;

private:
    static void answer(QTcpSocket* socket, const RawHttpServer::Reply& reply);

    QList<QPointer<QTcpSocket>> m_held;
};
