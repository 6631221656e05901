// The handler of the "staffing_plan" jobs that StaffingUseCases::RequestPlan queues: a record job
// (jobs/record_job.h) whose payload is {"plan_id": N}, reporting each month solved as its
// progress.
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
