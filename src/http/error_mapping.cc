#include "http/error_mapping.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "core/clock.h"
#include "i18n/accept_language.h"
#include "i18n/i18n.h"

namespace ensemble::http {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kCsrfFailed:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMedia:
      return 415;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

boost::json::object ParamsJson(const Message& message) {
  struct Visitor {
    boost::json::value operator()(std::int64_t number) const { return number; }
    boost::json::value operator()(double number) const { return number; }
    boost::json::value operator()(const std::string& text) const {
      return boost::json::string(text);
    }
    boost::json::value operator()(MessageDate date) const {
      return boost::json::string(FormatIso8601(date.unix_millis));
    }
  };
  boost::json::object params;
  for (const MessageParam& param : message.params) {
    params[param.name] = std::visit(Visitor{}, param.value);
  }
  return params;
}

Language RequestLanguage(const Request& request) {
  return i18n::FromAcceptLanguage(request.Header("accept-language")).value_or(Language::kFrench);
}

Response ErrorResponse(const Error& error, Language language) {
  const int status = HttpStatusFor(error.code);
  static const Message kInternal{"core.internal"};
  // A refusal that tells when to retry (the worker pool full) is the server protecting itself
  // under load, not a failure: one log line each would add to the load.
  if (status >= 500 && error.retry_after_seconds == 0) {
    spdlog::error("{}: {} [{}]", ToString(error.code), error.message, error.context);
  }
  // Internal details stay in the log; the person gets a message she can act on.
  const Message& message = error.code == ErrorCode::kInternal ? kInternal : error.message;
  boost::json::object body{
      {"code", ToString(error.code)},
      {"message", i18n::Render(message, language)},
      {"message_id", message.id},
      {"params", ParamsJson(message)},
      {"field",
       error.field.empty() ? boost::json::value(nullptr) : boost::json::value(error.field)},
  };
  Response response =
      Response::Json(status, boost::json::serialize(boost::json::object{{"error", body}}));
  if (error.retry_after_seconds > 0) {
    response.SetHeader("Retry-After", std::to_string(error.retry_after_seconds));
  }
  return response;
}

}  // namespace ensemble::http
