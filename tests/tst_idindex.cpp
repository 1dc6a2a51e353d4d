// IdIndex: an id index that grows without rehashing every id at once, checked against a plain QHash
// through growths with inserts, replacements and removals in the middle of a migration.
#include "jobs/idindex.h"

#include <QHash>
#include <QRandomGenerator>
#include <QTest>

using namespace Alchemyst;

class TestIdIndex : public QObject
{
    Q_OBJECT

private slots:
    void agreesWithAHashThroughGrowths();
    void reserveSizesItOnceWhenIdle();
};

void TestIdIndex::agreesWithAHashThroughGrowths()
{
    IdIndex index;
    QHash<QString, int> reference;
    QRandomGenerator random(42);
    const auto check = [&](const QString& id) {
        QCOMPARE(index.value(id), reference.value(id, -1));
        QCOMPARE(index.contains(id), reference.contains(id));
    };
    bool sawMigration = false;
    for (int i = 0; i < 200000; ++i) {
        const QString id = QStringLiteral("job-%1").arg(i);
        index.insert(id, i);
        reference.insert(id, i);
        // Now and then: replace, remove or ask for an older id, which may sit in either table.
        const int older = static_cast<int>(random.bounded(i + 1));
        const QString other = QStringLiteral("job-%1").arg(older);
        switch (random.bounded(8)) {
        case 0:
            index.insert(other, -older);
            reference.insert(other, -older);
            break;
        case 1:
            QCOMPARE(index.remove(other), reference.remove(other));
            break;
        default:
            break;
        }
        check(other);
        if (index.capacity() > 2 * reference.size() + 64)
            sawMigration = true; // both tables alive: the old one is being emptied
        QCOMPARE(index.size(), reference.size());
    }
    QVERIFY(sawMigration);
    for (auto it = reference.cbegin(); it != reference.cend(); ++it)
        QCOMPARE(index.value(it.key()), it.value());
    QVERIFY(!index.contains(QStringLiteral("never")));
    index.clear();
    QCOMPARE(index.size(), 0);
    QCOMPARE(index.value(QStringLiteral("job-1")), -1);
}

void TestIdIndex::reserveSizesItOnceWhenIdle()
{
    IdIndex index;
    index.reserve(100000);
    const qsizetype capacity = index.capacity();
    QVERIFY(capacity >= 100000);
    for (int i = 0; i < 100000; ++i)
        index.insert(QString::number(i), i);
    QCOMPARE(index.capacity(), capacity); // no growth: the table held them all
    QCOMPARE(index.size(), 100000);
}

QTEST_GUILESS_MAIN(TestIdIndex)
#include "tst_idindex.moc"
