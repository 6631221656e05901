#include "http/multipart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_set>
#include <utility>

#include "core/text.h"

namespace ensemble::http {
namespace {

constexpr std::size_t kMaxBoundary = 70;  // RFC 2046 §5.1.1
constexpr std::string_view kCrlf = "\r\n";

// RFC 9110 §5.6.2.
bool IsTchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 2046 §5.1.1: bcharsnospace, and the space, which may not end a boundary.
bool IsBchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

bool IsOws(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimOws(std::string_view text) {
  while (!text.empty() && IsOws(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsOws(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view TakeToken(std::string_view& text) {
  std::size_t n = 0;
  while (n < text.size() && IsTchar(text[n])) ++n;
  const std::string_view token = text.substr(0, n);
  text.remove_prefix(n);
  return token;
}

struct Param {
  std::string name;  // lower case
  std::string value;
  bool quoted = false;
};

// A quoted-string (RFC 9110 §5.6.4) at the front of `text`, consumed. Only `\"` and `\\` are
// unescaped; another backslash is kept with the character it precedes (see multipart.h).
std::optional<std::string> TakeQuoted(std::string_view& text) {
  if (text.empty() || text.front() != '"') return std::nullopt;
  std::string value;
  std::size_t i = 1;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') {
      text.remove_prefix(i + 1);
      return value;
    }
    if (c == '\\') {
      if (i + 1 >= text.size()) return std::nullopt;
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next != '\t' && (next < 0x20 || next == 0x7F)) return std::nullopt;
      if (next != '"' && next != '\\') value.push_back('\\');
      value.push_back(static_cast<char>(next));
      i += 2;
      continue;
    }
    if (c != '\t' && (c < 0x20 || c == 0x7F)) return std::nullopt;
    value.push_back(static_cast<char>(c));
    ++i;
  }
  return std::nullopt;
}

// `*( OWS ";" OWS name "=" ( token / quoted-string ) ) OWS`, a trailing ";" tolerated. Fails on
// bad syntax and on a parameter named twice (two readers could keep either).
std::optional<std::vector<Param>> ParseParams(std::string_view text) {
  std::vector<Param> params;
  while (true) {
    text = TrimOws(text);
    if (text.empty()) return params;
    if (text.front() != ';') return std::nullopt;
    text.remove_prefix(1);
    text = TrimOws(text);
    if (text.empty()) return params;
    Param param;
    param.name = AsciiLower(TakeToken(text));
    if (param.name.empty() || text.empty() || text.front() != '=') return std::nullopt;
    text.remove_prefix(1);
    if (!text.empty() && text.front() == '"') {
      auto value = TakeQuoted(text);
      if (!value) return std::nullopt;
      param.value = std::move(*value);
      param.quoted = true;
    } else {
      param.value = std::string(TakeToken(text));
      if (param.value.empty()) return std::nullopt;
    }
    for (const Param& seen : params) {
      if (seen.name == param.name) return std::nullopt;
    }
    params.push_back(std::move(param));
  }
}

const Param* FindParam(const std::vector<Param>& params, std::string_view name) {
  for (const Param& param : params) {
    if (param.name == name) return &param;
  }
  return nullptr;
}

// The code point at `i` of valid UTF-8, advancing `i` past it.
char32_t DecodeAt(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t extra = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
  char32_t code = extra == 0   ? lead
                  : extra == 1 ? lead & 0x1Fu
                  : extra == 2 ? lead & 0x0Fu
                               : lead & 0x07u;
  for (std::size_t k = 1; k <= extra; ++k) {
    code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
  }
  i += extra + 1;
  return code;
}

enum class NameFault { kNone, kEmpty, kTooLong, kNotUtf8, kControl, kPath };

NameFault CheckName(std::string_view name, std::size_t max_bytes, char32_t& control) {
  if (name.empty()) return NameFault::kEmpty;
  if (name.size() > max_bytes) return NameFault::kTooLong;
  if (!IsValidUtf8(name)) return NameFault::kNotUtf8;
  for (std::size_t i = 0; i < name.size();) {
    const char32_t c = DecodeAt(name, i);
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      control = c;
      return NameFault::kControl;
    }
  }
  if (name.find_first_of("/\\") != std::string_view::npos || name == "." || name == "..") {
    return NameFault::kPath;
  }
  return NameFault::kNone;
}

// The message ids of one kind of name, written out so that the catalogue test sees each.
struct NameIds {
  const char* field;
  const char* too_long;
  const char* not_utf8;
  const char* control;
  const char* path;
};
constexpr NameIds kNameIds{"name", "core.http.multipart.name.too_long",
                           "core.http.multipart.name.not_utf8", "core.http.multipart.name.control",
                           "core.http.multipart.name.path"};
constexpr NameIds kFilenameIds{
    "filename", "core.http.multipart.filename.too_long", "core.http.multipart.filename.not_utf8",
    "core.http.multipart.filename.control", "core.http.multipart.filename.path"};

Status CheckNamed(const NameIds& ids, std::string_view name, std::size_t part,
                  std::size_t max_bytes) {
  char32_t control = 0;
  switch (CheckName(name, max_bytes, control)) {
    case NameFault::kNone:
    case NameFault::kEmpty:
      return Ok();
    case NameFault::kTooLong:
      return Fail(ErrorCode::kInvalidArgument,
                  Message{ids.too_long, {{"part", part}, {"max", max_bytes}}}, ids.field);
    case NameFault::kNotUtf8:
      return Fail(ErrorCode::kInvalidArgument, Message{ids.not_utf8, {{"part", part}}}, ids.field);
    case NameFault::kControl:
      return Fail(
          ErrorCode::kInvalidArgument,
          Message{ids.control,
                  {{"part", part},
                   {"codepoint", fmt::format("{:04X}", static_cast<std::uint32_t>(control))}}},
          ids.field);
    case NameFault::kPath:
      return Fail(ErrorCode::kInvalidArgument,
                  Message{ids.path, {{"part", part}, {ids.field, std::string(name)}}}, ids.field);
  }
  return Ok();
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 5987's ext-value `charset'language'pct-encoded`, in UTF-8 only.
std::optional<std::string> DecodeExtValue(const Param& param) {
  if (param.quoted) return std::nullopt;
  const std::string_view value = param.value;
  const auto first = value.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = value.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  if (AsciiLower(value.substr(0, first)) != "utf-8") return std::nullopt;
  std::string decoded;
  for (std::size_t i = second + 1; i < value.size(); ++i) {
    if (value[i] == '\'') return std::nullopt;
    if (value[i] != '%') {
      decoded.push_back(value[i]);
      continue;
    }
    if (i + 2 >= value.size()) return std::nullopt;
    const int high = HexValue(value[i + 1]);
    const int low = HexValue(value[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    decoded.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return decoded;
}

struct Headers {
  std::optional<std::string_view> disposition;
  std::optional<std::string_view> content_type;
  std::optional<std::string_view> transfer_encoding;
};

// The header lines of one part (CRLF-separated, the last without its CRLF): `name: value`, the
// name a token, the value printable (tabs and obs-text allowed), no folding.
Result<Headers> ReadHeaders(std::string_view head, std::size_t part) {
  Headers headers;
  while (!head.empty()) {
    const auto end = head.find(kCrlf);
    const std::string_view line = head.substr(0, end);
    head.remove_prefix(end == std::string_view::npos ? head.size() : end + 2);
    std::string_view rest = line;
    const std::string name = AsciiLower(TakeToken(rest));
    const bool bad_value = std::any_of(rest.begin(), rest.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u != '\t' && (u < 0x20 || u == 0x7F);
    });
    if (name.empty() || rest.empty() || rest.front() != ':' || bad_value) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"core.http.multipart.header_line", {{"part", part}}}, "body");
    }
    const std::string_view value = TrimOws(rest.substr(1));
    std::optional<std::string_view>* slot = nullptr;
    if (name == "content-disposition") slot = &headers.disposition;
    if (name == "content-type") slot = &headers.content_type;
    if (name == "content-transfer-encoding") slot = &headers.transfer_encoding;
    if (slot == nullptr) continue;
    if (slot->has_value()) {
      return Fail(
          ErrorCode::kInvalidArgument,
          Message{"core.http.multipart.duplicate_header", {{"part", part}, {"header", name}}},
          "body");
    }
    *slot = value;
  }
  return headers;
}

// `type "/" subtype` followed by parameters.
bool IsMediaType(std::string_view value) {
  if (TakeToken(value).empty() || value.empty() || value.front() != '/') return false;
  value.remove_prefix(1);
  if (TakeToken(value).empty()) return false;
  return ParseParams(value).has_value();
}

// One part: `content` runs from after its boundary line to the CRLF of the next delimiter.
Result<Part> ReadPart(std::string_view content, std::size_t part, const MultipartLimits& limits) {
  std::string_view head;
  std::string_view body;
  const auto window = content.substr(0, limits.max_header_bytes + 4);
  if (content.starts_with(kCrlf)) {
    body = content.substr(2);
  } else if (const auto blank = window.find("\r\n\r\n"); blank != std::string_view::npos) {
    head = content.substr(0, blank);
    body = content.substr(blank + 4);
  } else if (content.size() > limits.max_header_bytes + 2) {
    return Fail(ErrorCode::kPayloadTooLarge,
                Message{"core.http.multipart.headers_too_large",
                        {{"part", part}, {"max", limits.max_header_bytes}}},
                "body");
  } else if (content.ends_with(kCrlf)) {
    // Headers directly followed by the delimiter: RFC 2046's body-part without a body.
    head = content.substr(0, content.size() - 2);
    body = content.substr(content.size());
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.http.multipart.header_line", {{"part", part}}}, "body");
  }
  if (head.size() > limits.max_header_bytes) {
    return Fail(ErrorCode::kPayloadTooLarge,
                Message{"core.http.multipart.headers_too_large",
                        {{"part", part}, {"max", limits.max_header_bytes}}},
                "body");
  }
  const Headers headers = ENSEMBLE_TRY(ReadHeaders(head, part));
  if (!headers.disposition) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.http.multipart.no_disposition", {{"part", part}}}, "body");
  }
  std::string_view disposition = *headers.disposition;
  const bool form_data = AsciiLower(TakeToken(disposition)) == "form-data";
  const auto params = ParseParams(disposition);
  std::optional<std::string> extended;
  const Param* star = params ? FindParam(*params, "filename*") : nullptr;
  if (star != nullptr) extended = DecodeExtValue(*star);
  if (!form_data || !params || (star != nullptr && !extended)) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.http.multipart.bad_disposition", {{"part", part}}}, "body");
  }
  Part out;
  if (const Param* name = FindParam(*params, "name")) out.name = name->value;
  if (extended) {
    out.filename = std::move(*extended);
  } else if (const Param* filename = FindParam(*params, "filename")) {
    out.filename = filename->value;
  }
  if (out.name.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.http.multipart.no_name", {{"part", part}}}, "name");
  }
  ENSEMBLE_TRY_STATUS(CheckNamed(kNameIds, out.name, part, limits.max_name_bytes));
  ENSEMBLE_TRY_STATUS(CheckNamed(kFilenameIds, out.filename, part, limits.max_name_bytes));
  out.content_type = headers.content_type ? std::string(*headers.content_type) : "text/plain";
  if (!IsMediaType(out.content_type)) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.http.multipart.part_content_type", {{"name", out.name}}}, out.name);
  }
  if (headers.transfer_encoding) {
    const std::string encoding = AsciiLower(*headers.transfer_encoding);
    if (encoding != "7bit" && encoding != "8bit" && encoding != "binary") {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"core.http.multipart.transfer_encoding", {{"name", out.name}}}, out.name);
    }
  }
  if (body.size() > limits.max_part_bytes) {
    return Fail(ErrorCode::kPayloadTooLarge,
                Message{"core.http.multipart.part_too_large",
                        {{"name", out.name}, {"max", limits.max_part_bytes}}},
                out.name);
  }
  out.body = body;
  return out;
}

enum class After {
  kNextPart,   // transport padding and CRLF: a part follows
  kClose,      // "--": the close delimiter, then the epilogue
  kTruncated,  // the body ends on the boundary (or on the first "-" of the close)
  kBad,        // the boundary goes on with other characters
};

// Reads what follows a boundary, from `cursor`, moving it past the CRLF of a boundary line.
After ReadAfterBoundary(std::string_view body, std::size_t& cursor) {
  std::string_view rest = body.substr(cursor);
  if (rest.starts_with("--")) return After::kClose;
  const std::size_t before = rest.size();
  while (!rest.empty() && IsOws(rest.front())) rest.remove_prefix(1);
  if (rest.starts_with(kCrlf)) {
    cursor += before - rest.size() + 2;
    return After::kNextPart;
  }
  if (rest.empty() || rest == "-" || rest == "\r") return After::kTruncated;
  return After::kBad;
}

std::unexpected<Error> StructureError(const char* id) {
  return Fail(ErrorCode::kInvalidArgument, Message{id}, "body");
}

}  // namespace

Result<std::string> BoundaryOf(std::string_view content_type) {
  std::string_view rest = TrimOws(content_type);
  const std::string type = AsciiLower(TakeToken(rest));
  std::string subtype;
  if (!rest.empty() && rest.front() == '/') {
    rest.remove_prefix(1);
    subtype = AsciiLower(TakeToken(rest));
  }
  if (type != "multipart" || subtype != "form-data") {
    return Fail(ErrorCode::kUnsupportedMedia, "core.http.multipart.not_multipart", "Content-Type");
  }
  const auto params = ParseParams(rest);
  if (!params) {
    return Fail(ErrorCode::kInvalidArgument, "core.http.multipart.bad_content_type",
                "Content-Type");
  }
  const Param* boundary = FindParam(*params, "boundary");
  if (boundary == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "core.http.multipart.no_boundary", "Content-Type");
  }
  const std::string_view value = boundary->value;
  if (value.empty() || value.size() > kMaxBoundary || value.back() == ' ' ||
      !std::all_of(value.begin(), value.end(), IsBchar)) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.http.multipart.bad_boundary", {{"max", kMaxBoundary}}},
                "Content-Type");
  }
  return std::string(value);
}

Result<std::vector<Part>> ParseMultipart(std::string_view body, std::string_view boundary,
                                         const MultipartLimits& limits) {
  if (boundary.empty() || boundary.size() > kMaxBoundary) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.http.multipart.bad_boundary", {{"max", kMaxBoundary}}},
                "Content-Type");
  }
  const std::string delimiter = fmt::format("\r\n--{}", boundary);
  const std::string_view dash_boundary = std::string_view(delimiter).substr(2);
  const std::boyer_moore_horspool_searcher searcher(delimiter.begin(), delimiter.end());
  const auto find = [&](std::size_t from) -> std::size_t {
    const auto found =
        std::search(body.begin() + static_cast<std::ptrdiff_t>(from), body.end(), searcher);
    return found == body.end() ? std::string_view::npos
                               : static_cast<std::size_t>(found - body.begin());
  };

  // The first boundary opens the body or ends a line of the preamble.
  std::size_t cursor = 0;
  if (!body.starts_with(dash_boundary)) {
    const std::size_t found = find(0);
    if (found == std::string_view::npos)
      return StructureError("core.http.multipart.no_opening_boundary");
    cursor = found + 2;
  }
  cursor += dash_boundary.size();
  switch (ReadAfterBoundary(body, cursor)) {
    case After::kNextPart:
      break;
    case After::kClose:
      return StructureError("core.http.multipart.no_parts");
    case After::kTruncated:
      return StructureError("core.http.multipart.no_final_boundary");
    case After::kBad:
      return StructureError("core.http.multipart.bad_delimiter");
  }

  std::vector<Part> parts;
  std::unordered_set<std::string> names;
  while (true) {
    if (parts.size() >= limits.max_parts) {
      return Fail(ErrorCode::kPayloadTooLarge,
                  Message{"core.http.multipart.too_many_parts", {{"max", limits.max_parts}}},
                  "body");
    }
    const std::size_t next = find(cursor);
    if (next == std::string_view::npos)
      return StructureError("core.http.multipart.no_final_boundary");
    Part part =
        ENSEMBLE_TRY(ReadPart(body.substr(cursor, next - cursor), parts.size() + 1, limits));
    if (!names.insert(part.name).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"core.http.multipart.duplicate_name", {{"name", part.name}}}, "name");
    }
    cursor = next + delimiter.size();
    const After after = ReadAfterBoundary(body, cursor);
    if (after == After::kTruncated) return StructureError("core.http.multipart.no_final_boundary");
    if (after == After::kBad) return StructureError("core.http.multipart.bad_delimiter");
    parts.push_back(std::move(part));
    if (after == After::kClose) return parts;
  }
}

bool IsSafePartName(std::string_view name, std::size_t max_bytes) {
  char32_t control = 0;
  return CheckName(name, max_bytes, control) == NameFault::kNone;
}

}  // namespace ensemble::http
