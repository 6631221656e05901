#include "i18n/i18n.h"

#include <gtest/gtest.h>

namespace ensemble::i18n {
namespace {

constexpr std::string_view kNarrowNoBreakSpace = "\u202f";

TEST(Render, WordsAMessageInEachLanguage) {
  EXPECT_EQ(Render(Message{"core.auth.required"}, Language::kFrench), "connexion requise");
  EXPECT_EQ(Render(Message{"core.auth.required"}, Language::kEnglish), "sign-in required");
}

TEST(Render, PutsParametersInPlace) {
  const Message message{"core.json.unknown_field", {{"field", "siret"}}};
  EXPECT_EQ(Render(message, Language::kFrench), "champ inconnu « siret »");
  EXPECT_EQ(Render(message, Language::kEnglish), "unknown field “siret”");
}

TEST(Render, FormatsNumbersTheLanguagesWay) {
  const Message message{"core.http.body_too_large", {{"max", 1048576}}};
  EXPECT_EQ(Render(message, Language::kFrench),
            "corps de requête trop grand (au plus 1" + std::string(kNarrowNoBreakSpace) + "048" +
                std::string(kNarrowNoBreakSpace) + "576 octets)");
  EXPECT_EQ(Render(message, Language::kEnglish),
            "request body too large (at most 1,048,576 bytes)");
  EXPECT_EQ(FormatNumber(1234.5, Language::kFrench),
            "1" + std::string(kNarrowNoBreakSpace) + "234,5");
  EXPECT_EQ(FormatNumber(1234.5, Language::kEnglish), "1,234.5");
}

TEST(Render, ChoosesThePluralForm) {
  EXPECT_EQ(Render(Message{"core.text.too_long", {{"max", 1}}}, Language::kFrench),
            "au plus 1 caractère");
  EXPECT_EQ(Render(Message{"core.text.too_long", {{"max", 80}}}, Language::kFrench),
            "au plus 80 caractères");
  EXPECT_EQ(Render(Message{"core.text.too_long", {{"max", 1}}}, Language::kEnglish),
            "at most 1 character");
  EXPECT_EQ(Render(Message{"core.text.too_long", {{"max", 80}}}, Language::kEnglish),
            "at most 80 characters");
}

TEST(Render, KeepsApostrophesBesidePlaceholders) {
  // ICU would read '{ as the start of quoted text; ours are letters.
  const Message message{"core.storage.target_exists", {{"path", "/tmp/x"}}};
  EXPECT_EQ(Render(message, Language::kFrench),
            "/tmp/x existe déjà : choisissez un nouveau fichier");
  EXPECT_EQ(Render(Message{"core.internal"}, Language::kFrench),
            "erreur interne : l'incident est journalisé");
}

TEST(Render, AMissingIdRendersAsItselfAndNeverFails) {
  EXPECT_EQ(Render(Message{"core.no_such_message"}, Language::kEnglish), "core.no_such_message");
  EXPECT_FALSE(Knows("core.no_such_message", Language::kFrench));
  EXPECT_TRUE(Knows("core.internal", Language::kEnglish));
}

TEST(Describe, WritesADateAsUnixMillisForTheLog) {
  const Message message{"core.test.date", {{"when", MessageDate{1774827000000}}}};
  EXPECT_EQ(Describe(message), "core.test.date {when=@1774827000000}");
}

}  // namespace
}  // namespace ensemble::i18n
