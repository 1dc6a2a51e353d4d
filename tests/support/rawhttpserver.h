#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>

// A bare HTTP/1.1 server over loopback that answers every request with bytes a test chooses: hostile
// bodies, wrong content, slowness. It exists so that a client can meet what no well-behaved server sends.
class RawHttpServer : public QTcpServer
{
    Q_OBJECT

public:
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        QList<QPair<QByteArray, QByteArray>> headers;
        bool neverAnswer = false; // accept, read, and stay silent
    };

    explicit RawHttpServer(QObject* parent = nullptr);
    quint16 start(); // on 127.0.0.1, a free port
    QString baseUrl() const;

    void setReply(const Reply& reply) { m_reply = reply; }
    // Several replies in turn (the last one repeats).
    void setReplies(const QList<Reply>& replies) { m_queue = replies; }
    QList<QByteArray> requests() const { return m_requests; } // the raw request heads
    // How many of the requests so far had this verb ("DELETE").
    int countOf(const QByteArray& verb) const
    {
        int count = 0;
        for (const QByteArray& head : m_requests)
            count += head.startsWith(QByteArray(verb).append(' ')) ? 1 : 0;
        return count;
    }

protected:
    void incomingConnection(qintptr handle) override;

private:
    Reply m_reply;
    QList<Reply> m_queue;
    QList<QByteArray> m_requests;
};
