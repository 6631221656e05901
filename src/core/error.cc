#include "core/error.h"

#include "core/language.h"

namespace ensemble {

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kCsrfFailed:
      return "csrf_failed";
    case ErrorCode::kTooManyRequests:
      return "too_many_requests";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kUnsupportedMedia:
      return "unsupported_media_type";
    case ErrorCode::kMethodNotAllowed:
      return "method_not_allowed";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

std::string_view ToString(Language language) {
  return language == Language::kEnglish ? "en" : "fr";
}

std::optional<Language> ParseLanguage(std::string_view code) {
  if (code == "fr") return Language::kFrench;
  if (code == "en") return Language::kEnglish;
  return std::nullopt;
}

Error Error::WithContext(std::string_view what) && {
  if (context.empty()) {
    context = std::string(what);
  } else {
    context = std::string(what) + ": " + context;
  }
  return std::move(*this);
}

}  // namespace ensemble
