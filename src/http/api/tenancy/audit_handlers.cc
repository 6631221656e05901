// The audit log over HTTP: a structure's log (JSON, paged, and CSV), a person's own account
// activity, and the platform administrator's view of sign-ins. Filters are checked here; who may
// read what is decided in the use cases.
#include <boost/json.hpp>
#include <chrono>

#include "core/text.h"
#include "documents/csv_writer.h"
#include "http/api/handler_support.h"
#include "http/api/json_body.h"
#include "http/api/tenancy/audit_labels.h"
#include "http/api/tenancy/handlers.h"
#include "http/api/tenancy/json_views.h"

namespace ensemble::http::handlers {

using documents::AppendCsvRecord;
using documents::kUtf8Bom;
namespace {

// A date YYYY-MM-DD as the UTC midnight that starts it, in milliseconds.
Result<UnixMillis> ParseDate(std::string_view field, std::string_view text) {
  using namespace std::chrono;
  auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    const auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (y && m && d) {
      const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)},
                                day{static_cast<unsigned>(*d)}};
      if (date.ok()) {
        return duration_cast<milliseconds>(sys_days{date}.time_since_epoch()).count();
      }
    }
  }
  return Fail(ErrorCode::kInvalidArgument, "core.query.bad_date", std::string(field));
}

Result<bool> ParseBool(std::string_view field, std::optional<std::string_view> text) {
  if (!text || text->empty() || *text == "false") return false;
  if (*text == "true") return true;
  return Fail(ErrorCode::kInvalidArgument, "core.query.bad_boolean", std::string(field));
}

// ?action= among `known` (an unknown code is a mistake, not an empty answer).
template <typename Known>
Result<std::string> ParseAction(const Request& request, Known known) {
  const auto action = request.QueryParam("action");
  if (!action || action->empty()) return std::string();
  if (!known(*action))
    return Fail(ErrorCode::kInvalidArgument, "tenancy.audit.unknown_action", "action");
  return std::string(*action);
}

Result<audit::AuditFilter> ParseAuditFilter(RouteContext& context) {
  audit::AuditFilter filter;
  filter.owner = ENSEMBLE_TRY(context.params.Id("id"));
  const Request& request = context.request;
  filter.action = ENSEMBLE_TRY(ParseAction(request, audit::IsAuditAction));
  if (auto person = request.QueryParam("person_id"); person && !person->empty()) {
    filter.person_id = ENSEMBLE_TRY(ParseId("person_id", *person));
  }
  if (auto from = request.QueryParam("from"); from && !from->empty()) {
    filter.from = ENSEMBLE_TRY(ParseDate("from", *from));
  }
  if (auto to = request.QueryParam("to"); to && !to->empty()) {
    // "to" names the last day wanted, so the window ends at the following midnight.
    filter.to = ENSEMBLE_TRY(ParseDate("to", *to)) + 24LL * 60 * 60 * 1000;
  }
  if (filter.from && filter.to && *filter.from >= *filter.to) {
    return Fail(ErrorCode::kInvalidArgument, "tenancy.audit.range_reversed", "to");
  }
  if (ENSEMBLE_TRY(ParseBool("hide_own_reads", request.QueryParam("hide_own_reads")))) {
    filter.hide_reads_of = context.actor().person_id;
  }
  return filter;
}

Response PagedAudit(const Page<audit::AuditEntry>& result, std::int64_t page_number,
                    PageRequest page, Language language) {
  boost::json::array items;
  for (const auto& entry : result.items) items.push_back(ToJson(entry, language));
  return JsonAnswer(PagedJson(std::move(items), page_number, page, result.total));
}

std::string OptionalNumber(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : std::string();
}

}  // namespace

Result<Response> ReadAuditLog(app::TenancyUseCases& app, RouteContext& context) {
  const auto filter = ENSEMBLE_TRY(ParseAuditFilter(context));
  std::int64_t page_number = 1;
  const auto page = ENSEMBLE_TRY(ParsePaging(context.request, page_number));
  return PagedAudit(ENSEMBLE_TRY(app.ReadAuditLog(context.actor(), filter, page)), page_number,
                    page, context.language);
}

Result<Response> ExportAuditLogCsv(app::TenancyUseCases& app, RouteContext& context) {
  const auto filter = ENSEMBLE_TRY(ParseAuditFilter(context));
  const auto lines = ENSEMBLE_TRY(app.ExportAuditLog(context.actor(), filter));
  std::string csv(kUtf8Bom);
  AppendCsvRecord(
      csv, {"id", "date", "personne_id", "personne", "agissant_pour_id", "agissant_pour", "action",
            "donnee", "donnee_id", "parametres", "modifications", "sequence", "empreinte",
            "action_libelle", "donnee_libelle", "parametres_libelles", "modifications_libelles"});
  // The codes stay for whoever processes the file; the labels, in the reader's language, for
  // whoever reads it.
  const Language language = context.language;
  for (const auto& line : lines) {
    AppendCsvRecord(
        csv, {std::to_string(line.id), FormatIso8601(line.at), OptionalNumber(line.person_id),
              line.person_name, OptionalNumber(line.acting_structure_id),
              line.acting_structure_name, line.action, line.record_kind, line.record_id,
              line.params, line.changes, OptionalNumber(line.chain_seq), line.hash.value_or(""),
              CodeLabel("tenancy.audit.action.", line.action, language),
              CodeLabel("tenancy.audit.record.", line.record_kind, language),
              ReadableParams(line, language), ReadableChanges(line, language)});
  }
  Response response;
  response.status = 200;
  response.body = std::move(csv);
  response.SetHeader("Content-Type", "text/csv; charset=utf-8");
  response.SetHeader("Content-Disposition", "attachment; filename=\"journal-audit-" +
                                                std::to_string(filter.owner) + ".csv\"");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Result<Response> ListMyActivity(app::TenancyUseCases& app, RouteContext& context) {
  const auto action = ENSEMBLE_TRY(ParseAction(context.request, audit::IsAccountAction));
  std::int64_t page_number = 1;
  const auto page = ENSEMBLE_TRY(ParsePaging(context.request, page_number));
  return PagedAudit(ENSEMBLE_TRY(app.ListMyAccountActivity(context.actor(), action, page)),
                    page_number, page, context.language);
}

Result<Response> ListSignIns(app::TenancyUseCases& app, RouteContext& context) {
  audit::AccountActivityFilter filter;
  filter.action = ENSEMBLE_TRY(ParseAction(context.request, audit::IsAccountAction));
  if (auto person = context.request.QueryParam("person_id"); person && !person->empty()) {
    filter.person_id = ENSEMBLE_TRY(ParseId("person_id", *person));
  }
  std::int64_t page_number = 1;
  const auto page = ENSEMBLE_TRY(ParsePaging(context.request, page_number));
  return PagedAudit(ENSEMBLE_TRY(app.ListSignIns(context.actor(), filter, page)), page_number, page,
                    context.language);
}

}  // namespace ensemble::http::handlers
