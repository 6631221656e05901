#include "components/mail/mime.h"

#include <cstdint>

namespace ensemble::mail {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kHex = "0123456789ABCDEF";

// RFC 5322 atext: the characters of an atom, which a phrase may carry unquoted.
bool IsAtext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsPrintableAscii(char c) { return c >= 0x20 && c <= 0x7e; }

// True when the text splits on single spaces into words that unfold back to it exactly: no
// leading, trailing or doubled space, every character printable ASCII, no word so long that a
// line could not hold it, and nothing a reader would take for an encoded-word.
bool FoldsAsWords(std::string_view text, std::size_t longest_word) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  if (text.find("  ") != std::string_view::npos) return false;
  if (text.find("=?") != std::string_view::npos) return false;
  std::size_t word = 0;
  for (const char c : text) {
    if (!IsPrintableAscii(c)) return false;
    word = c == ' ' ? 0 : word + 1;
    if (word > longest_word) return false;
  }
  return true;
}

std::vector<std::string> SplitOnSpaces(std::string_view text) {
  std::vector<std::string> words;
  while (true) {
    const auto space = text.find(' ');
    words.emplace_back(text.substr(0, space));
    if (space == std::string_view::npos) return words;
    text.remove_prefix(space + 1);
  }
}

// The length of the UTF-8 sequence a lead byte opens; 1 for a stray byte, so that cutting
// never loops on ill-formed text (which Render refuses before it gets here).
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

}  // namespace

std::string Base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const auto n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i]) << 16 |
                                              static_cast<unsigned char>(bytes[i + 1]) << 8 |
                                              static_cast<unsigned char>(bytes[i + 2]));
    out += kBase64Alphabet[n >> 18 & 63];
    out += kBase64Alphabet[n >> 12 & 63];
    out += kBase64Alphabet[n >> 6 & 63];
    out += kBase64Alphabet[n & 63];
  }
  const std::size_t left = bytes.size() - i;
  if (left > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i]) << 16);
    if (left == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kBase64Alphabet[n >> 18 & 63];
    out += kBase64Alphabet[n >> 12 & 63];
    out += left == 2 ? kBase64Alphabet[n >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::string Base64Lines(std::string_view bytes) {
  // 57 bytes make 76 characters, the longest line RFC 2045 allows.
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 57) {
    out += Base64(bytes.substr(i, 57));
    out += "\r\n";
  }
  return out;
}

std::string QuotedPrintable(std::string_view text) {
  std::string out;
  std::size_t column = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2u : 1u;
      out += "\r\n";
      column = 0;
      continue;
    }
    const bool last_of_line = i + 1 == text.size() || text[i + 1] == '\r' || text[i + 1] == '\n';
    const bool literal =
        (c == ' ' || c == '\t') ? !last_of_line : (c > 0x20 && c < 0x7f && c != '=');
    std::string token;
    if (literal) {
      token = c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      token = {'=', kHex[byte >> 4], kHex[byte & 15]};
    }
    // A line holds 76 characters; one that continues keeps the last for its soft break '='.
    const std::size_t room = last_of_line ? 76 : 75;
    if (column + token.size() > room) {
      out += "=\r\n";
      column = 0;
    }
    out += token;
    column += token.size();
    ++i;
  }
  return out;
}

std::vector<std::string> EncodedWords(std::string_view utf8, std::size_t max_bytes) {
  // "=?UTF-8?B?" and "?=" take 12 of the 75 characters, which leaves 63, that is 45 bytes.
  if (max_bytes > 45) max_bytes = 45;
  if (max_bytes < 4) max_bytes = 4;
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < utf8.size()) {
    std::size_t end = start;
    while (end < utf8.size()) {
      const std::size_t next = end + SequenceLength(static_cast<unsigned char>(utf8[end]));
      if (next - start > max_bytes) break;
      end = next;
    }
    if (end > utf8.size()) end = utf8.size();
    words.push_back("=?UTF-8?B?" + Base64(utf8.substr(start, end - start)) + "?=");
    start = end;
  }
  return words;
}

std::vector<std::string> UnstructuredWords(std::string_view utf8) {
  if (utf8.empty()) return {};
  // A word of 68 characters still fits on a folded line beside the longest header name we use.
  if (FoldsAsWords(utf8, 68)) return SplitOnSpaces(utf8);
  return EncodedWords(utf8);
}

std::vector<std::string> PhraseWords(std::string_view utf8) {
  if (utf8.empty()) return {};
  const auto is_atom = [](std::string_view word) {
    if (word.empty()) return false;
    for (const char c : word) {
      if (!IsAtext(c)) return false;
    }
    return true;
  };
  if (FoldsAsWords(utf8, 68)) {
    std::vector<std::string> words = SplitOnSpaces(utf8);
    bool atoms = true;
    for (const auto& word : words) atoms = atoms && is_atom(word);
    if (atoms) return words;
    std::string quoted = "\"";
    for (const char c : utf8) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += '"';
    // Short enough to sit beside "Reply-To: " on one line, escapes counted.
    if (quoted.size() <= 62) return {quoted};
  }
  // Runs of words that need encoding become encoded-words, the other words stay atoms. RFC 2047
  // readers drop the space between two adjacent encoded-words, while some (Python's address
  // parser) keep it; with an atom between them, the space is the text's for both.
  if (utf8.front() == ' ' || utf8.back() == ' ' || utf8.find("  ") != std::string_view::npos) {
    return EncodedWords(utf8);
  }
  std::vector<std::string> out;
  std::string run;
  const auto flush = [&] {
    if (run.empty()) return;
    for (auto& word : EncodedWords(run)) out.push_back(std::move(word));
    run.clear();
  };
  for (const auto& word : SplitOnSpaces(utf8)) {
    if (is_atom(word) && word.size() <= 68 && word.find("=?") == std::string::npos) {
      flush();
      out.push_back(word);
    } else {
      if (!run.empty()) run += ' ';
      run += word;
    }
  }
  flush();
  return out;
}

std::string FoldHeader(std::string_view name, const std::vector<std::string>& words) {
  std::string out(name);
  out += ':';
  std::size_t column = out.size();
  bool first = true;
  for (const auto& word : words) {
    // The first word stays beside the name: a header line of the name alone says nothing.
    if (!first && column + 1 + word.size() > kLineLimit) {
      out += "\r\n";
      column = 0;
    }
    out += ' ';
    out += word;
    column += 1 + word.size();
    first = false;
  }
  out += "\r\n";
  return out;
}

std::string Rfc2231Value(std::string_view utf8) {
  std::string out = "UTF-8''";
  for (const char c : utf8) {
    // RFC 2231 attribute-char: a token character other than '*', '\'' and '%'.
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
    if (plain) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

}  // namespace ensemble::mail
