/* SPDX-License-Identifier: ISC */
/*
 * The coordinator API's paths and the list keys the client uses, in one
 * place so that the client repeats no string literal of the protocol
 * (see docs/api.md and daemon/api_*.c).
 */
#ifndef ROTA_API_PATHS_H
#define ROTA_API_PATHS_H

#define API_PREFIX          "/api/v1"
#define API_VERSION_PATH    API_PREFIX
#define API_HOMES           API_PREFIX "/homes"
#define API_YOUTHS          API_PREFIX "/youths"
#define API_SLOTS           API_PREFIX "/slots"
#define API_ASSIGNMENTS     API_PREFIX "/assignments"
#define API_VIOLATIONS      API_PREFIX "/violations"
#define API_SCHEDULE        API_PREFIX "/schedule"
#define API_IMPORT          API_PREFIX "/import"
#define API_EXPORT          API_PREFIX "/export"
#define API_SETTINGS        API_PREFIX "/settings"
#define API_SCHOOL_CALENDAR API_PREFIX "/school-calendar"
#define API_CALENDARS       API_PREFIX "/school-calendars"
#define API_CALENDARS_KEY   "school_calendars"
#define API_ALL_FEED        API_PREFIX "/feed"
#define API_HOURS           API_PREFIX "/hours"
#define API_USERS           API_PREFIX "/users"
#define API_PUBLISH         API_PREFIX "/publish"
#define API_PUBLISH_PREVIEW API_PUBLISH "/preview"
#define API_CANCEL_SUFFIX   "/cancel"
#define API_PASSWORD_SUFFIX "/password"
#define API_FEED_SUFFIX     "/feed"
#define API_CAND_SUFFIX     "/candidates"
#define API_CAND_KEY        "candidates"
#define API_LIMITS_SUFFIX   "/limits"
#define API_FORCE_QUERY     "force=true"
#define API_REASON_QUERY    "reason="
#define API_PURGE_QUERY     "purge=true"
#define API_NEXT_CURSOR     "next_cursor"
#define API_ERR_RULE        "rule_violation"
#define API_PAGE_LIMIT      "500"

#endif /* ROTA_API_PATHS_H */
