#include "domain/tenancy/password_policy.h"

#include <gtest/gtest.h>

namespace ensemble::tenancy {
namespace {

const CommonPasswords kCommon({"111111111111", "password", "azertyuiop", "qwerty123456"});
const PasswordOwner kClaire{"claire.dumont@alma.example.org", "Claire Dumont"};

std::string Refusal(std::string_view password, const PasswordOwner& owner = kClaire) {
  const auto checked = CheckNewPassword("new_password", password, owner, kCommon);
  if (checked) return "";
  EXPECT_EQ(checked.error().field, "new_password");
  EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
  return Describe(checked.error().message);
}

TEST(CheckNewPassword, AcceptsALongUnpredictablePassphrase) {
  EXPECT_EQ(Refusal("ensemble-demo-2026"), "");
  EXPECT_EQ(Refusal("trois chats sur le toit"), "");
}

TEST(CheckNewPassword, NeedsTwelveCharactersCountedAsCharactersNotBytes) {
  EXPECT_NE(Refusal("short").find("tenancy.password.too_short {min=12}"), std::string::npos);
  EXPECT_NE(Refusal("éééééééééé1"), "");  // 11 characters in 21 bytes
  EXPECT_NE(Refusal(std::string(257, 'a') + "b").find("tenancy.password.too_many_chars {max=256}"),
            std::string::npos);
}

TEST(CheckNewPassword, RefusesOneRepeatedCharacter) {
  EXPECT_NE(Refusal("aaaaaaaaaaaaaaa").find("tenancy.password.repeated"), std::string::npos);
  EXPECT_NE(Refusal("éééééééééééééé").find("tenancy.password.repeated"), std::string::npos);
}

TEST(CheckNewPassword, RefusesCommonPasswordsAndThemWithDigitsAround) {
  EXPECT_NE(Refusal("111111111111"), "");
  EXPECT_NE(Refusal("QWERTY123456").find("tenancy.password.common"), std::string::npos);
  EXPECT_NE(Refusal("password2026!").find("tenancy.password.common"), std::string::npos);
  EXPECT_NE(Refusal("2026azertyuiop").find("tenancy.password.common"), std::string::npos);
}

TEST(CheckNewPassword, RefusesThePersonsEmailOrName) {
  EXPECT_NE(Refusal("claire.dumont2026").find("tenancy.password.personal"), std::string::npos);
  EXPECT_NE(Refusal("Dumont-et-compagnie").find("tenancy.password.personal"), std::string::npos);
  const PasswordOwner helene{"h.lefevre@example.org", "Hélène Lefèvre"};
  EXPECT_NE(Refusal("helene-est-ici-2026", helene).find("tenancy.password.personal"),
            std::string::npos);
  EXPECT_NE(Refusal("MaisonLEFEVRE!!", helene).find("tenancy.password.personal"),
            std::string::npos);
}

TEST(CheckNewPassword, RefusesMalformedUtf8) { EXPECT_NE(Refusal("abcdefghijkl\xff"), ""); }

}  // namespace
}  // namespace ensemble::tenancy
