#include "rawhttpserver.h"

#include <QTcpSocket>

RawHttpServer::RawHttpServer(QObject* parent)
    : QTcpServer(parent)
{}

quint16 RawHttpServer::start()
{
    listen(QHostAddress::LocalHost, 0);
    return serverPort();
}

QString RawHttpServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(serverPort());
}

void RawHttpServer::incomingConnection(qintptr handle)
{
    auto* socket = new QTcpSocket(this);
    socket->setSocketDescriptor(handle);
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        buffer->append(socket->readAll());
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_requests.append(buffer->left(end));
        buffer->clear();
        Reply reply = m_reply;
        if (!m_queue.isEmpty())
            reply = m_queue.size() > 1 ? m_queue.takeFirst() : m_queue.constFirst();
        if (reply.neverAnswer)
            return;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + " Status\r\n";
        if (!reply.contentType.isEmpty())
            head += "Content-Type: " + reply.contentType + "\r\n";
        for (const auto& header : std::as_const(reply.headers))
            head += header.first + ": " + header.second + "\r\n";
        head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\nConnection: close\r\n\r\n";
        socket->write(head);
        socket->write(reply.body);
        socket->disconnectFromHost();
    });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}
