// Small pieces every handler uses: JSON answers and paging parameters.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/error.h"
#include "core/language.h"
#include "core/page.h"
#include "http/message.h"

namespace ensemble::http {

inline Response JsonAnswer(const boost::json::value& value, int status = 200) {
  return Response::Json(status, boost::json::serialize(value));
}

// The one error shape, with lists of what to fix beside it (an XLSForm's problems, a
// submission's): `details`' members are added to the answer's body.
Response ErrorAnswerWith(const Error& error, Language language, boost::json::object details);

inline constexpr std::int64_t kMaxPageSize = 200;

// Reads ?page= (from 1) and ?page_size= (1..200, default 50).
Result<PageRequest> ParsePaging(const Request& request, std::int64_t& page_number);

// {"items":[...],"page","page_size","total"}.
boost::json::value PagedJson(boost::json::array items, std::int64_t page_number, PageRequest page,
                             std::int64_t total);

}  // namespace ensemble::http
