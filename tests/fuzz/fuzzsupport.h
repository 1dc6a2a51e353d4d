#pragma once

#include <QCoreApplication>
#include <cstdio>
#include <cstdlib>

// Shared by the fuzz targets: one application object for Qt calls that want one, and a failed
// invariant that libFuzzer reports as a crash with the input that caused it.
namespace AjmFuzz {

inline void ensureApplication()
{
    // libFuzzer's own flags (-max_total_time=...) are not for Qt: give it a clean argv.
    static int argc = 1;
    static char name[] = "ajm-fuzz";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
}

[[noreturn]] inline void fail(const char* what)
{
    std::fprintf(stderr, "ajm-fuzz: invariant violated: %s\n", what);
    std::abort();
}

} // namespace AjmFuzz

#define AJM_FUZZ_CHECK(condition)                                                                            \
    do {                                                                                                     \
        if (!(condition))                                                                                    \
            AjmFuzz::fail(#condition);                                                                       \
    } while (false)
