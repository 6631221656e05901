#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/api/handler_support.h"
#include "http/api/json_body.h"
#include "http/api/tenancy/handlers.h"
#include "http/api/tenancy/json_views.h"

namespace ensemble::http::handlers {

Result<Response> ListMyCollectives(app::TenancyUseCases& app, RouteContext& context) {
  return JsonAnswer(ItemsJson(ENSEMBLE_TRY(app.ListMyCollectives(context.actor()))));
}

Result<Response> GetCollective(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.GetCollective(context.actor(), id))));
}

Result<Response> GetSharing(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto sharing = ENSEMBLE_TRY(app.GetSharing(context.actor(), id));
  boost::json::array kinds;
  for (const auto kind : tenancy::AllRecordKinds()) kinds.emplace_back(tenancy::ToString(kind));
  boost::json::array members;
  for (const auto& member : sharing) members.push_back(ToJson(member));
  return JsonAnswer(
      boost::json::object{{"record_kinds", std::move(kinds)}, {"members", std::move(members)}});
}

Result<Response> SetSharing(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const auto member = ENSEMBLE_TRY(context.params.Id("structure_id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"levels"}));
  const boost::json::object* levels = ENSEMBLE_TRY(body.RequiredObject("levels"));
  if (levels->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "tenancy.sharing.no_kind", "levels");
  }
  std::vector<std::pair<tenancy::RecordKind, tenancy::SharingLevel>> changes;
  for (const auto& entry : *levels) {
    const std::string field = fmt::format("levels.{}", std::string_view(entry.key()));
    const auto kind = tenancy::ParseRecordKind(entry.key());
    if (!kind) return Fail(ErrorCode::kInvalidArgument, "tenancy.sharing.unknown_kind", field);
    if (!entry.value().is_string()) {
      return Fail(ErrorCode::kInvalidArgument, "tenancy.sharing.bad_level", field);
    }
    const auto level = tenancy::ParseSharingLevel(entry.value().as_string());
    if (!level) {
      return Fail(ErrorCode::kInvalidArgument, "tenancy.sharing.bad_level", field);
    }
    changes.emplace_back(*kind, *level);
  }
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.SetSharing(context.actor(), id, member, changes))));
}

Result<Response> SetDisclosureThreshold(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"threshold"}));
  const auto threshold = ENSEMBLE_TRY(body.RequiredInt("threshold"));
  return JsonAnswer(
      ToJson(ENSEMBLE_TRY(app.SetDisclosureThreshold(context.actor(), id, threshold))));
}

Result<Response> SetReferent(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const auto member = ENSEMBLE_TRY(context.params.Id("structure_id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"person_id"}));
  const auto person = ENSEMBLE_TRY(body.NullableInt("person_id"));
  if (!person)
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.json.required", {{"field", "person_id"}}}, "person_id");
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.SetReferent(context.actor(), id, member, *person))));
}

}  // namespace ensemble::http::handlers
