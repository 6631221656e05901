#include <boost/json.hpp>

#include "core/text.h"
#include "domain/tenancy/validation.h"
#include "http/api/handler_support.h"
#include "http/api/json_body.h"
#include "http/api/tenancy/handlers.h"
#include "http/api/tenancy/json_views.h"

namespace ensemble::http::handlers {
namespace {

Result<std::optional<std::string>> TextField(const JsonBody& body, std::string_view field) {
  return body.OptionalString(field);
}

}  // namespace

Result<Response> ListStructures(app::TenancyUseCases& app, RouteContext& context) {
  std::int64_t page_number = 1;
  const auto page = ENSEMBLE_TRY(ParsePaging(context.request, page_number));
  tenancy::StructureFilter filter;
  if (auto q = context.request.QueryParam("q"))
    filter.text = ENSEMBLE_TRY(CheckText("q", *q, 0, 200));
  if (auto kind = context.request.QueryParam("kind"); kind && !kind->empty()) {
    filter.kind = tenancy::ParseStructureKind(*kind);
    if (!filter.kind)
      return Fail(ErrorCode::kInvalidArgument, "tenancy.structure.unknown_kind", "kind");
  }
  auto result = ENSEMBLE_TRY(app.ListStructures(context.actor(), filter, page));
  boost::json::array items;
  for (const auto& entry : result.items) items.push_back(ToJson(entry.structure, entry.managed_by));
  return JsonAnswer(PagedJson(std::move(items), page_number, page, result.total));
}

Result<Response> CreateStructure(app::TenancyUseCases& app, RouteContext& context) {
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly(
      {"kind", "name", "siret", "address", "commune_insee", "territory", "managed_by"}));
  tenancy::Structure structure;
  const std::string kind = ENSEMBLE_TRY(body.RequiredString("kind"));
  const auto parsed_kind = tenancy::ParseStructureKind(kind);
  if (!parsed_kind)
    return Fail(ErrorCode::kInvalidArgument, "tenancy.structure.unknown_kind", "kind");
  structure.kind = *parsed_kind;
  structure.name = ENSEMBLE_TRY(body.RequiredString("name"));
  structure.siret = ENSEMBLE_TRY(body.NullableString("siret")).value_or(std::nullopt);
  structure.address = ENSEMBLE_TRY(TextField(body, "address")).value_or("");
  structure.commune_insee = ENSEMBLE_TRY(TextField(body, "commune_insee")).value_or("");
  structure.territory = ENSEMBLE_TRY(TextField(body, "territory")).value_or("");
  structure.managed_by = ENSEMBLE_TRY(body.NullableInt("managed_by")).value_or(std::nullopt);
  auto created = ENSEMBLE_TRY(app.CreateStructure(context.actor(), std::move(structure)));
  return JsonAnswer(ToJson(created), 201);
}

Result<Response> GetStructure(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.GetStructure(context.actor(), id))));
}

Result<Response> UpdateStructure(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"name", "siret", "address", "commune_insee", "territory"}));
  app::StructurePatch patch;
  patch.name = ENSEMBLE_TRY(TextField(body, "name"));
  patch.siret = ENSEMBLE_TRY(body.NullableString("siret"));
  patch.address = ENSEMBLE_TRY(TextField(body, "address"));
  patch.commune_insee = ENSEMBLE_TRY(TextField(body, "commune_insee"));
  patch.territory = ENSEMBLE_TRY(TextField(body, "territory"));
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.UpdateStructure(context.actor(), id, patch))));
}

Result<Response> ListStaff(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(ItemsJson(ENSEMBLE_TRY(app.ListStaff(context.actor(), id))));
}

Result<Response> ListPersonnelFiles(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(ItemsJson(ENSEMBLE_TRY(app.ListPersonnelFiles(context.actor(), id))));
}

Result<Response> CreatePersonnelFile(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"employee_name", "job_title", "contract", "notes"}));
  tenancy::PersonnelFile file;
  file.structure_id = id;
  file.employee_name = ENSEMBLE_TRY(body.RequiredString("employee_name"));
  file.job_title = ENSEMBLE_TRY(body.RequiredString("job_title"));
  file.contract = ENSEMBLE_TRY(body.RequiredString("contract"));
  file.notes = ENSEMBLE_TRY(body.OptionalString("notes")).value_or("");
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.CreatePersonnelFile(context.actor(), file))), 201);
}

Result<Response> GetPersonnelFile(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.GetPersonnelFile(context.actor(), id))));
}

Result<Response> UpdatePersonnelFile(app::TenancyUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(
      body.AllowOnly({"employee_name", "job_title", "contract", "notes", "version"}));
  app::PersonnelPatch patch;
  patch.employee_name = ENSEMBLE_TRY(body.OptionalString("employee_name"));
  patch.job_title = ENSEMBLE_TRY(body.OptionalString("job_title"));
  patch.contract = ENSEMBLE_TRY(body.OptionalString("contract"));
  patch.notes = ENSEMBLE_TRY(body.OptionalString("notes"));
  patch.version = ENSEMBLE_TRY(body.RequiredInt("version"));
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.UpdatePersonnelFile(context.actor(), id, patch))));
}

}  // namespace ensemble::http::handlers
