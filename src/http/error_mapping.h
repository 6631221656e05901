// The one place where an error code becomes an HTTP status and the JSON error shape
// {"error":{"code","message","field"}}.
#pragma once

#include "core/error.h"
#include "http/message.h"

namespace ensemble::http {

int HttpStatusFor(ErrorCode code);
Response ErrorResponse(const Error& error);

}  // namespace ensemble::http
