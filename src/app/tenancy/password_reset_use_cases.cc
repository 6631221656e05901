// « Mot de passe oublié »: a single-use link by mail, then a new password that ends every session.
// The answer to a request is the same whether the address has an account or not, and both are
// limited alike (domain/tenancy/password_reset.h); only the address's owner gets a mail.
#include <fmt/format.h>

#include "app/common_passwords.h"
#include "app/tenancy/tenancy_use_cases.h"
#include "components/mail/mail_queue.h"
#include "core/text.h"
#include "domain/tenancy/password_policy.h"
#include "i18n/i18n.h"
#include "storage/tenancy/session_store.h"

namespace ensemble::app {
namespace {

using storage::TransactionMode;

Error InvalidToken() {
  return Error{
      ErrorCode::kInvalidArgument, Message{"tenancy.password_reset.invalid_token"}, "token", {}};
}

Error Throttled(UnixMillis until, UnixMillis now) {
  const std::int64_t seconds = std::max<std::int64_t>(1, (until - now + 999) / 1000);
  Error error{ErrorCode::kTooManyRequests,
              Message{"tenancy.password_reset.throttled", {{"seconds", seconds}}},
              {},
              "password reset limit"};
  error.retry_after_seconds = seconds;
  return error;
}

// The address as a URL's fragment carries it: unreserved characters as they are, the rest
// percent-encoded.
std::string PercentEncoded(std::string_view text) {
  std::string out;
  for (const char character : text) {
    const auto c = static_cast<unsigned char>(character);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// The token travels in the fragment, which browsers never send to a server: it stays out of
// access logs and Referer headers.
std::string ResetLink(const std::string& base_url, const std::string& email,
                      const std::string& token) {
  return fmt::format("{}/mot-de-passe-oublie/nouveau#jeton={}&courriel={}", base_url, token,
                     PercentEncoded(email));
}

mail::Message ResetMail(const notifications::MailSettings& settings, const tenancy::Person& person,
                        const std::string& link, UnixMillis validity) {
  const Language language = person.language;
  const std::int64_t minutes = validity / (60 * 1000);
  auto render = [language](Message message) { return i18n::Render(message, language); };
  mail::Message message;
  message.from = settings.from;
  message.to = {{person.email, person.display_name}};
  message.subject = render(Message{"tenancy.password_reset.mail.subject"});
  message.text =
      render(Message{"tenancy.password_reset.mail.hello", {{"name", person.display_name}}}) +
      "\n\n" + render(Message{"tenancy.password_reset.mail.intro", {{"minutes", minutes}}}) +
      "\n\n" + link + "\n\n" + render(Message{"tenancy.password_reset.mail.once"}) + "\n\n" +
      render(Message{"tenancy.password_reset.mail.not_you"}) + "\n";
  return message;
}

}  // namespace

Status TenancyUseCases::RequestPasswordReset(std::string_view email_text,
                                             const ClientInfo& client) {
  const std::string email = ENSEMBLE_TRY(CheckEmail("email", email_text));
  const std::string email_hash = HashToken(email);
  const tenancy::PasswordResetLimits& limits = options_.password_reset;
  const UnixMillis now = clock_.Now();
  // The mail's job is nobody's structure's: the transaction reaches the person's own rows (and
  // no structure's) when the address has an account.
  const auto credentials =
      ENSEMBLE_TRY(database_.InTransaction(TransactionMode::kRead, [&](storage::Transaction& tx) {
        return tx.Tenancy().FindCredentialsByEmail(email);
      }));
  const storage::Scope scope = credentials
                                   ? storage::Scope::OwnPlatformLines(credentials->person.id)
                                   : storage::Scope::Nobody();
  return database_.InTransaction(
      TransactionMode::kWrite, scope, [&](storage::Transaction& tx) -> Status {
        const auto counts = ENSEMBLE_TRY(
            tx.Sessions().CountPasswordResets(email_hash, client.address, now - limits.window));
        if (const auto until = tenancy::PasswordResetMustWait(limits, counts, now, true)) {
          return std::unexpected(Throttled(*until, now));
        }
        storage::PasswordResetRequest request{
            email_hash, client.address, std::nullopt, std::nullopt, now, now + limits.validity};
        if (credentials) {
          const tenancy::Person& person = credentials->person;
          const std::string token = RandomToken();
          request.person_id = person.id;
          request.token_hash = HashToken(token);
          const std::string link =
              ResetLink(options_.notification_mail.base_url, person.email, token);
          ENSEMBLE_TRY(mail::QueueMailForPerson(
              tx, ResetMail(options_.notification_mail, person, link, limits.validity), person.id,
              now));
          const Actor actor{person.id, std::nullopt, {}, person.platform_admin};
          ENSEMBLE_TRY_STATUS(Audit(tx, actor, std::nullopt, "password_reset_requested", "person",
                                    std::to_string(person.id),
                                    {.params = {{"address", client.address}}}));
        }
        return tx.Sessions().RecordPasswordResetRequest(request);
      });
}

Status TenancyUseCases::RefusePasswordReset(const std::string& email_hash,
                                            std::optional<PersonId> person,
                                            tenancy::ResetRefusal refusal, const ClientInfo& client,
                                            UnixMillis now) {
  const Status recorded =
      database_.InTransaction(TransactionMode::kWrite, [&](storage::Transaction& tx) -> Status {
        ENSEMBLE_TRY_STATUS(
            tx.Sessions().RecordPasswordResetRefusal(email_hash, client.address, now));
        // Under the person the address or the token names, so that she sees it among her account's
        // events; nobody's when neither names one.
        const Actor actor{person.value_or(0), std::nullopt, {}, false};
        return Audit(tx, actor, std::nullopt, "password_reset_refused", "person",
                     person ? std::to_string(*person) : std::string(),
                     {.params = {{"address", client.address},
                                 {"reason", std::string(tenancy::ToString(refusal))}}});
      });
  if (!recorded) return recorded;
  return std::unexpected(InvalidToken());
}

Status TenancyUseCases::ResetPassword(std::string_view email_text, std::string_view token,
                                      std::string_view new_password, const ClientInfo& client) {
  const std::string email = ENSEMBLE_TRY(CheckEmail("email", email_text));
  if (token.empty() || token.size() > 128) return std::unexpected(InvalidToken());
  const std::string email_hash = HashToken(email);
  const tenancy::PasswordResetLimits& limits = options_.password_reset;
  const UnixMillis now = clock_.Now();
  struct Facts {
    std::optional<tenancy::PasswordResetToken> token;
    std::optional<storage::Credentials> credentials;
  };
  auto facts = ENSEMBLE_TRY(database_.InTransaction(
      TransactionMode::kRead, [&](storage::Transaction& tx) -> Result<Facts> {
        const auto counts = ENSEMBLE_TRY(
            tx.Sessions().CountPasswordResets(email_hash, client.address, now - limits.window));
        if (const auto until = tenancy::PasswordResetMustWait(limits, counts, now, false)) {
          return std::unexpected(Throttled(*until, now));
        }
        Facts found;
        found.token = ENSEMBLE_TRY(tx.Sessions().FindPasswordResetToken(HashToken(token)));
        found.credentials = ENSEMBLE_TRY(tx.Tenancy().FindCredentialsByEmail(email));
        return found;
      }));
  std::optional<PersonId> person_of_email;
  if (facts.credentials) person_of_email = facts.credentials->person.id;
  const std::optional<PersonId> named =
      facts.token ? std::optional(facts.token->person_id) : person_of_email;
  if (const auto refusal = tenancy::WhyRefused(facts.token, person_of_email, now)) {
    return RefusePasswordReset(email_hash, named, *refusal, client, now);
  }
  const tenancy::Person& person = facts.credentials->person;
  ENSEMBLE_TRY_STATUS(tenancy::CheckNewPassword(
      "new_password", new_password, {person.email, person.display_name}, CommonPasswordList()));
  const std::string hash = ENSEMBLE_TRY(hasher_.Hash(new_password));
  const bool changed = ENSEMBLE_TRY(database_.InTransaction(
      TransactionMode::kWrite, [&](storage::Transaction& tx) -> Result<bool> {
        // Two uses of one link at once: the first to mark it used changes the password.
        if (!ENSEMBLE_TRY(tx.Sessions().UsePasswordResetToken(facts.token->id, now))) return false;
        ENSEMBLE_TRY_STATUS(tx.Tenancy().UpdatePasswordHash(person.id, hash, now));
        ENSEMBLE_TRY(tx.Sessions().RetirePasswordResetTokens(person.id, now));
        const auto ended = ENSEMBLE_TRY(tx.Sessions().DeleteSessionsOf(person.id));
        ENSEMBLE_TRY_STATUS(tx.Sessions().ClearFailuresForPair(person.email, client.address));
        const Actor actor{person.id, std::nullopt, {}, person.platform_admin};
        ENSEMBLE_TRY_STATUS(Audit(tx, actor, std::nullopt, "password_reset", "person",
                                  std::to_string(person.id),
                                  {.params = {{"address", client.address}, {"count", ended}}}));
        return true;
      }));
  if (!changed) {
    return RefusePasswordReset(email_hash, person.id, tenancy::ResetRefusal::kUsed, client, now);
  }
  return Ok();
}

}  // namespace ensemble::app
