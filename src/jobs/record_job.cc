#include "jobs/record_job.h"

#include <boost/json.hpp>

namespace ensemble::jobs {

std::optional<std::int64_t> RecordIdOf(std::string_view payload, std::string_view key) {
  boost::system::error_code error;
  const boost::json::value value = boost::json::parse(payload, error);
  if (error || !value.is_object() || value.as_object().size() != 1) return std::nullopt;
  const boost::json::value* id = value.as_object().if_contains(key);
  if (id == nullptr || !id->is_int64() || id->as_int64() <= 0) return std::nullopt;
  return id->as_int64();
}

JobHandler RecordJobHandler(std::string key, RecordWork work) {
  return [key = std::move(key), work = std::move(work)](JobContext& context) -> Status {
    const auto id = RecordIdOf(context.job().payload, key);
    if (!id) {
      context.FailForGood();
      return Internal("a " + context.job().kind + " job's payload names no " + key);
    }
    return work(*id, [&context](std::int64_t done, std::int64_t total) -> Status {
      if (context.StopRequested()) return Unavailable("the server is stopping");
      return context.Progress(done, total);
    });
  };
}

}  // namespace ensemble::jobs
