#include <boost/json.hpp>

#include "http/api/handler_support.h"
#include "http/api/json_body.h"
#include "http/api/tenancy/handlers.h"
#include "http/api/tenancy/json_views.h"

namespace ensemble::http {

Result<PageRequest> ParsePaging(const Request& request, std::int64_t& page_number) {
  PageRequest page;
  page_number = 1;
  if (auto text = request.QueryParam("page")) {
    page_number = ENSEMBLE_TRY(ParseId("page", *text));
    if (page_number > 1'000'000)
      return Fail(ErrorCode::kInvalidArgument, "core.page.too_large", "page");
  }
  if (auto text = request.QueryParam("page_size")) {
    page.limit = ENSEMBLE_TRY(ParseId("page_size", *text));
    if (page.limit > kMaxPageSize) {
      return Fail(ErrorCode::kInvalidArgument, Message{"core.page.limit", {{"max", kMaxPageSize}}},
                  "page_size");
    }
  }
  page.offset = (page_number - 1) * page.limit;
  return page;
}

boost::json::value PagedJson(boost::json::array items, std::int64_t page_number, PageRequest page,
                             std::int64_t total) {
  return boost::json::object{{"items", std::move(items)},
                             {"page", page_number},
                             {"page_size", page.limit},
                             {"total", total}};
}

namespace {

// The user agent is shown back to the person only; kept short and printable.
std::string PrintableUserAgent(std::string_view agent) {
  std::string kept;
  for (const char c : agent.substr(0, 200)) {
    if (c >= 0x20 && c < 0x7f) kept.push_back(c);
  }
  return kept;
}

app::ClientInfo ClientOf(const Request& request) {
  return {request.remote_address, PrintableUserAgent(request.Header("user-agent"))};
}

}  // namespace

namespace handlers {

Result<Response> SignIn(app::TenancyUseCases& app, const RouterOptions& options,
                        RouteContext& context) {
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"email", "password"}));
  const std::string email = ENSEMBLE_TRY(body.RequiredString("email"));
  const std::string password = ENSEMBLE_TRY(body.RequiredString("password"));
  auto signed_in = ENSEMBLE_TRY(app.SignIn(email, password, ClientOf(context.request)));
  Response response = JsonAnswer(ToJson(signed_in.session));
  response.headers.emplace_back("Set-Cookie", SessionCookie(signed_in.token, options.secure_cookies,
                                                            app.SessionLifetime() / 1000));
  return response;
}

Result<Response> GetSession(app::TenancyUseCases& app, RouteContext& context) {
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.DescribeSession(context.Signed()))));
}

Result<Response> SignOut(app::TenancyUseCases& app, const RouterOptions& options,
                         RouteContext& context) {
  ENSEMBLE_TRY_STATUS(app.SignOut(context.Signed()));
  Response response = Response::NoContent();
  response.headers.emplace_back("Set-Cookie", ClearedSessionCookie(options.secure_cookies));
  return response;
}

Result<Response> ChooseActingStructure(app::TenancyUseCases& app, RouteContext& context) {
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"structure_id"}));
  const auto structure = ENSEMBLE_TRY(body.RequiredInt("structure_id"));
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.ChooseActingStructure(context.Signed(), structure))));
}

Result<Response> ChangePassword(app::TenancyUseCases& app, RouteContext& context) {
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"current_password", "new_password"}));
  const std::string current = ENSEMBLE_TRY(body.RequiredString("current_password"));
  const std::string replacement = ENSEMBLE_TRY(body.RequiredString("new_password"));
  ENSEMBLE_TRY_STATUS(
      app.ChangePassword(context.Signed(), current, replacement, ClientOf(context.request)));
  return Response::NoContent();
}

Result<Response> RequestPasswordReset(app::TenancyUseCases& app, RouteContext& context) {
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"email"}));
  const std::string email = ENSEMBLE_TRY(body.RequiredString("email"));
  ENSEMBLE_TRY_STATUS(app.RequestPasswordReset(email, ClientOf(context.request)));
  Response response = Response::NoContent();
  response.status = 202;
  return response;
}

Result<Response> ConfirmPasswordReset(app::TenancyUseCases& app, RouteContext& context) {
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"email", "token", "new_password"}));
  const std::string email = ENSEMBLE_TRY(body.RequiredString("email"));
  const std::string token = ENSEMBLE_TRY(body.RequiredString("token"));
  const std::string password = ENSEMBLE_TRY(body.RequiredString("new_password"));
  ENSEMBLE_TRY_STATUS(app.ResetPassword(email, token, password, ClientOf(context.request)));
  return Response::NoContent();
}

Result<Response> ChooseLanguage(app::TenancyUseCases& app, RouteContext& context) {
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"language"}));
  const std::string language = ENSEMBLE_TRY(body.RequiredString("language"));
  return JsonAnswer(ToJson(ENSEMBLE_TRY(app.ChooseLanguage(context.Signed(), language))));
}

Result<Response> ListMySessions(app::TenancyUseCases& app, RouteContext& context) {
  boost::json::array items;
  for (const auto& session : ENSEMBLE_TRY(app.ListMySessions(context.Signed()))) {
    items.push_back(ToJson(session));
  }
  return JsonAnswer(boost::json::object{{"items", std::move(items)}});
}

Result<Response> EndMySession(app::TenancyUseCases& app, const RouterOptions& options,
                              RouteContext& context) {
  const std::string_view id = context.params.Get("session_id");
  if (id.empty() || id.size() > 64) {
    return Fail(ErrorCode::kNotFound, "tenancy.session.not_found", "session_id");
  }
  const bool ends_this_one = ENSEMBLE_TRY(app.EndMySession(context.Signed(), id));
  Response response = Response::NoContent();
  if (ends_this_one) {
    response.headers.emplace_back("Set-Cookie", ClearedSessionCookie(options.secure_cookies));
  }
  return response;
}

Result<Response> EndAllMySessions(app::TenancyUseCases& app, const RouterOptions& options,
                                  RouteContext& context) {
  const auto ended = ENSEMBLE_TRY(app.EndAllMySessions(context.Signed()));
  Response response = JsonAnswer(boost::json::object{{"ended", ended}});
  response.headers.emplace_back("Set-Cookie", ClearedSessionCookie(options.secure_cookies));
  return response;
}

}  // namespace handlers
}  // namespace ensemble::http
