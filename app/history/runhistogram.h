#pragma once

#include <QByteArray>
#include <QtGlobal>
#include <utility>
#include <vector>

namespace Alchemyst {

// Run times (finishedOn − processedOn) of one interval as counts in logarithmic bins, four to a doubling:
// a quantile read from it is within ±9% of the exact one, two intervals merge exactly (a minute into its
// hour), and a minute with a thousand completions costs a few dozen bytes instead of a thousand samples.
class RunHistogram
{
public:
    void add(qint64 ms, quint32 count = 1);
    void merge(const RunHistogram& other);
    bool isEmpty() const { return m_bins.empty(); }
    quint64 count() const;
    // The q-quantile (0..1) by nearest rank, as the middle of its bin; -1 when empty.
    qint64 quantile(double q) const;

    // Pairs of (bin: 1 byte, count: 4 bytes little-endian), bins ascending. A blob that does not parse is
    // an empty histogram: a chart loses a run-time point, nothing else.
    QByteArray toBlob() const;
    static RunHistogram fromBlob(const QByteArray& blob);

    static int binOf(qint64 ms);
    static qint64 valueOf(int bin);

private:
    std::vector<std::pair<quint8, quint32>> m_bins; // ascending by bin
};

} // namespace Alchemyst
