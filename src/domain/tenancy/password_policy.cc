#include "domain/tenancy/password_policy.h"

#include <fmt/format.h>

#include "core/text.h"
#include "domain/tenancy/validation.h"

namespace ensemble::tenancy {
namespace {

// Letters and digits only, folded: « Hélène-Dupont » and « helenedupont » are the same.
std::string Fold(std::string_view text) {
  std::string folded;
  for (const char c : FoldForSearch(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) folded.push_back(c);
  }
  return folded;
}

bool IsDigitOrSymbol(char c) { return !(c >= 'a' && c <= 'z'); }

// "password2026!" is "password" with digits and symbols around it.
std::string_view Core(std::string_view folded_with_symbols) {
  while (!folded_with_symbols.empty() && IsDigitOrSymbol(folded_with_symbols.front())) {
    folded_with_symbols.remove_prefix(1);
  }
  while (!folded_with_symbols.empty() && IsDigitOrSymbol(folded_with_symbols.back())) {
    folded_with_symbols.remove_suffix(1);
  }
  return folded_with_symbols;
}

bool OneRepeatedCharacter(std::string_view password) {
  std::size_t i = 0;
  std::string first;
  while (i < password.size()) {
    const std::size_t start = i;
    ++i;
    while (i < password.size() && (static_cast<unsigned char>(password[i]) & 0xC0) == 0x80) ++i;
    const std::string_view character = password.substr(start, i - start);
    if (first.empty()) {
      first = character;
    } else if (character != first) {
      return false;
    }
  }
  return true;
}

// The parts of the owner's identity a password must not be made of: the e-mail's local part
// and the name, whole and word by word, when long enough to mean something.
std::vector<std::string> IdentityParts(const PasswordOwner& owner) {
  constexpr std::size_t kMeaningful = 4;
  std::vector<std::string> parts;
  auto add = [&](std::string part) {
    if (part.size() >= kMeaningful) parts.push_back(std::move(part));
  };
  add(Fold(owner.email.substr(0, owner.email.find('@'))));
  add(Fold(owner.name));
  const std::string words = FoldForSearch(owner.name);
  std::size_t start = 0;
  while (start < words.size()) {
    const auto end = std::min(words.find_first_of(" -.'", start), words.size());
    add(Fold(std::string_view(words).substr(start, end - start)));
    start = end + 1;
  }
  return parts;
}

}  // namespace

CommonPasswords::CommonPasswords(const std::vector<std::string>& passwords) {
  for (const auto& password : passwords) folded_.insert(Fold(password));
}

bool CommonPasswords::Contains(std::string_view password) const {
  return folded_.contains(Fold(password));
}

Status CheckNewPassword(std::string_view field, std::string_view password,
                        const PasswordOwner& owner, const CommonPasswords& common) {
  auto refuse = [&](Message message) {
    return Fail(ErrorCode::kInvalidArgument, std::move(message), std::string(field));
  };
  if (!IsValidUtf8(password)) return refuse("tenancy.password.not_utf8");
  const std::size_t length = CountCodePoints(password);
  if (length < kMinPasswordChars) {
    return refuse(Message{"tenancy.password.too_short", {{"min", kMinPasswordChars}}});
  }
  if (length > kMaxPasswordChars) {
    return refuse(Message{"tenancy.password.too_many_chars", {{"max", kMaxPasswordChars}}});
  }
  if (OneRepeatedCharacter(password)) {
    return refuse("tenancy.password.repeated");
  }
  const std::string lowered = FoldForSearch(password);
  if (common.Contains(password) || (Core(lowered).size() >= 6 && common.Contains(Core(lowered)))) {
    return refuse("tenancy.password.common");
  }
  const std::string folded = Fold(password);
  for (const std::string& part : IdentityParts(owner)) {
    if (folded.find(part) != std::string::npos) {
      return refuse("tenancy.password.personal");
    }
  }
  return Ok();
}

}  // namespace ensemble::tenancy
