#include <boost/json.hpp>

#include "core/text.h"
#include "http/api/handler_support.h"
#include "http/api/json_body.h"
#include "http/api/surveys/handlers.h"
#include "http/error_mapping.h"
#include "i18n/i18n.h"

namespace ensemble::http::handlers {
namespace {

constexpr std::size_t kMaxFileNameBytes = 255;

boost::json::array Strings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const std::string& value : values) out.emplace_back(value);
  return out;
}

// The acting structure's key as its people see it: never a half of it.
boost::json::object KeyJson(const app::FormKeyView& key) {
  return boost::json::object{{"tag", key.tag},
                             {"created_by_name", key.created_by_name},
                             {"created_at", key.created_at},
                             {"passphrase_set_at", key.passphrase_set_at}};
}

boost::json::object SummaryJson(const app::FormSummary& summary) {
  const surveys::SurveyForm& f = summary.form;
  return boost::json::object{{"id", f.id},
                             {"title", f.title},
                             {"xform_id", f.xform_id},
                             {"owner_id", f.owner},
                             {"owner_name", summary.owner_name},
                             {"collective_id", f.collective ? boost::json::value(*f.collective)
                                                            : boost::json::value(nullptr)},
                             {"collective_name", summary.collective_name},
                             {"state", surveys::ToString(f.state)},
                             {"current_version", f.current_version},
                             {"version", summary.version},
                             {"own_answers", summary.own_answers},
                             {"threshold", f.threshold},
                             {"key", summary.key ? boost::json::value(KeyJson(*summary.key))
                                                 : boost::json::value(nullptr)},
                             {"actions", Strings(summary.actions)}};
}

boost::json::object DetailJson(const app::FormDetail& detail) {
  boost::json::object out = SummaryJson(detail.summary);
  boost::json::array versions;
  for (const surveys::FormVersion& v : detail.versions) {
    versions.push_back(boost::json::object{{"number", v.number},
                                           {"version", v.version},
                                           {"file_name", v.file_name},
                                           {"source_format", surveys::ToString(v.source_format)},
                                           {"xform_md5", v.xform_md5},
                                           {"created_at", v.created_at}});
  }
  out["versions"] = std::move(versions);
  return out;
}

// A problem of the file where the person sees it: sheet, row, column, and what is wrong in her
// language.
boost::json::array ProblemsJson(const std::vector<surveys::Problem>& problems, Language language) {
  boost::json::array out;
  for (const surveys::Problem& p : problems) {
    out.push_back(boost::json::object{
        {"sheet", p.sheet},
        {"row", p.row == 0 ? boost::json::value(nullptr) : boost::json::value(p.row)},
        {"column", p.column.empty() ? boost::json::value(nullptr) : boost::json::value(p.column)},
        {"message", i18n::Render(p.message, language)},
        {"message_id", p.message.id},
        {"params", ParamsJson(p.message)}});
  }
  return out;
}

Result<std::optional<std::int64_t>> OptionalIdParam(const RouteContext& context,
                                                    std::string_view name) {
  const auto text = context.request.QueryParam(name);
  if (!text || text->empty()) return std::nullopt;
  std::int64_t id = 0;
  for (const char c : *text) {
    if (c < '0' || c > '9' || id > 1'000'000'000'000) {
      return Fail(ErrorCode::kInvalidArgument, "surveys.upload.bad_collective", std::string(name));
    }
    id = id * 10 + (c - '0');
  }
  if (id == 0) {
    return Fail(ErrorCode::kInvalidArgument, "surveys.upload.bad_collective", std::string(name));
  }
  return id;
}

Result<std::string> TextParam(const RouteContext& context, std::string_view name,
                              std::size_t max_bytes) {
  const std::string text(context.request.QueryParam(name).value_or(""));
  if (!IsValidUtf8(text) || text.size() > max_bytes || text.find('\0') != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"surveys.upload.bad_text", {{"max", max_bytes}}}, std::string(name));
  }
  return text;
}

}  // namespace

Result<Response> ListForms(app::SurveysUseCases& app, RouteContext& context) {
  const app::FormList list = ENSEMBLE_TRY(app.ListForms(context.actor()));
  boost::json::array items;
  for (const app::FormSummary& summary : list.forms) items.push_back(SummaryJson(summary));
  return JsonAnswer(
      boost::json::object{{"items", std::move(items)}, {"actions", Strings(list.actions)}});
}

// The XLSForm is the body itself (an .xlsx, or a .csv as pyxform reads it), so that a page
// sends the file as it is; its name, the title and the collective come in the query.
Result<Response> CreateForm(app::SurveysUseCases& app, RouteContext& context) {
  app::FormUpload upload;
  upload.title = ENSEMBLE_TRY(TextParam(context, "title", 800));
  upload.file_name = ENSEMBLE_TRY(TextParam(context, "file_name", kMaxFileNameBytes));
  upload.collective = ENSEMBLE_TRY(OptionalIdParam(context, "collective_id"));
  if (context.request.body.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "surveys.upload.empty", "file");
  }
  upload.bytes = context.request.body;
  const app::FormImport imported = ENSEMBLE_TRY(app.CreateForm(context.actor(), upload));
  const boost::json::array warnings = ProblemsJson(imported.warnings, context.language);
  if (!imported.created) {
    const Message refused{"surveys.upload.refused", {{"count", imported.errors.size()}}};
    // The one shape of an error, with the list of what to fix in the file beside it.
    Error error;
    error.code = ErrorCode::kInvalidArgument;
    error.message = refused;
    error.field = "file";
    return ErrorAnswerWith(
        error, context.language,
        {{"problems", ProblemsJson(imported.errors, context.language)}, {"warnings", warnings}});
  }
  boost::json::object body = DetailJson(*imported.created);
  body["warnings"] = warnings;
  return JsonAnswer(body, 201);
}

Result<Response> GetForm(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(DetailJson(ENSEMBLE_TRY(app.GetForm(context.actor(), id))));
}

// Opens or closes the collection: {"state": "open" | "closed"}.
Result<Response> SetFormState(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const JsonBody body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"state"}));
  const auto state = surveys::FormStateFrom(ENSEMBLE_TRY(body.RequiredString("state")));
  if (!state) return Fail(ErrorCode::kInvalidArgument, "surveys.form.bad_state", "state");
  return JsonAnswer(DetailJson(ENSEMBLE_TRY(app.SetFormState(context.actor(), id, *state))));
}

Result<Response> CreateFormKey(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const JsonBody body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"passphrase"}));
  const std::string passphrase = ENSEMBLE_TRY(body.RequiredString("passphrase"));
  const app::CreatedFormKey created =
      ENSEMBLE_TRY(app.CreateFormKey(context.actor(), id, passphrase));
  boost::json::object json = KeyJson(created.key);
  json["version"] = created.version;
  // Shown once: the server keeps only what it seals.
  json["recovery_code"] = created.recovery_code;
  Response response = JsonAnswer(json, 201);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Result<Response> ResetFormKeyPassphrase(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const JsonBody body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"recovery_code", "passphrase"}));
  const std::string code = ENSEMBLE_TRY(body.RequiredString("recovery_code"));
  const std::string passphrase = ENSEMBLE_TRY(body.RequiredString("passphrase"));
  ENSEMBLE_TRY_STATUS(app.ResetFormKeyPassphrase(context.actor(), id, code, passphrase));
  return JsonAnswer(DetailJson(ENSEMBLE_TRY(app.GetForm(context.actor(), id))));
}

Result<Response> GetXForm(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  app::XFormDocument document = ENSEMBLE_TRY(app.GetXForm(context.actor(), id));
  Response response;
  response.status = 200;
  response.body = std::move(document.xform);
  response.SetHeader("Content-Type", "text/xml; charset=utf-8");
  response.SetHeader("ETag", "\"md5:" + document.md5 + "\"");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace ensemble::http::handlers
