// What a new password must be (CNIL délibération 2022-100 for a password alone: at least 12
// characters, and not one that is easily guessed): not among the most common passwords, not
// made of the person's e-mail or name, not one character repeated. Each refusal says why.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/error.h"

namespace ensemble::tenancy {

// The most common passwords, compared folded (lower case, accents and separators removed).
class CommonPasswords {
 public:
  CommonPasswords() = default;
  explicit CommonPasswords(const std::vector<std::string>& passwords);
  bool Contains(std::string_view password) const;
  std::size_t size() const { return folded_.size(); }

 private:
  std::unordered_set<std::string> folded_;
};

// Who the password is for, so that it cannot be made of her own e-mail or name.
struct PasswordOwner {
  std::string_view email;
  std::string_view name;
};

Status CheckNewPassword(std::string_view field, std::string_view password,
                        const PasswordOwner& owner, const CommonPasswords& common);

}  // namespace ensemble::tenancy
