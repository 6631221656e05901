#include "jobs/staffing/plan_job.h"

#include <boost/json.hpp>

namespace ensemble::jobs {

std::optional<std::int64_t> PlanIdOf(std::string_view payload) {
  boost::system::error_code error;
  const boost::json::value value = boost::json::parse(payload, error);
  if (error || !value.is_object() || value.as_object().size() != 1) return std::nullopt;
  const boost::json::value* id = value.as_object().if_contains("plan_id");
  if (id == nullptr || !id->is_int64() || id->as_int64() <= 0) return std::nullopt;
  return id->as_int64();
}

JobHandler PlanJobHandler(PlanSolve solve) {
  return [solve = std::move(solve)](JobContext& context) -> Status {
    const auto plan = PlanIdOf(context.job().payload);
    if (!plan) {
      context.FailForGood();
      return Internal("a plan job's payload names no plan run");
    }
    return solve(*plan, [&context](int done, int total) -> Status {
      if (context.StopRequested()) return Unavailable("the server is stopping");
      return context.Progress(done, total);
    });
  };
}

}  // namespace ensemble::jobs
