// Devices collecting with ODK Collect, and the OpenRosa exchange they have with the server
// (https://docs.getodk.org/openrosa/, OpenRosa 1.0): the form list with each form's MD5, the
// form's download, HEAD of the submission URL (which tells the client the upload limit) and the
// multipart POST of a submission. The collector's secret in the path stands for its person
// acting for its structure: every decision is then the same use case as from the pages.
#include <algorithm>
#include <boost/json.hpp>

#include "core/text.h"
#include "http/api/handler_support.h"
#include "http/api/json_body.h"
#include "http/api/surveys/handlers.h"
#include "http/error_mapping.h"
#include "i18n/i18n.h"

namespace ensemble::http::handlers {
namespace {

constexpr std::string_view kOpenRosaVersion = "1.0";

void AppendXmlText(std::string& out, std::string_view text) { AppendXmlEscaped(out, text, true); }

Response OpenRosaXml(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.SetHeader("Content-Type", "text/xml; charset=utf-8");
  response.SetHeader("X-OpenRosa-Version", std::string(kOpenRosaVersion));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

// OpenRosa's answer document: the message ODK Collect shows the person.
Response OpenRosaMessage(int status, std::string_view nature,
                         const std::vector<std::string>& lines) {
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\">";
  for (const std::string& line : lines) {
    body += "<message nature=\"";
    AppendXmlText(body, nature);
    body += "\">";
    AppendXmlText(body, line);
    body += "</message>";
  }
  body += "</OpenRosaResponse>\n";
  return OpenRosaXml(status, std::move(body));
}

Response OpenRosaError(const Error& error, Language language) {
  static const Message kInternal{"core.internal"};
  const Message& message = error.code == ErrorCode::kInternal ? kInternal : error.message;
  // The JSON answer's status and logging, so that both faces of the API refuse alike.
  const int status = ErrorResponse(error, language).status;
  return OpenRosaMessage(status, "error", {i18n::Render(message, language)});
}

// Every OpenRosa handler answers in OpenRosa's XML, its refusals too.
template <typename Work>
Result<Response> AsOpenRosa(app::SurveysUseCases& app, RouteContext& context, Work&& work) {
  auto caller = app.CollectorFor(context.params.Get("token"));
  if (!caller) return OpenRosaError(caller.error(), context.language);
  context.language = caller->language;
  Result<Response> answer = work(caller->actor);
  if (!answer) return OpenRosaError(answer.error(), context.language);
  return answer;
}

// The address ODK Collect fetches from: the configured public URL, else the one it used.
std::string OriginOf(const RouterOptions& options, const Request& request) {
  if (!options.public_url.empty()) return options.public_url;
  return std::string(options.secure_cookies ? "https://" : "http://") +
         std::string(request.Header("host"));
}

boost::json::object CollectorJson(const app::CollectorView& view) {
  const surveys::Collector& c = view.collector;
  const auto optional = [](const std::optional<UnixMillis>& at) {
    return at ? boost::json::value(*at) : boost::json::value(nullptr);
  };
  boost::json::array actions;
  for (const std::string& action : view.actions) actions.emplace_back(action);
  return boost::json::object{{"id", c.id},
                             {"label", c.label},
                             {"person_id", c.person},
                             {"person_name", view.person_name},
                             {"created_at", c.created_at},
                             {"revoked_at", optional(c.revoked_at)},
                             {"last_used_at", optional(c.last_used_at)},
                             {"actions", std::move(actions)}};
}

}  // namespace

Result<Response> CreateCollector(app::SurveysUseCases& app, const RouterOptions& options,
                                 RouteContext& context) {
  const JsonBody body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"label"}));
  const std::string label = ENSEMBLE_TRY(body.RequiredString("label"));
  const app::CreatedCollector created = ENSEMBLE_TRY(app.CreateCollector(context.actor(), label));
  boost::json::object json = CollectorJson({created.collector, "", {"revoke"}});
  // Shown once: the server keeps only the secret's hash.
  json["server_url"] = OriginOf(options, context.request) + created.url_path;
  return JsonAnswer(json, 201);
}

Result<Response> ListCollectors(app::SurveysUseCases& app, RouteContext& context) {
  const app::CollectorList list = ENSEMBLE_TRY(app.ListCollectors(context.actor()));
  boost::json::array items;
  for (const app::CollectorView& view : list.items) items.push_back(CollectorJson(view));
  boost::json::array actions;
  for (const std::string& action : list.actions) actions.emplace_back(action);
  return JsonAnswer(
      boost::json::object{{"items", std::move(items)}, {"actions", std::move(actions)}});
}

Result<Response> RevokeCollector(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  ENSEMBLE_TRY_STATUS(app.RevokeCollector(context.actor(), id));
  return Response::NoContent();
}

Result<Response> OpenRosaFormList(app::SurveysUseCases& app, const RouterOptions& options,
                                  RouteContext& context) {
  return AsOpenRosa(app, context, [&](const tenancy::Actor& actor) -> Result<Response> {
    const app::FormList list = ENSEMBLE_TRY(app.ListForms(actor));
    const std::string only(context.request.QueryParam("formID").value_or(""));
    const std::string base = OriginOf(options, context.request) + "/openrosa/" +
                             std::string(context.params.Get("token"));
    std::string body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<xforms xmlns=\"http://openrosa.org/xforms/xformsList\">";
    for (const app::FormSummary& summary : list.forms) {
      const surveys::SurveyForm& form = summary.form;
      const bool collects = std::find(summary.actions.begin(), summary.actions.end(), "submit") !=
                            summary.actions.end();
      if (!collects || form.state != surveys::FormState::kOpen) continue;
      if (!only.empty() && form.xform_id != only) continue;
      body += "<xform><formID>";
      AppendXmlText(body, form.xform_id);
      body += "</formID><name>";
      AppendXmlText(body, form.title);
      body += "</name><version>";
      AppendXmlText(body, summary.version);
      body += "</version><hash>md5:" + summary.xform_md5 + "</hash><downloadUrl>";
      AppendXmlText(body, base + "/forms/" + std::to_string(form.id) + "/form.xml");
      body += "</downloadUrl></xform>";
    }
    body += "</xforms>\n";
    return OpenRosaXml(200, std::move(body));
  });
}

Result<Response> OpenRosaForm(app::SurveysUseCases& app, RouteContext& context) {
  return AsOpenRosa(app, context, [&](const tenancy::Actor& actor) -> Result<Response> {
    const auto id = ENSEMBLE_TRY(context.params.Id("id"));
    app::XFormDocument document = ENSEMBLE_TRY(app.GetXForm(actor, id));
    Response response = OpenRosaXml(200, std::move(document.xform));
    response.SetHeader("ETag", "\"md5:" + document.md5 + "\"");
    return response;
  });
}

Result<Response> OpenRosaSubmissionHead(app::SurveysUseCases& app, const RouterOptions& options,
                                        RouteContext& context) {
  return AsOpenRosa(app, context, [&](const tenancy::Actor&) -> Result<Response> {
    Response response = OpenRosaXml(204, "");
    response.SetHeader("X-OpenRosa-Accept-Content-Length",
                       std::to_string(options.max_upload_bytes));
    return response;
  });
}

Result<Response> OpenRosaSubmit(app::SurveysUseCases& app, RouteContext& context) {
  return AsOpenRosa(app, context, [&](const tenancy::Actor& actor) -> Result<Response> {
    const app::SubmissionUpload upload = ENSEMBLE_TRY(SubmissionUploadOf(context.request));
    const app::SubmitOutcome outcome = ENSEMBLE_TRY(app.SubmitByXformId(actor, upload));
    if (!outcome.stored) {
      std::vector<std::string> lines = {i18n::Render(
          Message{"surveys.submission.refused", {{"count", outcome.violations.size()}}},
          context.language)};
      for (const surveys::Violation& violation : outcome.violations) {
        lines.push_back(i18n::Render(violation.message, context.language));
      }
      return OpenRosaMessage(400, "error", lines);
    }
    // 201 for a new answer; 202 when it was stored already, which ODK Collect takes as success.
    return OpenRosaMessage(outcome.resent ? 202 : 201, "submit_success",
                           {i18n::Render(Message{outcome.resent ? "surveys.openrosa.resent"
                                                                : "surveys.openrosa.stored"},
                                         context.language)});
  });
}

}  // namespace ensemble::http::handlers
