// Every alchemyst-jobs command README.md shows, run as written against the simulator: the shell blocks
// (```sh, except the ones CI runs itself, marked <!-- ci: … -->) whole, through bash, and every inline
// command (`alchemyst-jobs …`, with variables in front or not). The simulator is the one the README starts,
// `alchemyst-jobs simulate`; it stands in for the platform too, so the README's own server URL and the
// <URL> it prints are replaced by its URL, and `login` reads its token. A README example that fails, or a
// README that stops showing examples, fails this test; so does a synopsis form the program does not print.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString DefaultServer = QStringLiteral("https://platform-backend.getalchemystai.com");
const QString SimulatorToken = QStringLiteral("demo-key"); // simulate's default token, as the README says

struct Example
{
    QString text; // as written
    int line = 0; // in README.md, for the failure message
    bool block = false;
};

// The command the README starts the simulator with, on a line of its own.
bool startsTheSimulator(const QString& line)
{
    return line.section(QLatin1Char('#'), 0, 0).trimmed() == QLatin1String("alchemyst-jobs simulate");
}

} // namespace

class TestReadmeExamples : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void examples_data();
    void examples();
    void synopsisIsTheProgramsOwn();

private:
    QList<Example> readExamples() const;
    QProcessEnvironment environment(const QString& home, bool withVariables) const;

    QProcess m_simulator;
    QString m_url;
};

void TestReadmeExamples::initTestCase()
{
    // As the README says: it prints its URL on stdout.
    m_simulator.start(QStringLiteral(AJM_CLI_PATH), {QStringLiteral("simulate")});
    QVERIFY(m_simulator.waitForStarted());
    QVERIFY(QTest::qWaitFor([this] { return m_simulator.canReadLine(); }, 10000));
    m_url = QString::fromUtf8(m_simulator.readLine()).trimmed();
    QVERIFY2(m_url.startsWith(QLatin1String("http://127.0.0.1:")), qPrintable(m_url));
}

void TestReadmeExamples::cleanupTestCase()
{
    m_simulator.terminate();
    if (!m_simulator.waitForFinished(5000))
        m_simulator.kill();
    m_simulator.waitForFinished();
}

QList<Example> TestReadmeExamples::readExamples() const
{
    QFile file(QStringLiteral(AJM_SOURCE_DIR "/README.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    QList<Example> examples;
    bool inBlock = false;
    bool shell = false;
    bool ciBlock = false;
    Example block;
    QString lastNonEmpty;
    QString prose; // the text outside code blocks, for the inline commands
    QList<int> proseLines;
    for (int i = 0; i < lines.size(); ++i) {
        const QString trimmed = lines.at(i).trimmed();
        if (trimmed.startsWith(QLatin1String("```"))) {
            if (!inBlock) {
                inBlock = true;
                shell = trimmed == QLatin1String("```sh");
                ciBlock = lastNonEmpty.startsWith(QLatin1String("<!-- ci:"));
                block = Example{QString(), i + 1, true};
            } else {
                inBlock = false;
                if (shell && !ciBlock && block.text.contains(QLatin1String("alchemyst-jobs")))
                    examples.append(block);
            }
        } else if (inBlock) {
            block.text += trimmed + QLatin1Char('\n');
        } else {
            prose += lines.at(i) + QLatin1Char('\n');
            proseLines.append(i + 1);
        }
        if (!trimmed.isEmpty())
            lastNonEmpty = trimmed;
    }
    // Inline commands: a code span (possibly wrapped over a line break) that runs alchemyst-jobs, with
    // variables in front or not; a synopsis ([…], |, …) or a message ("alchemyst-jobs: …") is no command.
    static const QRegularExpression span(QStringLiteral("`([^`]+)`"));
    static const QRegularExpression command(QStringLiteral("^(?:[A-Z_]+=\\S+ )*alchemyst-jobs [a-zA-Z-]"));
    for (auto match = span.globalMatch(prose); match.hasNext();) {
        const QRegularExpressionMatch found = match.next();
        const QString text = found.captured(1).simplified();
        if (!command.match(text).hasMatch() || text.contains(QLatin1Char('[')) ||
            text.contains(QLatin1Char('|')) || text.contains(QChar(0x2026)) || startsTheSimulator(text))
            continue;
        const int line = proseLines.value(prose.left(found.capturedStart()).count(QLatin1Char('\n')));
        examples.append(Example{text, line, false});
    }
    return examples;
}

QProcessEnvironment TestReadmeExamples::environment(const QString& home, bool withVariables) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    // The Secret Service is reached over D-Bus (tests/run-tests.sh: a throwaway GNOME Keyring), so the
    // tool's own data (journal, first sightings, history) can have a fresh folder of its own.
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    environment.insert(QStringLiteral("PATH"), QFileInfo(QStringLiteral(AJM_CLI_PATH)).absolutePath() +
                                                   QLatin1Char(':') +
                                                   environment.value(QStringLiteral("PATH")));
    environment.remove(QStringLiteral("ALCHEMYST_AI_API_KEY"));
    environment.remove(QStringLiteral("ALCHEMYST_AI_BASE_URL"));
    if (withVariables) {
        // What the README's simulator block exports before its commands.
        environment.insert(QStringLiteral("ALCHEMYST_AI_BASE_URL"), m_url);
        environment.insert(QStringLiteral("ALCHEMYST_AI_API_KEY"), SimulatorToken);
    }
    return environment;
}

void TestReadmeExamples::examples_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<bool>("block");
    const QList<Example> examples = readExamples();
    int blocks = 0;
    for (const Example& example : examples) {
        QString script;
        for (const QString& line : example.text.split(QLatin1Char('\n'))) {
            if (!startsTheSimulator(line)) // that one is running: initTestCase() started it as written
                script += line + QLatin1Char('\n');
        }
        script.replace(QLatin1String("<URL>"), m_url);
        script.replace(DefaultServer, m_url);
        script.replace(QLatin1String("COMMAND"), QLatin1String("list"));
        blocks += example.block ? 1 : 0;
        QTest::newRow(qPrintable(QStringLiteral("README.md:%1 %2")
                                     .arg(example.line)
                                     .arg(example.text.section(QLatin1Char('\n'), 0, 0).left(60))))
            << script << example.block;
    }
    // The README shows the environments block and the simulator block, and commands in its prose: a
    // parser that finds none would pass vacuously.
    QVERIFY2(blocks >= 2, "fewer than two README shell blocks with alchemyst-jobs found");
    QVERIFY2(examples.size() - blocks >= 5, "fewer than five inline alchemyst-jobs commands found");
}

void TestReadmeExamples::examples()
{
    QFETCH(QString, script);
    QFETCH(bool, block);
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcess shell;
    // Inline commands run where the README's simulator block left the shell (its exports); blocks as
    // written from a fresh home, in one bash that stops at the first command that fails.
    shell.setProcessEnvironment(environment(home.path(), !block));
    shell.start(QStringLiteral("bash"), {QStringLiteral("-e"), QStringLiteral("-o"),
                                         QStringLiteral("pipefail"), QStringLiteral("-c"), script});
    QVERIFY(shell.waitForStarted());
    // `login` reads the key from standard input.
    shell.write((SimulatorToken + QLatin1Char('\n')).toUtf8());
    shell.closeWriteChannel();
    QVERIFY(shell.waitForFinished(60000));
    const QString out = QString::fromUtf8(shell.readAllStandardOutput());
    const QString err = QString::fromUtf8(shell.readAllStandardError());
    // `stuck --exit-code` answers with its status: 1 says "stuck", which the simulator's demo always has.
    const bool exitCodeExample = script.contains(QLatin1String("stuck --exit-code")) && !block;
    const int expected = exitCodeExample ? 1 : 0;
    QVERIFY2(shell.exitStatus() == QProcess::NormalExit && shell.exitCode() == expected,
             qPrintable(QStringLiteral("exit %1\n--- script\n%2--- stdout\n%3--- stderr\n%4")
                            .arg(shell.exitCode())
                            .arg(script, out.left(2000), err.left(2000))));
}

void TestReadmeExamples::synopsisIsTheProgramsOwn()
{
    // The synopsis block under "## Command-line tool" (its first ``` block): every form it shows is one
    // the command's own --help prints, so that neither drifts from the other.
    QFile file(QStringLiteral(AJM_SOURCE_DIR "/README.md"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString readme = QString::fromUtf8(file.readAll());
    const QString section = readme.section(QStringLiteral("## Command-line tool\n"), 1);
    const QString block = section.section(QStringLiteral("```\n"), 1, 1);
    QVERIFY(!block.isEmpty());
    // Continuation lines start with blanks; "env list … | env add …" puts two commands' forms on a line.
    const auto forms = [](const QString& text) {
        QString joined = text;
        joined.replace(QRegularExpression(QStringLiteral("\n\\s+")), QStringLiteral(" "));
        QStringList result;
        static const QRegularExpression another(QStringLiteral(" \\| (?=(?:env|logout) )"));
        for (const QString& line : joined.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            for (QString form : line.split(another)) {
                form = form.simplified();
                if (!form.startsWith(QLatin1String("alchemyst-jobs ")))
                    form.prepend(QStringLiteral("alchemyst-jobs "));
                result.append(form);
            }
        }
        return result;
    };
    QStringList shown = forms(block);
    QVERIFY(shown.size() >= 15);
    shown.removeFirst(); // the global form: the overview's own words
    QStringList own;
    for (const QString& form : std::as_const(shown)) {
        const QString command = form.section(QLatin1Char(' '), 1, 1);
        QProcess help;
        help.start(QStringLiteral(AJM_CLI_PATH), {command, QStringLiteral("--help")});
        QVERIFY(help.waitForFinished(10000));
        const QString page = QString::fromUtf8(help.readAllStandardOutput());
        QString usage = page.section(QStringLiteral("\n\n"), 0, 0);
        usage.remove(QRegularExpression(QStringLiteral("^Usage: ")));
        usage.replace(QRegularExpression(QStringLiteral("\n\\s+(?=alchemyst-jobs )")), QStringLiteral("\n"));
        own += forms(usage);
        QVERIFY2(own.contains(form), qPrintable(QStringLiteral("README: %1\n--help:\n%2").arg(form, usage)));
    }
}

QTEST_GUILESS_MAIN(TestReadmeExamples)
#include "tst_readme_examples.moc"
