#include "http/api/handler_support.h"

#include <boost/json/parse.hpp>

#include "http/error_mapping.h"

namespace ensemble::http {

Response ErrorAnswerWith(const Error& error, Language language, boost::json::object details) {
  Response response = ErrorResponse(error, language);
  boost::json::object body = boost::json::parse(response.body).as_object();
  for (auto& [key, value] : details) body[key] = std::move(value);
  response.body = boost::json::serialize(body);
  return response;
}

}  // namespace ensemble::http
