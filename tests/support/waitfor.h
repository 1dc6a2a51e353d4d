#pragma once

#include <QTest>
#include <functional>
#include <optional>

// Runs an async call of the client and waits (event loop running) until its callback delivered a value.
// A call that never calls back fails the test instead of hanging it.
template <typename Result, typename Start>
Result waitFor(Start start, int timeoutMs = 15000)
{
    std::optional<Result> result;
    start([&result](const Result& value) { result = value; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
        QTest::qFail("the call did not call back in time", __FILE__, __LINE__);
    return result.value_or(Result{});
}
