#include "failuregroups.h"

#include <algorithm>
#include <vector>

namespace Alchemyst {

namespace {

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// 8-4-4-4-12 hex digits starting at `at`, not glued to a longer token.
bool isUuidAt(QStringView text, qsizetype at)
{
    constexpr qsizetype Length = 36;
    if (at + Length > text.size() || (at > 0 && isWordChar(text.at(at - 1))))
        return false;
    for (qsizetype i = 0; i < Length; ++i) {
        const QChar c = text.at(at + i);
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != QLatin1Char('-'))
                return false;
        } else if (!isHexDigit(c)) {
            return false;
        }
    }
    return at + Length == text.size() || !isWordChar(text.at(at + Length));
}

bool isQuote(QChar c)
{
    return c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`');
}

} // namespace

QString FailureGrouper::normalize(const QString& reason, QList<Slot>* parts)
{
    const QStringView text(reason);
    const qsizetype size = text.size();
    QString out;
    out.reserve(size);
    bool pendingSpace = false;
    // Whitespace between tokens becomes one space; none at either end.
    const auto put = [&](QStringView piece) {
        if (pendingSpace && !out.isEmpty())
            out += QLatin1Char(' ');
        pendingSpace = false;
        out += piece;
    };
    // Where a placeholder starts in `out` and what it stands for (only when the caller asked).
    const auto slot = [&](qsizetype at, Slot::Kind kind, QStringView value) {
        if (parts)
            parts->append(Slot{at, kind, value.toString()});
    };

    qsizetype i = 0;
    while (i < size) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            pendingSpace = true;
            ++i;
            continue;
        }
        if (isHexDigit(c) && isUuidAt(text, i)) {
            put(QStringView());
            slot(out.size(), Slot::Uuid, text.mid(i, 36));
            out += u"<uuid>";
            i += 36;
            continue;
        }
        if (isQuote(c)) {
            // A quoted token without spaces is a name or an id ('doc-77.pdf'); a quoted phrase is words.
            qsizetype end = i + 1;
            while (end < size && end - i <= 256 && text.at(end) != c && !text.at(end).isSpace())
                ++end;
            if (end < size && end > i + 1 && text.at(end) == c) {
                put(QStringView(&text.data()[i], 1));
                slot(out.size(), Slot::Name, text.mid(i + 1, end - i - 1));
                out += u"<id>";
                out += c;
                i = end + 1;
                continue;
            }
            put(QStringView(&text.data()[i], 1));
            ++i;
            continue;
        }
        if (!isWordChar(c)) {
            put(QStringView(&text.data()[i], 1));
            ++i;
            continue;
        }

        qsizetype end = i;
        bool digit = false;
        bool other = false;
        while (end < size && isWordChar(text.at(end))) {
            if (isAsciiDigit(text.at(end)))
                digit = true;
            else
                other = true;
            ++end;
        }
        if (!digit) {
            put(text.mid(i, end - i));
        } else if (!other) {
            // A number, with its decimals or thousands separators: 1.5, 12,400.
            while (end + 1 < size && (text.at(end) == QLatin1Char('.') || text.at(end) == QLatin1Char(',')) &&
                   isAsciiDigit(text.at(end + 1))) {
                end += 2;
                while (end < size && isAsciiDigit(text.at(end)))
                    ++end;
            }
            put(QStringView());
            slot(out.size(), Slot::Number, text.mid(i, end - i));
            out += QLatin1Char('#');
        } else if (end - i >= 6) {
            put(QStringView());
            slot(out.size(), Slot::Id, text.mid(i, end - i));
            out += u"<id>";
        } else {
            // Short mixes are units and versions: 31MB -> #MB, v2 -> v#.
            put(QStringView());
            for (qsizetype k = i; k < end;) {
                if (isAsciiDigit(text.at(k))) {
                    const qsizetype from = k;
                    while (k < end && isAsciiDigit(text.at(k)))
                        ++k;
                    slot(out.size(), Slot::Number, text.mid(from, k - from));
                    out += QLatin1Char('#');
                } else {
                    out += text.at(k);
                    ++k;
                }
            }
        }
        i = end;
    }
    return out;
}

QString FailureGrouper::normalize(const QString& reason)
{
    return normalize(reason, nullptr);
}

QString FailureGrouper::templateLabel(const QString& key, const QList<Slot>& parts, const QList<bool>& varies)
{
    QString out;
    out.reserve(key.size() + 8 * parts.size());
    qsizetype from = 0;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const Slot& part = parts.at(i);
        out += QStringView(key).mid(from, part.at - from);
        const bool varied = i >= varies.size() || varies.at(i);
        switch (part.kind) {
        case Slot::Number:
            out += varied ? QStringView(u"\u2039n\u203A") : QStringView(part.value);
            from = part.at + 1;
            break;
        case Slot::Id:
            out += varied ? QStringView(u"\u2039id\u203A") : QStringView(part.value);
            from = part.at + 4;
            break;
        case Slot::Name:
            out += varied ? QStringView(u"\u2039name\u203A") : QStringView(part.value);
            from = part.at + 4;
            break;
        case Slot::Uuid:
            out += varied ? QStringView(u"\u2039uuid\u203A") : QStringView(part.value);
            from = part.at + 6;
            break;
        }
    }
    out += QStringView(key).mid(from);
    return out;
}

int FailureGrouper::reasonIndex(const QString& reason)
{
    const auto it = m_reasonIndex.constFind(reason);
    if (it != m_reasonIndex.cend())
        return it.value();
    QList<Slot> parts;
    const QString key = normalize(reason, &parts);
    auto keyIt = m_keyIndex.constFind(key);
    if (keyIt == m_keyIndex.cend()) {
        keyIt = m_keyIndex.insert(key, static_cast<int>(m_keys.size()));
        m_keys.append(key);
        m_templates.append(Template{parts, QList<bool>(parts.size(), false)});
    } else {
        // Which placeholders took more than one value among the texts of this key: only those are left
        // as placeholders in its label. Slots at other places (the same key from a differently built
        // text) make every placeholder stay one.
        Template& known = m_templates[keyIt.value()];
        bool sameShape = known.parts.size() == parts.size();
        for (qsizetype i = 0; sameShape && i < parts.size(); ++i)
            sameShape = known.parts.at(i).at == parts.at(i).at && known.parts.at(i).kind == parts.at(i).kind;
        for (qsizetype i = 0; i < known.varies.size(); ++i) {
            if (!sameShape || known.parts.at(i).value != parts.at(i).value)
                known.varies[i] = true;
        }
    }
    const int index = static_cast<int>(m_reasonKeys.size());
    m_reasonKeys.append(keyIt.value());
    m_reasonTexts.append(reason);
    m_reasonIndex.insert(reason, index);
    return index;
}

void FailureGrouper::learn(const JobList& jobs)
{
    for (const Job& job : jobs) {
        if (m_reasonIndex.size() >= MaxCachedReasons)
            return;
        if (job.state == QLatin1String("failed"))
            reasonIndex(job.failedReason);
    }
}

QString FailureGrouper::keyOf(const QString& reason)
{
    return m_keys.at(m_reasonKeys.at(reasonIndex(reason)));
}

bool FailureGrouper::matches(const Job& job, const QString& key)
{
    return job.state == QLatin1String("failed") && keyOf(job.failedReason) == key;
}

void FailureGrouper::clearCache()
{
    m_reasonIndex.clear();
    m_reasonKeys.clear();
    m_reasonTexts.clear();
    m_keyIndex.clear();
    m_keys.clear();
    m_templates.clear();
}

FailureGroupList FailureGrouper::group(const JobList& jobs, JobIdsOption ids)
{
    if (m_reasonIndex.size() > MaxCachedReasons)
        clearCache();

    struct Building
    {
        int key = 0;
        QList<int> reasons; // distinct, in order of first appearance
        FailureGroup group;
    };
    std::vector<Building> building;
    std::vector<int> groupOfKey(static_cast<size_t>(m_keys.size()), -1);
    std::vector<int> reasonCount(static_cast<size_t>(m_reasonKeys.size()), 0);

    for (const Job& job : jobs) {
        if (job.state != QLatin1String("failed"))
            continue;
        const int reason = reasonIndex(job.failedReason);
        const int key = m_reasonKeys.at(reason);
        if (static_cast<size_t>(key) >= groupOfKey.size())
            groupOfKey.resize(static_cast<size_t>(m_keys.size()), -1);
        if (static_cast<size_t>(reason) >= reasonCount.size())
            reasonCount.resize(static_cast<size_t>(m_reasonKeys.size()), 0);
        int& groupIndex = groupOfKey[static_cast<size_t>(key)];
        if (groupIndex < 0) {
            groupIndex = static_cast<int>(building.size());
            building.push_back(Building{key, {}, {}});
        }
        Building& entry = building[static_cast<size_t>(groupIndex)];
        if (reasonCount[static_cast<size_t>(reason)]++ == 0)
            entry.reasons.append(reason);
        ++entry.group.count;
        if (ids == WithJobIds)
            entry.group.jobIds.append(job.id);
    }

    FailureGroupList groups;
    groups.reserve(static_cast<qsizetype>(building.size()));
    for (Building& entry : building) {
        int best = entry.reasons.constFirst();
        for (const int reason : std::as_const(entry.reasons)) {
            if (reasonCount[static_cast<size_t>(reason)] > reasonCount[static_cast<size_t>(best)])
                best = reason;
        }
        entry.group.key = m_keys.at(entry.key);
        entry.group.reason = m_reasonTexts.at(best);
        entry.group.variants = static_cast<int>(entry.reasons.size());
        const Template& shape = m_templates.at(entry.key);
        entry.group.label = entry.group.variants == 1
                                ? entry.group.reason
                                : templateLabel(entry.group.key, shape.parts, shape.varies);
        groups.append(std::move(entry.group));
    }
    std::sort(groups.begin(), groups.end(), [](const FailureGroup& a, const FailureGroup& b) {
        if (a.count != b.count)
            return a.count > b.count;
        const int byText = a.reason.compare(b.reason);
        return byText != 0 ? byText < 0 : a.key < b.key;
    });
    return groups;
}

} // namespace Alchemyst
