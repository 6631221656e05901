// A job that works on one record a use case queued it for: its payload is exactly
// {"<key>": N}, N the record's id, and the work reports its progress (which renews the lease).
// A payload that names no record ends the job failed at once; a lost lease or a stopping server
// stops the work, and the record is taken up again by whichever worker claims the job next.
// The staffing plans and the surveys' exports are such jobs.
//
// Thread-safety: `work` must be safe to call from the runner's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "jobs/job_runner.h"

namespace ensemble::jobs {

using RecordProgress = std::function<Status(std::int64_t done, std::int64_t total)>;
using RecordWork = std::function<Status(std::int64_t id, const RecordProgress& progress)>;

// The record's id in a payload, if it is exactly {"<key>": N} with N positive.
std::optional<std::int64_t> RecordIdOf(std::string_view payload, std::string_view key);

JobHandler RecordJobHandler(std::string key, RecordWork work);

}  // namespace ensemble::jobs
