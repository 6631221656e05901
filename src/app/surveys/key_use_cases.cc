// Encrypted questionnaires, as ODK's encrypted forms work, with one key per structure: ODK puts
// one public key in a form, so a questionnaire of a collective is served to each structure under
// that structure's own key, as a version of its own ("<version>-<tag>"). Only the structure's
// director makes the key. She chooses a passphrase; the server seals the private key by it and by
// a recovery code it shows her once, to print and keep apart. Whoever may read the structure's
// answers and knows the passphrase exports them decrypted; the recovery code sets a new
// passphrase. Lose both and the encrypted answers are lost: nobody, the server's operator
// included, can open them.
#include <sodium.h>

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

}  // namespace

Result<XFormDocument> ServedXForm(storage::Transaction& tx, const surveys::SurveyForm& record,
                                  const surveys::FormVersion& version, StructureId structure) {
  const auto key = ENSEMBLE_TRY(tx.Surveys().FindFormKey(record.id, structure));
  if (!key) return XFormDocument{version.xform, version.xform_md5, version.version};
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
  return document;
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

Result<std::optional<FormKeyView>> SurveysUseCases::KeyViewOf(storage::Transaction& tx,
                                                              surveys::FormId form,
                                                              StructureId structure) {
  const auto key = ENSEMBLE_TRY(tx.Surveys().FindFormKey(form, structure));
  if (!key) return std::nullopt;
  FormKeyView view;
  view.tag = key->tag;
  view.created_by = key->created_by;
  view.created_at = key->created_at;
  view.passphrase_set_at = key->passphrase_set_at;
  if (const auto person = ENSEMBLE_TRY(tx.Tenancy().FindPerson(key->created_by))) {
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
        created.key = *ENSEMBLE_TRY(KeyViewOf(tx, id, structure));
        created.version = KeyedVersion(current->version, key.tag);
        return created;
      });
}

Status SurveysUseCases::ResetFormKeyPassphrase(const Actor& actor, surveys::FormId id,
                                               std::string_view recovery_code,
                                               std::string_view passphrase) {
  return Decided(
      TransactionMode::kWrite, actor, [&](storage::Transaction& tx, Gate& gate) -> Status {
        ENSEMBLE_TRY(FoundForm(tx, gate, id));
        const StructureId structure = actor.acting_structure_id.value_or(0);
        ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kManageFormKey),
                                       surveys::AnswersTarget(structure), std::to_string(id)));
        const std::string secret = ENSEMBLE_TRY(CheckedPassphrase(passphrase));
        const auto key = ENSEMBLE_TRY(tx.Surveys().FindFormKey(id, structure));
        if (!key) return Fail(ErrorCode::kConflict, "surveys.key.none", "form");
        std::string private_key = ENSEMBLE_TRY(Unseal(
            key->sealed_by_recovery, NormalizedRecoveryCode(recovery_code), "recovery_code"));
        const std::string sealed = ENSEMBLE_TRY(Seal(private_key, secret));
        sodium_memzero(private_key.data(), private_key.size());
        ENSEMBLE_TRY_STATUS(
            tx.Surveys().UpdateFormKeyPassphrase(id, structure, sealed, app_.clock().Now()));
        return app_.Audit(tx, actor, structure, "update", "survey_form_key", std::to_string(id),
                          {.params = {{"tag", key->tag}}});
      });
}

Result<AnswersFile> SurveysUseCases::ExportDecryptedAnswers(const Actor& actor, surveys::FormId id,
                                                            std::string_view passphrase,
                                                            AnswersFormat format,
                                                            Language language) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersFile> {
        const surveys::SurveyForm record = ENSEMBLE_TRY(FoundForm(tx, gate, id));
        const StructureId structure = actor.acting_structure_id.value_or(0);
        ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kReadAnswers),
                                       surveys::AnswersTarget(structure), std::to_string(id)));
        const auto key = ENSEMBLE_TRY(tx.Surveys().FindFormKey(id, structure));
        if (!key) return Fail(ErrorCode::kConflict, "surveys.key.none", "form");
        std::string private_key =
            ENSEMBLE_TRY(Unseal(key->sealed_by_passphrase, passphrase, "passphrase"));
        auto file = AnswersFileOf(tx, gate, actor, record, format, language, &private_key);
        sodium_memzero(private_key.data(), private_key.size());
        return file;
      });
}

}  // namespace ensemble::app
