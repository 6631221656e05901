#include "jobs/staffing/plan_job.h"

#include "jobs/record_job.h"

namespace ensemble::jobs {

std::optional<std::int64_t> PlanIdOf(std::string_view payload) {
  return RecordIdOf(payload, "plan_id");
}

JobHandler PlanJobHandler(PlanSolve solve) {
  return RecordJobHandler(
      "plan_id", [solve = std::move(solve)](std::int64_t plan, const RecordProgress& progress) {
        return solve(plan, [&progress](int done, int total) { return progress(done, total); });
      });
}

}  // namespace ensemble::jobs
