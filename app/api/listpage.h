#pragma once

#include "jobs/job.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Alchemyst {

// One page of GET /api/v1/context/add-async/status, read from its JSON object. One rule for the
// listing and for the connection check: a page is usable when it carries a "jobs" array.
struct ListPage
{
    bool usable = false; // a "jobs" array was there
    QString problem;     // why the page is not usable
    QString serverNote;  // "success": false with jobs given anyway: what the server said about it
    JobList jobs;        // the usable entries, in the server's order
    // For each of jobs, the index of its entry in raw: the one id reader (Job::fromJson) keys both.
    QList<int> rawIndex;
    QJsonArray raw;   // the page's entries as sent (shared with the parsed answer, no copy): data, etc.
    int received = 0; // entries in the array, usable or not (paging counts these)
    int skipped = 0;  // entries without a usable job id
};

ListPage parseListPage(const QJsonObject& payload);

} // namespace Alchemyst
