// The encodings MIME needs to keep a message 7-bit and its lines short: base64 (RFC 2045 6.8),
// quoted-printable (RFC 2045 6.7), RFC 2047 encoded-words for header text, RFC 2231 parameter
// values, and the folding of a header into lines under 78 columns (RFC 5322 2.2.3). Used by
// message.cc; pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ensemble::mail {

// The longest line a rendered header or body has, CRLF excluded (RFC 5322 2.1.1 "SHOULD").
inline constexpr std::size_t kLineLimit = 78;

// Base64 without line breaks.
std::string Base64(std::string_view bytes);

// Base64 in lines of 76 characters, each ending with CRLF.
std::string Base64Lines(std::string_view bytes);

// Quoted-printable of UTF-8 text: each line break of the text (\r\n, \n or a lone \r) becomes
// CRLF, other bytes are kept when printable ASCII (and '=' is escaped), a space or tab at the
// end of a line is escaped, and lines are wrapped with soft breaks at 76 characters.
std::string QuotedPrintable(std::string_view text);

// The text as RFC 2047 "B" encoded-words in UTF-8, each of at most `max_bytes` bytes of the
// text cut between characters (so no word splits a character), each word at most 75 characters.
std::vector<std::string> EncodedWords(std::string_view utf8, std::size_t max_bytes = 39);

// The words of an unstructured header value (a Subject): split on single spaces when the text
// is plain ASCII that folds and unfolds back to itself, encoded-words otherwise.
std::vector<std::string> UnstructuredWords(std::string_view utf8);

// A display name as words of a phrase: atoms as they are, an ASCII name with specials as one
// quoted string, encoded-words for the rest.
std::vector<std::string> PhraseWords(std::string_view utf8);

// "Name: word word ..." with a folding space before any word that would pass kLineLimit, and a
// final CRLF. Words are never cut; one longer than a line has a line of its own.
std::string FoldHeader(std::string_view name, const std::vector<std::string>& words);

// An RFC 2231 extended parameter value: UTF-8''percent-encoded.
std::string Rfc2231Value(std::string_view utf8);

}  // namespace ensemble::mail
