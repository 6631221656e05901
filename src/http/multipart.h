// multipart/form-data request bodies (RFC 7578 over RFC 2046 §5.1), as OpenRosa clients (ODK
// Collect, Enketo) post submissions: a part named `xml_submission_file` holding the instance
// XML and one part per attachment, named as the XForm stores the file. Beast-free, so that the
// handlers and the fuzz target link it alone.
//
// What is accepted, and why it is strict:
//   - Lines end in CRLF only. A bare LF is not accepted as a line end: the delimiter is
//     CRLF "--" boundary, and a body ending in "\r" before "\n--boundary" could then be read two
//     ways (with or without its last byte). Every producer we know of (curl, browsers' FormData,
//     OkHttp in ODK Collect, Python) writes CRLF.
//   - The delimiter may not occur inside a part: "\r\n--boundary" followed by anything but
//     "--", spaces or tabs and CRLF is refused rather than kept as body bytes (RFC 2046 forbids
//     it, and a reader that kept it would disagree with one that did not).
//   - Part names and file names are what attachments are stored under: they must be valid
//     UTF-8, without control characters, `/`, `\`, and neither `.` nor `..`; part names are
//     unique. `filename*=UTF-8''…` (RFC 5987) is percent-decoded and wins over `filename`.
//   - A quoted-string unescapes `\"` and `\\` only; any other backslash stays, so that the raw
//     Windows path an old browser sends ("C:\photos\a.jpg") is refused as a path instead of
//     silently becoming "C:photosa.jpg".
//   - Content-Transfer-Encoding, which RFC 7578 deprecates, is refused unless it is the identity
//     (7bit, 8bit, binary): the bytes kept must be the file's bytes.
//
// Every refusal is an Error whose message id starts with "core.http.multipart.", with the part's
// position (1-based "part") or name where one is known; kPayloadTooLarge for the limits,
// kUnsupportedMedia for a Content-Type that is not multipart/form-data (415, as for a body that
// is not JSON), kInvalidArgument for the rest. The field is "Content-Type" for BoundaryOf,
// "name" or "filename" for a refused name, the part's name for what is wrong with that part's
// content (too large, its Content-Type, its transfer encoding), and "body" otherwise.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ensemble::http {

// The boundary of a Content-Type header value `multipart/form-data; boundary=…` (type and
// parameter names in any case, the boundary quoted or not): 1 to 70 characters of RFC 2046's
// bchars, not ending in a space. The field of every refusal is "Content-Type".
Result<std::string> BoundaryOf(std::string_view content_type);

struct Part {
  std::string name;          // The form field's name: `xml_submission_file`, or the attachment's.
  std::string filename;      // Empty when the part is not a file (or the file input was empty).
  std::string content_type;  // As sent, spaces around it trimmed; "text/plain" when absent.
  std::string_view body;     // Views into the body given to ParseMultipart: keep it alive.

  bool operator==(const Part&) const = default;
};

struct MultipartLimits {
  std::size_t max_parts = 100;
  std::size_t max_header_bytes = 8 * 1024;        // per part, its blank line excluded
  std::size_t max_part_bytes = 64 * 1024 * 1024;  // per part body
  std::size_t max_name_bytes = 255;               // for a name and for a file name
};

// The parts of `body` in their order; the preamble and the epilogue are ignored. Fails when the
// body does not end with the close delimiter `--boundary--`, has no part, or breaks one of the
// rules above or the limits.
Result<std::vector<Part>> ParseMultipart(std::string_view body, std::string_view boundary,
                                         const MultipartLimits& limits = {});

// Whether `name` may name a part or an attachment: non-empty, at most `max_bytes`, valid UTF-8
// without control characters (C0, DEL, C1), `/` or `\`, and neither "." nor "..".
bool IsSafePartName(std::string_view name, std::size_t max_bytes);

}  // namespace ensemble::http
