#pragma once

#include <QtGlobal>
#include <array>
#include <deque>

namespace Alchemyst {

// What a request the budget admitted was for: the status bar's meter says what spent the share.
// RequestPacer::Purpose names the same values.
enum class RequestPurpose
{
    Pass,    // a page of a full pass over the lists
    Poll,    // the first page of a list, polled between passes
    Details, // one job, read for the details pane
    Cancel,  // a cancel
};
inline constexpr int RequestPurposeCount = 4;

// The requests of the last window (a minute), counted by purpose. A count only: the budget itself (what
// may go when) is RequestPacer's, and the times here are that pacer's clock.
class BudgetUsage
{
public:
    explicit BudgetUsage(qint64 windowMs = 60 * 1000);

    void setWindowMs(qint64 windowMs);
    qint64 windowMs() const { return m_windowMs; }
    void record(RequestPurpose purpose, qint64 now);
    // Requests of this purpose sent within the window that ends at now.
    int count(RequestPurpose purpose, qint64 now);
    int total(qint64 now);

private:
    void expire(qint64 now);

    qint64 m_windowMs;
    std::array<std::deque<qint64>, RequestPurposeCount> m_times; // oldest first, per purpose
};

// What the meter shows: a budget's spending in the last minute, read in one go.
struct BudgetSnapshot
{
    int share = 0;   // what the budget allows a minute when no 429 lowered it
    int allowed = 0; // what it allows now: the share, or less while it backs off after a 429
    int spent = 0;   // requests this process sent within the last minute
    // Every process's on this machine that share the budget (the window and CLI commands beside it);
    // -1 when there is no shared ledger or it could not be read.
    int machine = -1;
    std::array<int, RequestPurposeCount> byPurpose{};

    int of(RequestPurpose purpose) const { return byPurpose.at(static_cast<size_t>(purpose)); }
    bool backingOff() const { return allowed < share; }
    // Requests of other processes on this machine within the minute (0 when unknown).
    int others() const { return machine > spent ? machine - spent : 0; }
};

} // namespace Alchemyst
