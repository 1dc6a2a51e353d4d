#include "jobdatastore.h"

#include "jobs/job.h"

#include <QJsonArray>
#include <algorithm>
#include <limits>
#include <vector>

namespace Alchemyst {

namespace {

// What a parsed value costs beside its text: the element, its type and a share of its container.
constexpr qsizetype ValueOverhead = 16;

// Qt keeps an ASCII text of a parsed object at one byte a character, any other at two (UTF-16).
qsizetype textBytes(QStringView text)
{
    const bool ascii = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
    return ascii ? text.size() : 2 * text.size();
}

qsizetype estimateValue(const QJsonValue& value, qsizetype limit);

qsizetype estimateObject(const QJsonObject& object, qsizetype limit)
{
    qsizetype bytes = ValueOverhead;
    for (auto it = object.constBegin(); it != object.constEnd() && bytes <= limit; ++it)
        bytes += ValueOverhead + it.key().size() + estimateValue(it.value(), limit - bytes);
    return bytes;
}

// Stops counting once past limit: only whether a value fits matters then.
qsizetype estimateValue(const QJsonValue& value, qsizetype limit)
{
    switch (value.type()) {
    case QJsonValue::String:
        return textBytes(value.toString());
    case QJsonValue::Object:
        return estimateObject(value.toObject(), limit);
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        qsizetype bytes = ValueOverhead;
        for (qsizetype i = 0; i < array.size() && bytes <= limit; ++i)
            bytes += ValueOverhead + estimateValue(array.at(i), limit - bytes);
        return bytes;
    }
    default:
        return 0;
    }
}

// The start of a text within room bytes (by textBytes), ending in "..." rather than '…': an ASCII text stays
// ASCII, so that Qt keeps it at one byte a character.
QString cutText(const QString& text, qsizetype room)
{
    const qsizetype perChar = textBytes(text) > text.size() ? 2 : 1;
    qsizetype keep = qMax<qsizetype>(0, room / perChar - 3);
    if (keep > 0 && text.at(keep - 1).isHighSurrogate())
        --keep;
    return text.left(keep) + QLatin1String("...");
}

QJsonValue capValue(const QJsonValue& value, qsizetype& room, bool* cut);

QJsonObject capObject(const QJsonObject& object, qsizetype& room, bool* cut)
{
    // The small members first, whatever their keys: a large "documents" must not crowd out "source" and
    // "metadata", which sort after it and which the table and the pane show.
    struct Member
    {
        QString key;
        QJsonValue value;
        qsizetype bytes;
    };
    std::vector<Member> members;
    members.reserve(static_cast<size_t>(object.size()));
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        QString key = it.key();
        const qsizetype bytes = ValueOverhead + key.size() + estimateValue(it.value(), room);
        members.push_back({std::move(key), it.value(), bytes});
    }
    std::stable_sort(members.begin(), members.end(),
                     [](const Member& a, const Member& b) { return a.bytes < b.bytes; });
    QJsonObject out;
    room -= ValueOverhead;
    for (const Member& member : members) {
        const qsizetype cost = ValueOverhead + member.key.size();
        if (room < cost + ValueOverhead) {
            *cut = true;
            break;
        }
        room -= cost;
        out.insert(member.key, capValue(member.value, room, cut));
    }
    return out;
}

QJsonValue capValue(const QJsonValue& value, qsizetype& room, bool* cut)
{
    switch (value.type()) {
    case QJsonValue::String: {
        const QString text = value.toString();
        const qsizetype bytes = textBytes(text);
        if (bytes <= room) {
            room -= bytes;
            return value;
        }
        *cut = true;
        const QString kept = cutText(text, room);
        room = 0;
        return kept;
    }
    case QJsonValue::Object:
        return capObject(value.toObject(), room, cut);
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        QJsonArray out;
        room -= ValueOverhead;
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (room < 2 * ValueOverhead) {
                *cut = true;
                break;
            }
            room -= ValueOverhead;
            out.append(capValue(array.at(i), room, cut));
        }
        return out;
    }
    default:
        return value;
    }
}

bool isFinished(const QString& state)
{
    const StateCategory category = categoryOf(state);
    return category == StateCategory::Completed || category == StateCategory::Failed ||
           category == StateCategory::Cancelled;
}

} // namespace

qsizetype JobDataStore::estimateBytes(const QJsonObject& object)
{
    return estimateObject(object, std::numeric_limits<qsizetype>::max() / 2);
}

QJsonObject JobDataStore::capped(const QJsonObject& object, qsizetype maxBytes, bool* cut)
{
    bool wasCut = false;
    qsizetype room = maxBytes;
    QJsonObject out = capObject(object, room, &wasCut);
    if (cut)
        *cut = wasCut;
    return out;
}

bool JobDataStore::putListed(const QString& id, const QString& state, const QJsonObject& entry)
{
    const bool watched = !m_watched.isEmpty() && id == m_watched;
    if (!watched && state == QLatin1String("completed")) {
        remove(id);
        return false;
    }
    return put(id, state, entry.value(QLatin1String("data")).toObject());
}

bool JobDataStore::put(const QString& id, const QString& state, const QJsonObject& data)
{
    const bool watched = !m_watched.isEmpty() && id == m_watched;
    // The completed bulk keeps no data: 100,000 jobs must not hold 100,000 parsed objects.
    if (!watched && state == QLatin1String("completed")) {
        remove(id);
        return false;
    }
    auto existing = m_entries.find(id);
    if (existing == m_entries.end() && !watched && m_entries.size() >= m_maxJobs)
        return false;
    // The usual case, checked before anything is measured: the same small data as the last pass.
    if (existing != m_entries.end() && !existing->cut && existing->data == data) {
        setFinished(id, *existing, isFinished(state));
        return false;
    }
    Entry entry;
    entry.bytes = estimateObject(data, MaxBytesPerJob);
    entry.data = data;
    if (entry.bytes > MaxBytesPerJob) {
        entry.data = capped(data, MaxBytesPerJob, &entry.cut);
        entry.bytes = estimateBytes(entry.data);
    }
    entry.finished = isFinished(state);
    if (existing != m_entries.end()) {
        // A cut entry from a page again: the same start means nothing changed.
        if (existing->cut == entry.cut && existing->data == entry.data) {
            setFinished(id, *existing, entry.finished);
            return false;
        }
        unlink(*existing);
        m_total -= existing->bytes;
    }
    entry.serial = ++m_serial;
    (entry.finished ? m_finishedOrder : m_openOrder).emplace(entry.serial, id);
    m_total += entry.bytes;
    if (existing != m_entries.end())
        *existing = std::move(entry);
    else
        m_entries.insert(id, std::move(entry));
    evict();
    return true;
}

void JobDataStore::setFinished(const QString& id, Entry& entry, bool finished)
{
    if (entry.finished == finished)
        return;
    unlink(entry);
    entry.finished = finished;
    (finished ? m_finishedOrder : m_openOrder).emplace(entry.serial, id);
}

void JobDataStore::unlink(const Entry& entry)
{
    (entry.finished ? m_finishedOrder : m_openOrder).erase(entry.serial);
}

void JobDataStore::evict()
{
    // Finished jobs first (nothing more happens to them), then the longest unchanged; never the watched.
    for (std::map<quint64, QString>* order : {&m_finishedOrder, &m_openOrder}) {
        auto it = order->begin();
        while (m_total > m_budget && it != order->end()) {
            if (it->second == m_watched) {
                ++it;
                continue;
            }
            const auto entry = m_entries.constFind(it->second);
            if (entry != m_entries.constEnd()) {
                m_total -= entry->bytes;
                m_entries.erase(entry);
            }
            it = order->erase(it);
        }
    }
}

void JobDataStore::remove(const QString& id)
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.constEnd())
        return;
    unlink(*it);
    m_total -= it->bytes;
    m_entries.erase(it);
}

void JobDataStore::clear()
{
    m_entries.clear();
    m_finishedOrder.clear();
    m_openOrder.clear();
    m_total = 0;
}

} // namespace Alchemyst
