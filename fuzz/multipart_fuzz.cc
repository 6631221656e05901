// The multipart/form-data reader (http/multipart.h) on any bytes: the first line is the
// Content-Type header value, the rest the body. Beside not crashing: every accepted part's body
// lies inside the input, names are safe and unique, writing the parts back out with the same
// boundary reads back as the same parts, and tighter limits never accept what the defaults
// refuse, nor read differently.
#include <set>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"
#include "http/multipart.h"

namespace ensemble::fuzz {
namespace {

std::string Quoted(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// The parts as a canonical body: no preamble, no padding, the three headers the reader keeps.
std::string Serialise(const std::vector<http::Part>& parts, std::string_view boundary) {
  std::string out;
  for (const http::Part& part : parts) {
    out.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=");
    out.append(Quoted(part.name));
    if (!part.filename.empty()) out.append("; filename=").append(Quoted(part.filename));
    out.append("\r\nContent-Type: ").append(part.content_type).append("\r\n\r\n");
    out.append(part.body).append("\r\n");
  }
  out.append("--").append(boundary).append("--\r\n");
  return out;
}

}  // namespace

void FuzzMultipart(const std::uint8_t* data, std::size_t size) {
  Lines lines(data, size);
  const std::string_view content_type = lines.Next();
  const std::string_view body = lines.Rest();
  const auto boundary = http::BoundaryOf(content_type);
  if (!boundary) return;
  ENSEMBLE_FUZZ_CHECK(!boundary->empty() && boundary->size() <= 70);

  const http::MultipartLimits defaults;
  const auto parts = http::ParseMultipart(body, *boundary, defaults);
  const http::MultipartLimits tight{
      .max_parts = 3, .max_header_bytes = 96, .max_part_bytes = 64, .max_name_bytes = 16};
  const auto tight_parts = http::ParseMultipart(body, *boundary, tight);
  if (tight_parts) {
    ENSEMBLE_FUZZ_CHECK(parts.has_value());
    ENSEMBLE_FUZZ_CHECK(*tight_parts == *parts);
  }
  if (!parts) {
    ENSEMBLE_FUZZ_CHECK(parts.error().message.id.starts_with("core.http.multipart."));
    return;
  }

  ENSEMBLE_FUZZ_CHECK(!parts->empty() && parts->size() <= defaults.max_parts);
  std::set<std::string> names;
  for (const http::Part& part : *parts) {
    ENSEMBLE_FUZZ_CHECK(part.body.data() >= body.data());
    ENSEMBLE_FUZZ_CHECK(part.body.data() + part.body.size() <= body.data() + body.size());
    ENSEMBLE_FUZZ_CHECK(part.body.size() <= defaults.max_part_bytes);
    ENSEMBLE_FUZZ_CHECK(http::IsSafePartName(part.name, defaults.max_name_bytes));
    ENSEMBLE_FUZZ_CHECK(part.filename.empty() ||
                        http::IsSafePartName(part.filename, defaults.max_name_bytes));
    ENSEMBLE_FUZZ_CHECK(!part.content_type.empty());
    ENSEMBLE_FUZZ_CHECK(names.insert(part.name).second);
  }

  // The canonical headers may be a few bytes longer than the ones read (quotes, spaces): the
  // property is about the parts, so the header limit is relaxed for the second reading.
  http::MultipartLimits relaxed = defaults;
  relaxed.max_header_bytes = 2 * defaults.max_header_bytes + 4 * defaults.max_name_bytes;
  const std::string again = Serialise(*parts, *boundary);
  const auto reparsed = http::ParseMultipart(again, *boundary, relaxed);
  ENSEMBLE_FUZZ_CHECK(reparsed.has_value());
  ENSEMBLE_FUZZ_CHECK(*reparsed == *parts);
}

}  // namespace ensemble::fuzz
