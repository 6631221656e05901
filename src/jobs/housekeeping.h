// The recurring clean-up job. Sessions past their timeouts go, and so do sign-in failures past
// the throttling window: they hold e-mail and IP addresses, kept no longer than they serve.
// Finished jobs go after a month, the files of the answers' exports after a day. Audit lines past
// the retention go too, once sealed, leaving a checkpoint of what was purged. Each run queues the
// next one, and every server queues one at start when none waits, so the chain survives a run that
// failed for good.
#pragma once

#include <string_view>

#include "core/clock.h"
#include "jobs/job_runner.h"
#include "storage/database.h"

namespace ensemble::jobs {

inline constexpr std::string_view kHousekeepingKind = "housekeeping";

struct HousekeepingOptions {
  UnixMillis interval = 60LL * 60 * 1000;  // between runs
  UnixMillis session_idle_timeout = 30LL * 60 * 1000;
  UnixMillis session_absolute_timeout = 12LL * 60 * 60 * 1000;
  UnixMillis throttle_window = 15LL * 60 * 1000;
  // Successful sign-ins are kept this long: they make an address trusted (sign_in_limits.h).
  UnixMillis trusted_address_for = 30LL * 24 * 60 * 60 * 1000;
  UnixMillis password_resets_kept = 24LL * 60 * 60 * 1000;
  UnixMillis finished_jobs_kept = 30LL * 24 * 60 * 60 * 1000;
  UnixMillis answer_exports_kept = 24LL * 60 * 60 * 1000;  // the server sets app/surveys's own
  // Audit lines older than this many calendar months are purged, behind a checkpoint that keeps
  // the rest verifiable (storage/audit/audit_chain.h). CNIL délibération 2021-122 recommends
  // keeping such logs from six months to a year.
  int audit_retention_months = 12;
};

// Queues a run due at `at` unless one is queued already.
Status ScheduleHousekeeping(storage::Database& database, UnixMillis at, UnixMillis now);

JobHandler HousekeepingHandler(storage::Database& database, const Clock& clock,
                               HousekeepingOptions options);

}  // namespace ensemble::jobs
