#include "listpage.h"

#include "api/apiclient.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Alchemyst {

ListPage parseListPage(const QJsonObject& payload)
{
    ListPage page;
    const QJsonValue jobsValue = payload.value(QLatin1String("jobs"));
    if (!jobsValue.isArray()) {
        page.problem = QCoreApplication::translate("ListPage", "The job list has no \"jobs\" array.");
        const QString said = bestMessageFromObject(payload);
        if (!said.isEmpty())
            page.problem +=
                QLatin1Char(' ') + QCoreApplication::translate("ListPage", "The server said: %1").arg(said);
        return page;
    }
    page.usable = true;
    // The schema allows "success": false beside a jobs array. The jobs are the server's own answer, so
    // they are shown; what it said about them is passed on rather than dropped.
    if (payload.value(QLatin1String("success")) == QJsonValue(false)) {
        page.serverNote = bestMessageFromObject(payload);
        if (page.serverNote.isEmpty())
            page.serverNote =
                QCoreApplication::translate("ListPage", "The server marked its answer \"success\": false.");
    }
    const QJsonArray jobs = jobsValue.toArray();
    page.raw = jobs;
    page.received = static_cast<int>(jobs.size());
    page.jobs.reserve(page.received); // once per page, never growing
    page.rawIndex.reserve(page.received);
    for (int i = 0; i < page.received; ++i) {
        const QJsonValue value = jobs.at(i);
        std::optional<Job> job = value.isObject() ? Job::fromJson(value.toObject()) : std::nullopt;
        if (job) {
            page.jobs.append(std::move(*job));
            page.rawIndex.append(i);
        } else {
            ++page.skipped;
        }
    }
    return page;
}

} // namespace Alchemyst
