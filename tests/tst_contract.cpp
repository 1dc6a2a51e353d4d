// The simulator's answers checked against the response schemas of ../shared/api/openapi.json, so that
// what the client is tested against is what the published contract says.
#include "simulator/simulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace Alchemyst;

namespace {

// A small JSON Schema checker: type, required, properties, items, $ref, enum. Enough for this document.
class SchemaChecker
{
public:
    explicit SchemaChecker(const QJsonObject& document)
        : m_document(document)
    {}

    QStringList check(const QJsonValue& value, const QJsonObject& schema, const QString& where) const
    {
        if (schema.contains(QLatin1String("$ref"))) {
            const QStringList parts =
                schema.value(QLatin1String("$ref")).toString().mid(2).split(QLatin1Char('/'));
            QJsonObject target = m_document;
            for (const QString& part : parts)
                target = target.value(part).toObject();
            return check(value, target, where);
        }
        QStringList problems;
        const QString type = schema.value(QLatin1String("type")).toString();
        const bool typeOk = type.isEmpty() || (type == QLatin1String("object") && value.isObject()) ||
                            (type == QLatin1String("array") && value.isArray()) ||
                            (type == QLatin1String("string") && value.isString()) ||
                            (type == QLatin1String("number") && value.isDouble()) ||
                            (type == QLatin1String("integer") && value.isDouble()) ||
                            (type == QLatin1String("boolean") && value.isBool());
        if (!typeOk)
            return {QStringLiteral("%1: expected %2").arg(where, type)};
        if (schema.contains(QLatin1String("enum")) &&
            !schema.value(QLatin1String("enum")).toArray().contains(value))
            problems << QStringLiteral("%1: not in enum").arg(where);
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (const QJsonValue& required : schema.value(QLatin1String("required")).toArray()) {
                if (!object.contains(required.toString()))
                    problems << QStringLiteral("%1: missing required \"%2\"").arg(where, required.toString());
            }
            const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
            for (auto it = properties.begin(); it != properties.end(); ++it) {
                if (object.contains(it.key()))
                    problems << check(object.value(it.key()), it.value().toObject(),
                                      where + QLatin1Char('.') + it.key());
            }
        }
        if (value.isArray() && schema.contains(QLatin1String("items"))) {
            const QJsonArray array = value.toArray();
            for (int i = 0; i < array.size(); ++i)
                problems << check(array.at(i), schema.value(QLatin1String("items")).toObject(),
                                  QStringLiteral("%1[%2]").arg(where).arg(i));
        }
        return problems;
    }

    QJsonObject responseSchema(const QString& path, const QString& method, int status) const
    {
        return m_document.value(QLatin1String("paths"))
            .toObject()
            .value(path)
            .toObject()
            .value(method)
            .toObject()
            .value(QLatin1String("responses"))
            .toObject()
            .value(QString::number(status))
            .toObject()
            .value(QLatin1String("content"))
            .toObject()
            .value(QLatin1String("application/json"))
            .toObject()
            .value(QLatin1String("schema"))
            .toObject();
    }

private:
    QJsonObject m_document;
};

} // namespace

class TestContract : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void responsesMatchTheSchemas_data();
    void responsesMatchTheSchemas();

private:
    QJsonObject m_openapi;
};

void TestContract::initTestCase()
{
    QFile file(QStringLiteral(AJM_OPENAPI_PATH));
    QVERIFY2(file.open(QIODevice::ReadOnly), AJM_OPENAPI_PATH);
    m_openapi = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(m_openapi.value(QLatin1String("paths"))
                .toObject()
                .contains(QLatin1String("/api/v1/context/add-async/{id}/cancel")));
}

void TestContract::responsesMatchTheSchemas_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("specPath");
    QTest::addColumn<QString>("jobState"); // the job the request addresses; empty: none, "-": an invalid id
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("status");
    const QString list = QStringLiteral("/api/v1/context/add-async/status");
    const QString one = QStringLiteral("/api/v1/context/add-async/{id}/status");
    const QString cancel = QStringLiteral("/api/v1/context/add-async/{id}/cancel");
    const QString add = QStringLiteral("/api/v1/context/add-async");
    const QString key = QStringLiteral("contract-key");
    const QString pay = QString::fromLatin1(Simulator::PaymentRequiredToken);
    const QString forbid = QString::fromLatin1(Simulator::ForbiddenToken);
    const QString fail = QString::fromLatin1(Simulator::ServerErrorToken);
    QTest::newRow("list 200") << "get" << list << "" << key << 200;
    QTest::newRow("list 401") << "get" << list << ""
                              << "x" << 401;
    QTest::newRow("list 402") << "get" << list << "" << pay << 402;
    QTest::newRow("list 403") << "get" << list << "" << forbid << 403;
    QTest::newRow("list 500") << "get" << list << "" << fail << 500;
    QTest::newRow("status 200") << "get" << one << "completed" << key << 200;
    QTest::newRow("status 400") << "get" << one << "-" << key << 400;
    QTest::newRow("status 401") << "get" << one << "waiting"
                                << "x" << 401;
    QTest::newRow("status 404") << "get" << one << "" << key << 404;
    QTest::newRow("status 500") << "get" << one << "waiting" << fail << 500;
    QTest::newRow("cancel 200") << "delete" << cancel << "waiting" << key << 200;
    QTest::newRow("cancel 400") << "delete" << cancel << "-" << key << 400;
    QTest::newRow("cancel 401") << "delete" << cancel << "waiting"
                                << "x" << 401;
    QTest::newRow("cancel 402") << "delete" << cancel << "waiting" << pay << 402;
    QTest::newRow("cancel 403") << "delete" << cancel << "waiting" << forbid << 403;
    QTest::newRow("cancel 404") << "delete" << cancel << "completed" << key << 404;
    QTest::newRow("cancel 409") << "delete" << cancel << "active" << key << 409;
    QTest::newRow("cancel 500") << "delete" << cancel << "waiting" << fail << 500;
    QTest::newRow("add 201") << "post" << add << "" << key << 201;
    QTest::newRow("add 400") << "post" << add << "-" << key << 400;
}

void TestContract::responsesMatchTheSchemas()
{
    QFETCH(QString, method);
    QFETCH(QString, specPath);
    QFETCH(QString, jobState);
    QFETCH(QString, token);
    QFETCH(int, status);

    Simulator::Options options;
    options.live = false;
    options.token = QStringLiteral("contract-key");
    options.initialJobs = 60;
    Simulator simulator(options);
    QVERIFY(simulator.listen() != 0);

    QString id = QStringLiteral("999999");
    if (jobState == QLatin1String("-"))
        id = QStringLiteral("not a valid id!");
    else if (!jobState.isEmpty())
        id = simulator.addJob(jobState);
    QString path = specPath;
    path.replace(QLatin1String("{id}"), QString::fromLatin1(QUrl::toPercentEncoding(id)));
    QUrl url = simulator.baseUrl();
    url.setPath(path, QUrl::StrictMode);
    if (specPath.endsWith(QLatin1String("add-async/status")))
        url.setQuery(QStringLiteral("type=all&limit=50&offset=0"));

    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QByteArray body;
    if (method == QLatin1String("post")) {
        body = jobState == QLatin1String("-")
                   ? QByteArray(R"({"documents": "nope"})")
                   : QByteArray(
                         R"({"documents":[{"content":"hello"}],"source":"test","context_type":"resource",)"
                         R"("scope":"internal","metadata":{"fileName":"a.txt"}})");
    }
    QNetworkReply* reply = manager.sendCustomRequest(request, method.toUpper().toLatin1(), body);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
    reply->deleteLater();
    QVERIFY(document.isObject());

    const SchemaChecker checker(m_openapi);
    const QJsonObject schema = checker.responseSchema(specPath, method, status);
    QVERIFY2(!schema.isEmpty(), "the contract documents a JSON schema for this response");
    const QStringList problems = checker.check(document.object(), schema, QStringLiteral("body"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n')) + QLatin1Char('\n') +
                                            QString::fromUtf8(document.toJson(QJsonDocument::Compact))));
    if (status == 200 && specPath == QLatin1String("/api/v1/context/add-async/status"))
        QCOMPARE(document.object().value(QLatin1String("jobs")).toArray().size(), 50);
    if (status == 409)
        QCOMPARE(document.object().keys(), QStringList{QStringLiteral("error")});
}

QTEST_GUILESS_MAIN(TestContract)
#include "tst_contract.moc"
