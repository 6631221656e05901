// The handler of the "staffing_plan" jobs that StaffingUseCases::RequestPlan queues: it reads
// the run's id from the payload ({"plan_id": N}) and hands it to the solve, reporting each month
// done as the job's progress (which renews its lease). A payload that names no run ends the job
// failed at once; a lost lease stops the solve, and the run is taken up again by whichever
// worker claims the job next.
//
// Thread-safety: `solve` must be safe to call from the runner's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "jobs/job_runner.h"

namespace ensemble::jobs {

using PlanMonthsProgress = std::function<Status(int done, int total)>;
using PlanSolve = std::function<Status(std::int64_t plan_id, const PlanMonthsProgress& progress)>;

// The run's id in a payload, if it is exactly {"plan_id": N} with N positive.
std::optional<std::int64_t> PlanIdOf(std::string_view payload);

JobHandler PlanJobHandler(PlanSolve solve);

}  // namespace ensemble::jobs
