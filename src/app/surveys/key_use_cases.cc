// Encrypted questionnaires, as ODK's encrypted forms work, with one key per structure: ODK puts
// one public key in a form, so a questionnaire of a collective is served to each structure under
// that structure's own key, as a version of its own ("<version>-<tag>"). Only the structure's
// director makes the key. She chooses a passphrase; the server seals the private key by it and by
// a recovery code it shows her once, to print and keep apart. Whoever may read the structure's
// answers and knows the passphrase exports them decrypted; the recovery code sets a new
// passphrase. Lose both and the encrypted answers are lost: nobody, the server's operator
// included, can open them.
#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "app/digest.h"
#include "app/surveys/odk_encryption.h"
#include "app/surveys/surveys_use_cases.h"
#include "app/surveys/use_case_support.h"
#include "core/text.h"
#include "domain/surveys/submission.h"
#include "domain/surveys/xform.h"

namespace ensemble::app {
namespace {

using storage::TransactionMode;
using surveys::Action;

constexpr std::size_t kMinPassphraseChars = 12;
constexpr std::size_t kMaxPassphraseChars = 200;

Result<std::string> CheckedPassphrase(std::string_view passphrase) {
  if (!IsValidUtf8(passphrase) || CountCodePoints(passphrase) < kMinPassphraseChars ||
      CountCodePoints(passphrase) > kMaxPassphraseChars) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"surveys.key.passphrase_length",
                        {{"min", kMinPassphraseChars}, {"max", kMaxPassphraseChars}}},
                "passphrase");
  }
  return std::string(passphrase);
}

// Wrong secrets tried on one key: so many are free within the window, then each further attempt
// waits twice as long as the one before, as sign-ins do (GrowingDelay, core/clock.h). Each
// guess already costs an Argon2id derivation; the limit stops a patient script from a session.
constexpr std::int64_t kFreeKeyFailures = 5;
constexpr UnixMillis kKeyFailureWindow = 15LL * 60 * 1000;
constexpr UnixMillis kMaxKeyFailureDelay = 15LL * 60 * 1000;
constexpr std::string_view kWrongSecret = "surveys.key.wrong_secret";

Status CheckKeyAttempts(const surveys::FormKey& key, UnixMillis now, std::string field) {
  if (key.failed_attempts < kFreeKeyFailures || key.last_failed_at < now - kKeyFailureWindow) {
    return Ok();
  }
  const UnixMillis until = key.last_failed_at + GrowingDelay(key.failed_attempts - kFreeKeyFailures,
                                                             kMaxKeyFailureDelay);
  if (until <= now) return Ok();
  const std::int64_t seconds = std::max<std::int64_t>(1, (until - now + 999) / 1000);
  Error error{ErrorCode::kTooManyRequests, Message{"surveys.key.throttled", {{"seconds", seconds}}},
              std::move(field),
              fmt::format("{} wrong secrets on the key of form {}", key.failed_attempts, key.form)};
  error.retry_after_seconds = seconds;
  return std::unexpected(std::move(error));
}

// The private key, once the secret opens what it sealed and the key is not resting after too
// many wrong ones.
Result<std::string> OpenedKey(const surveys::FormKey& key, std::string_view sealed,
                              std::string_view secret, std::string field, UnixMillis now) {
  ENSEMBLE_TRY_STATUS(CheckKeyAttempts(key, now, field));
  return Unseal(sealed, secret, std::move(field));
}

}  // namespace

void SurveysUseCases::CountWrongSecret(const Actor& actor, surveys::FormId id,
                                       std::string_view attempted, const Error& error) {
  if (error.message.id != kWrongSecret || !actor.acting_structure_id) return;
  const StructureId structure = *actor.acting_structure_id;
  const UnixMillis now = app_.clock().Now();
  // Its own transaction: the use case's one rolled back with the refusal.
  const Status written = app_.database().InTransaction(
      TransactionMode::kWrite, App::ScopeOf(actor), [&](storage::Transaction& tx) -> Status {
        ENSEMBLE_TRY_STATUS(
            tx.Surveys().RecordFormKeyFailure(id, structure, now, now - kKeyFailureWindow));
        return app_.Audit(tx, actor, structure, "refused", "survey_form_key", std::to_string(id),
                          {.params = {{"attempted", std::string(attempted)},
                                      {"reason", std::string("wrong_") + error.field}}});
      });
  if (!written) {
    spdlog::error("counting a wrong {} on the key of form {} failed: {} [{}]", error.field, id,
                  written.error().message.id, written.error().context);
  }
}

namespace {

// The keyed XForms made so far. A keyed XForm is a function of the plain one (its MD5 names it)
// and of the public key alone, so one made once serves every listing after: making it reads the
// uploaded file again and converts it, which a listing of forms should not do each time.
class KeyedXForms {
 public:
  std::optional<XFormDocument> Find(const std::string& name) {
    const std::lock_guard lock(mutex_);
    const auto found = made_.find(name);
    if (found == made_.end()) return std::nullopt;
    return found->second;
  }
  void Keep(std::string name, XFormDocument document) {
    const std::lock_guard lock(mutex_);
    // A bound on what the memo holds; starting again costs one conversion per form.
    if (made_.size() >= kMaxKept) made_.clear();
    made_.insert_or_assign(std::move(name), std::move(document));
  }

 private:
  static constexpr std::size_t kMaxKept = 512;
  std::mutex mutex_;
  std::map<std::string, XFormDocument, std::less<>> made_;
};

KeyedXForms& MadeKeyedXForms() {
  static KeyedXForms made;
  return made;
}

}  // namespace

Result<XFormDocument> ServedXForm(storage::Transaction& tx, const surveys::SurveyForm& record,
                                  const surveys::FormVersion& version,
                                  const std::optional<surveys::FormKey>& key) {
  if (!key) return XFormDocument{version.xform, version.xform_md5, version.version};
  std::string name = version.xform_md5 + ":" + key->public_key;
  if (auto made = MadeKeyedXForms().Find(name)) return *std::move(made);
  std::optional<surveys::FormVersion> with_source;
  if (version.source.empty()) {
    with_source = ENSEMBLE_TRY(tx.Surveys().FindVersion(record.id, version.number));
    if (!with_source) return Internal("a form without its version");
  }
  surveys::Form form = ENSEMBLE_TRY(FormOfVersion(record, with_source ? *with_source : version));
  form.settings.public_key = key->public_key;
  form.settings.version = KeyedVersion(version.version, key->tag);
  XFormDocument document;
  document.xform = surveys::WriteXForm(form);
  document.md5 = Md5Hex(document.xform);
  document.version = form.settings.version;
  MadeKeyedXForms().Keep(std::move(name), document);
  return document;
}

Result<XFormDocument> ServedXForm(storage::Transaction& tx, const surveys::SurveyForm& record,
                                  const surveys::FormVersion& version, StructureId structure) {
  const auto key = ENSEMBLE_TRY(tx.Surveys().FindFormKey(record.id, structure));
  return ServedXForm(tx, record, version, key);
}

Result<std::optional<DecryptedSubmission>> DecryptStored(storage::Transaction& tx,
                                                         const surveys::Submission& submission,
                                                         const std::string& private_key) {
  const auto instance = surveys::ReadInstance(submission.xml);
  if (!instance || !instance->encrypted) return std::nullopt;
  const surveys::EncryptedSubmission& encrypted = *instance->encrypted;
  EncryptedParts parts;
  parts.form_id = instance->form_id;
  parts.version = instance->version;
  parts.instance_id = instance->instance_id;
  parts.base64_encrypted_key = encrypted.base64_encrypted_key;
  parts.base64_signature = encrypted.base64_encrypted_element_signature;
  std::vector<std::string> names = encrypted.media_files;
  names.push_back(encrypted.encrypted_xml_file);
  for (const std::string& name : names) {
    const auto file = ENSEMBLE_TRY(tx.Surveys().FindAttachment(submission.id, name));
    if (!file) return Internal("an encrypted submission without its file " + name);
    parts.files.emplace_back(name, file->data);
  }
  return ENSEMBLE_TRY(DecryptSubmission(private_key, parts));
}

Result<FormKeyView> SurveysUseCases::KeyViewOf(storage::Transaction& tx,
                                               const surveys::FormKey& key) {
  FormKeyView view;
  view.tag = key.tag;
  view.created_by = key.created_by;
  view.created_at = key.created_at;
  view.passphrase_set_at = key.passphrase_set_at;
  if (const auto person = ENSEMBLE_TRY(tx.Tenancy().FindPerson(key.created_by))) {
    view.created_by_name = person->display_name;
  }
  return view;
}

Result<CreatedFormKey> SurveysUseCases::CreateFormKey(const Actor& actor, surveys::FormId id,
                                                      std::string_view passphrase) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<CreatedFormKey> {
        const surveys::SurveyForm record = ENSEMBLE_TRY(FoundForm(tx, gate, id));
        const StructureId structure = actor.acting_structure_id.value_or(0);
        ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kManageFormKey),
                                       surveys::AnswersTarget(structure), std::to_string(id)));
        const std::string secret = ENSEMBLE_TRY(CheckedPassphrase(passphrase));
        if (ENSEMBLE_TRY(tx.Surveys().FindFormKey(id, structure))) {
          return Fail(ErrorCode::kAlreadyExists, "surveys.key.exists", "form");
        }
        const auto current = ENSEMBLE_TRY(tx.Surveys().FindVersion(id, record.current_version));
        if (!current) return Internal("a form without its current version");
        if (!ENSEMBLE_TRY(FormOfVersion(record, *current)).settings.public_key.empty()) {
          return Fail(ErrorCode::kConflict, "surveys.key.authors_key", "form");
        }
        const RsaKeyPair pair = ENSEMBLE_TRY(NewRsaKeyPair());
        CreatedFormKey created;
        created.recovery_code = ENSEMBLE_TRY(NewRecoveryCode());
        surveys::FormKey key;
        key.form = id;
        key.structure = structure;
        key.public_key = pair.public_key;
        key.tag = Sha256Hex(pair.public_key).substr(0, 8);
        key.sealed_by_passphrase = ENSEMBLE_TRY(Seal(pair.private_key, secret));
        key.sealed_by_recovery =
            ENSEMBLE_TRY(Seal(pair.private_key, NormalizedRecoveryCode(created.recovery_code)));
        key.created_by = actor.person_id;
        key.created_at = app_.clock().Now();
        key.passphrase_set_at = key.created_at;
        ENSEMBLE_TRY_STATUS(tx.Surveys().InsertFormKey(key));
        ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, structure, "create", "survey_form_key",
                                       std::to_string(id), {.params = {{"tag", key.tag}}}));
        created.key = ENSEMBLE_TRY(KeyViewOf(tx, key));
        created.version = KeyedVersion(current->version, key.tag);
        return created;
      });
}

Status SurveysUseCases::ResetFormKeyPassphrase(const Actor& actor, surveys::FormId id,
                                               std::string_view recovery_code,
                                               std::string_view passphrase) {
  const Status reset =
      Decided(TransactionMode::kWrite, actor, [&](storage::Transaction& tx, Gate& gate) -> Status {
        ENSEMBLE_TRY(FoundForm(tx, gate, id));
        const StructureId structure = actor.acting_structure_id.value_or(0);
        ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kManageFormKey),
                                       surveys::AnswersTarget(structure), std::to_string(id)));
        const std::string secret = ENSEMBLE_TRY(CheckedPassphrase(passphrase));
        const auto key = ENSEMBLE_TRY(tx.Surveys().FindFormKey(id, structure));
        if (!key) return Fail(ErrorCode::kConflict, "surveys.key.none", "form");
        std::string private_key = ENSEMBLE_TRY(OpenedKey(*key, key->sealed_by_recovery,
                                                         NormalizedRecoveryCode(recovery_code),
                                                         "recovery_code", app_.clock().Now()));
        const std::string sealed = ENSEMBLE_TRY(Seal(private_key, secret));
        sodium_memzero(private_key.data(), private_key.size());
        ENSEMBLE_TRY_STATUS(
            tx.Surveys().UpdateFormKeyPassphrase(id, structure, sealed, app_.clock().Now()));
        return app_.Audit(tx, actor, structure, "update", "survey_form_key", std::to_string(id),
                          {.params = {{"tag", key->tag}}});
      });
  if (!reset) CountWrongSecret(actor, id, "reset_passphrase", reset.error());
  return reset;
}

Result<AnswersFile> SurveysUseCases::ExportDecryptedAnswers(const Actor& actor, surveys::FormId id,
                                                            std::string_view passphrase,
                                                            AnswersFormat format,
                                                            Language language) {
  auto exported = Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersFile> {
        const surveys::SurveyForm record = ENSEMBLE_TRY(FoundForm(tx, gate, id));
        const StructureId structure = actor.acting_structure_id.value_or(0);
        ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kReadAnswers),
                                       surveys::AnswersTarget(structure), std::to_string(id)));
        const auto key = ENSEMBLE_TRY(tx.Surveys().FindFormKey(id, structure));
        if (!key) return Fail(ErrorCode::kConflict, "surveys.key.none", "form");
        std::string private_key = ENSEMBLE_TRY(OpenedKey(
            *key, key->sealed_by_passphrase, passphrase, "passphrase", app_.clock().Now()));
        auto file = AnswersFileOf(tx, gate, actor, record, format, language, &private_key);
        sodium_memzero(private_key.data(), private_key.size());
        return file;
      });
  if (!exported) CountWrongSecret(actor, id, "decrypt_answers", exported.error());
  return exported;
}

}  // namespace ensemble::app
