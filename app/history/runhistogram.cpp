#include "runhistogram.h"

#include <algorithm>
#include <cmath>

namespace Alchemyst {

namespace {
constexpr int BinsPerDoubling = 4;
constexpr int MaxBin = 255;
} // namespace

int RunHistogram::binOf(qint64 ms)
{
    if (ms <= 0)
        return 0;
    const int bin = 1 + static_cast<int>(std::floor(BinsPerDoubling * std::log2(static_cast<double>(ms))));
    return std::clamp(bin, 1, MaxBin);
}

qint64 RunHistogram::valueOf(int bin)
{
    if (bin <= 0)
        return 0;
    // The geometric middle of [2^((bin-1)/4), 2^(bin/4)).
    return std::llround(std::exp2((bin - 0.5) / BinsPerDoubling));
}

void RunHistogram::add(qint64 ms, quint32 count)
{
    if (count == 0)
        return;
    const auto bin = static_cast<quint8>(binOf(ms));
    auto it =
        std::lower_bound(m_bins.begin(), m_bins.end(), bin,
                         [](const std::pair<quint8, quint32>& entry, quint8 b) { return entry.first < b; });
    if (it != m_bins.end() && it->first == bin)
        it->second += count;
    else
        m_bins.insert(it, {bin, count});
}

void RunHistogram::merge(const RunHistogram& other)
{
    if (other.m_bins.empty())
        return;
    if (m_bins.empty()) {
        m_bins = other.m_bins;
        return;
    }
    std::vector<std::pair<quint8, quint32>> merged;
    merged.reserve(m_bins.size() + other.m_bins.size());
    auto a = m_bins.cbegin();
    auto b = other.m_bins.cbegin();
    while (a != m_bins.cend() || b != other.m_bins.cend()) {
        if (b == other.m_bins.cend() || (a != m_bins.cend() && a->first < b->first)) {
            merged.push_back(*a++);
        } else if (a == m_bins.cend() || b->first < a->first) {
            merged.push_back(*b++);
        } else {
            merged.emplace_back(a->first, a->second + b->second);
            ++a;
            ++b;
        }
    }
    m_bins = std::move(merged);
}

quint64 RunHistogram::count() const
{
    quint64 total = 0;
    for (const auto& entry : m_bins)
        total += entry.second;
    return total;
}

qint64 RunHistogram::quantile(double q) const
{
    const quint64 total = count();
    if (total == 0)
        return -1;
    const auto rank = std::max<quint64>(1, static_cast<quint64>(std::ceil(std::clamp(q, 0.0, 1.0) * total)));
    quint64 seen = 0;
    for (const auto& entry : m_bins) {
        seen += entry.second;
        if (seen >= rank)
            return valueOf(entry.first);
    }
    return valueOf(m_bins.back().first);
}

QByteArray RunHistogram::toBlob() const
{
    QByteArray blob;
    blob.reserve(static_cast<qsizetype>(m_bins.size() * 5));
    for (const auto& [bin, count] : m_bins) {
        blob.append(static_cast<char>(bin));
        for (int shift = 0; shift < 32; shift += 8)
            blob.append(static_cast<char>((count >> shift) & 0xff));
    }
    return blob;
}

RunHistogram RunHistogram::fromBlob(const QByteArray& blob)
{
    RunHistogram histogram;
    if (blob.size() % 5 != 0)
        return histogram;
    int previous = -1;
    for (qsizetype i = 0; i < blob.size(); i += 5) {
        const int bin = static_cast<quint8>(blob.at(i));
        quint32 count = 0;
        for (int byte = 0; byte < 4; ++byte)
            count |= static_cast<quint32>(static_cast<quint8>(blob.at(i + 1 + byte))) << (8 * byte);
        if (bin <= previous)
            return RunHistogram();
        previous = bin;
        if (count > 0)
            histogram.m_bins.emplace_back(static_cast<quint8>(bin), count);
    }
    return histogram;
}

} // namespace Alchemyst
