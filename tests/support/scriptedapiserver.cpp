#include "scriptedapiserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <memory>

RawHttpServer::Reply ScriptedApiServer::jsonReply(int status, const QByteArray& body)
{
    RawHttpServer::Reply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

void ScriptedApiServer::listWaiting(const QStringList& ids)
{
    QJsonArray jobs;
    for (const QString& id : ids)
        jobs.append(QJsonObject{{QStringLiteral("jobId"), id},
                                {QStringLiteral("status"), QStringLiteral("waiting")},
                                {QStringLiteral("attemptsMade"), 0},
                                {QStringLiteral("data"), QJsonObject{}}});
    list.body = QJsonDocument(QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("jobs"), jobs}})
                    .toJson(QJsonDocument::Compact);
}

QString ScriptedApiServer::baseUrl()
{
    if (!isListening())
        listen(QHostAddress::LocalHost, 0);
    return QStringLiteral("http://127.0.0.1:%1").arg(serverPort());
}

void ScriptedApiServer::releaseCancels(int count)
{
    while (!m_held.isEmpty() && count-- != 0) {
        const QPointer<QTcpSocket> socket = m_held.takeFirst();
        if (socket)
            answer(socket, cancel);
    }
}

void ScriptedApiServer::incomingConnection(qintptr handle)
{
    auto* socket = new QTcpSocket(this);
    socket->setSocketDescriptor(handle);
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        buffer->append(socket->readAll());
        if (!buffer->contains("\r\n\r\n"))
            return;
        const QList<QByteArray> requestLine = buffer->left(buffer->indexOf("\r\n")).split(' ');
        buffer->clear();
        const QByteArray method = requestLine.value(0);
        const QByteArray path = requestLine.value(1);
        if (method == "DELETE" && holdCancels) {
            m_held.append(socket);
            return;
        }
        answer(socket, method == "DELETE"                                    ? cancel
                       : path.startsWith("/api/v1/context/add-async/status") ? list
                                                                             : job);
    });
}

void ScriptedApiServer::answer(QTcpSocket* socket, const RawHttpServer::Reply& reply)
{
    socket->write("HTTP/1.1 " + QByteArray::number(reply.status) +
                  " Status\r\nContent-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(reply.body.size()) + "\r\nConnection: close\r\n\r\n" + reply.body);
    socket->disconnectFromHost();
}
