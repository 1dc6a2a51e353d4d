// terminalSafe(): server-supplied text printed by the CLI can show anything but can do nothing to the
// terminal: no escape sequences, no cursor movement, no forged rows, no reordering.
#include "cli/terminaltext.h"

#include <QTest>

using namespace Alchemyst;

namespace {

QString fromUnits(std::initializer_list<char16_t> units)
{
    QString text;
    for (const char16_t unit : units)
        text.append(QChar(unit));
    return text;
}

// The property every output must have, checked independently of the implementation.
bool printsInert(const QString& text, bool multiline)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t unit = text.at(i).unicode();
        if (QChar::isHighSurrogate(unit) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (QChar::isSurrogate(unit))
            return false;
        if (multiline && (unit == u'\n' || unit == u'\t'))
            continue;
        if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f))
            return false;
        if ((unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069) || unit == 0x200e ||
            unit == 0x200f || unit == 0x061c || unit == 0x2028 || unit == 0x2029)
            return false;
    }
    return true;
}

} // namespace

class TestTerminalText : public QObject
{
    Q_OBJECT

private slots:
    void hostile_data();
    void hostile();
    void multilineKeepsLines();
    void ordinaryTextPassesUnchanged_data();
    void ordinaryTextPassesUnchanged();
    void everyControlIsEscaped();
    void loneSurrogates();
};

void TestTerminalText::hostile_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("OSC 0 window title")
        << QStringLiteral("a\x1b]0;pwned\x07z") << QStringLiteral("a\\x1b]0;pwned\\x07z");
    QTest::newRow("OSC 52 clipboard write") << QStringLiteral("\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x1b\\")
                                            << QStringLiteral("\\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\x1b\\");
    QTest::newRow("CSI 2J clear screen")
        << QStringLiteral("\x1b[2J\x1b[H") << QStringLiteral("\\x1b[2J\\x1b[H");
    QTest::newRow("CR overwrite") << QStringLiteral("failed\rcompleted")
                                  << QStringLiteral("failed\\rcompleted");
    QTest::newRow("LF forged row") << QStringLiteral("job-1\njob-2   completed")
                                   << QStringLiteral("job-1\\njob-2   completed");
    QTest::newRow("TAB shifts columns") << QStringLiteral("a\tb") << QStringLiteral("a\\tb");
    QTest::newRow("NUL and backspace") << QString(QStringLiteral("a") + QChar(u'\0') + QStringLiteral("\bb"))
                                       << QStringLiteral("a\\x00\\x08b");
    QTest::newRow("DEL") << QStringLiteral("a\x7f") << QStringLiteral("a\\x7f");
    QTest::newRow("C1 CSI 0x9b") << fromUnits({u'a', 0x9b, u'2', u'J'}) << QStringLiteral("a\\x9b2J");
    QTest::newRow("C1 NEL and OSC") << fromUnits({0x85, 0x9d}) << QStringLiteral("\\x85\\x9d");
    QTest::newRow("RLO reorders") << fromUnits({u'x', 0x202e, u'f', u'd', u'p', u'.', u'e', u'x', u'e'})
                                  << QStringLiteral("x\\u202efdp.exe");
    QTest::newRow("isolates") << fromUnits({0x2066, u'a', 0x2067, u'b', 0x2068, u'c', 0x2069})
                              << QStringLiteral("\\u2066a\\u2067b\\u2068c\\u2069");
    QTest::newRow("embeddings and PDF")
        << fromUnits({0x202a, 0x202b, 0x202c, 0x202d}) << QStringLiteral("\\u202a\\u202b\\u202c\\u202d");
    QTest::newRow("marks") << fromUnits({0x200e, 0x200f, 0x061c}) << QStringLiteral("\\u200e\\u200f\\u061c");
    QTest::newRow("line separators") << fromUnits({u'a', 0x2028, u'b', 0x2029})
                                     << QStringLiteral("a\\u2028b\\u2029");
}

void TestTerminalText::hostile()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString safe = terminalSafe(input);
    QCOMPARE(safe, expected);
    QVERIFY(printsInert(safe, false));
    QVERIFY(printsInert(terminalSafeMultiline(input), true));
}

void TestTerminalText::multilineKeepsLines()
{
    const QString message = QStringLiteral("line one\n\tline two\r\x1b[1A");
    QCOMPARE(terminalSafeMultiline(message), QStringLiteral("line one\n\tline two\\r\\x1b[1A"));
    QCOMPARE(terminalSafe(message), QStringLiteral("line one\\n\\tline two\\r\\x1b[1A"));
}

void TestTerminalText::ordinaryTextPassesUnchanged_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("empty") << QString();
    QTest::newRow("ascii") << QStringLiteral("3f2a-91c0 waiting report.pdf");
    QTest::newRow("backslash path") << QStringLiteral("C:\\docs\\x1b.txt");
    QTest::newRow("409 message") << QStringLiteral(
        "Context add is running, it cannot be cancelled. You can delete it after it has finished "
        "uploading, to preserve the integrity of data.");
    QTest::newRow("accents and CJK") << QStringLiteral("Résumé – 履歴書 — Zoë");
    QTest::newRow("Arabic and Hebrew, no controls") << QStringLiteral("تقرير שלום");
    QTest::newRow("emoji and ZWJ sequence") << QStringLiteral("done ✅ 👩‍💻 🇫🇷");
    QTest::newRow("NBSP and soft hyphen") << fromUnits({u'a', 0xa0, u'b', 0xad, u'c'});
}

void TestTerminalText::ordinaryTextPassesUnchanged()
{
    QFETCH(QString, input);
    QCOMPARE(terminalSafe(input), input);
    QCOMPARE(terminalSafeMultiline(input), input);
}

void TestTerminalText::everyControlIsEscaped()
{
    for (char16_t unit = 0; unit < 0x3000; ++unit) {
        if (QChar::isSurrogate(unit))
            continue;
        const QString input = QStringLiteral("<") + QChar(unit) + QStringLiteral(">");
        const QString safe = terminalSafe(input);
        QVERIFY2(printsInert(safe, false), qPrintable(QString::number(unit, 16)));
        const bool inert = printsInert(input, false);
        QCOMPARE(isTerminalUnsafe(unit), !inert);
        if (inert)
            QCOMPARE(safe, input);
    }
}

void TestTerminalText::loneSurrogates()
{
    QCOMPARE(terminalSafe(fromUnits({u'a', 0xd800, u'b'})), QStringLiteral("a\\ud800b"));
    QCOMPARE(terminalSafe(fromUnits({0xdc00, 0xd83d})), QStringLiteral("\\udc00\\ud83d"));
    // A valid pair passes; a high surrogate before a second high one does not pair with it.
    QCOMPARE(terminalSafe(fromUnits({0xd83d, 0xde00})), fromUnits({0xd83d, 0xde00}));
    QCOMPARE(terminalSafe(fromUnits({0xd83d, 0xd83d, 0xde00})),
             QStringLiteral("\\ud83d") + fromUnits({0xd83d, 0xde00}));
}

QTEST_GUILESS_MAIN(TestTerminalText)
#include "tst_terminaltext.moc"
