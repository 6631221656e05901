// The one place where an error code becomes an HTTP status and the JSON error shape
// {"error":{"code","message","message_id","params","field"}}: the message rendered in the
// reader's language, beside its id and parameters for pages that word it themselves.
#pragma once

#include <boost/json/object.hpp>

#include "core/error.h"
#include "core/language.h"
#include "http/message.h"

namespace ensemble::http {

int HttpStatusFor(ErrorCode code);
Response ErrorResponse(const Error& error, Language language = Language::kFrench);

// The language a request asks for with Accept-Language, French when it names none we speak.
Language RequestLanguage(const Request& request);

// A message's parameters as a JSON object: numbers as numbers, texts as strings, dates as
// ISO 8601 date-times.
boost::json::object ParamsJson(const Message& message);

}  // namespace ensemble::http
