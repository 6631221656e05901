#include "app/surveys/surveys_use_cases.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>

#include "app/tenancy/tenancy_use_cases.h"
#include "components/spreadsheet/spreadsheet.h"
#include "core/text.h"
#include "domain/surveys/xform.h"

namespace ensemble::app {
namespace {

using storage::TransactionMode;
using surveys::Action;
using surveys::SurveyForm;

constexpr std::size_t kMaxTitleChars = 200;

// The members of the form's collective (none for a form of its owner alone): its parties.
Result<access::Target> FormTargetIn(storage::Transaction& tx,
                                    const std::optional<SurveyForm>& form) {
  if (!form) {
    access::Target missing;
    missing.exists = false;
    return missing;
  }
  std::vector<StructureId> members;
  if (form->collective) {
    for (const tenancy::MemberView& member :
         ENSEMBLE_TRY(tx.Tenancy().MembersOf(*form->collective))) {
      members.push_back(member.structure_id);
    }
  }
  return surveys::FormTarget(*form, members);
}

Result<SurveyForm> FoundForm(storage::Transaction& tx, Gate& gate, surveys::FormId id) {
  const auto form = ENSEMBLE_TRY(tx.Surveys().FindForm(id));
  const auto target = ENSEMBLE_TRY(FormTargetIn(tx, form));
  ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kReadForm), target, std::to_string(id)));
  return *form;
}

// The workbook of an uploaded file: XLSX or pyxform's CSV; an old .xls or anything else is
// refused with what to do instead.
Result<Workbook> WorkbookOf(std::string_view bytes) {
  // The file is the field at fault in every refusal of the readers.
  const auto the_file = [](Result<Workbook> read) -> Result<Workbook> {
    if (!read && read.error().field.empty()) read.error().field = "file";
    return read;
  };
  switch (spreadsheet::Sniff(bytes)) {
    case spreadsheet::Format::kXlsx:
      return the_file(spreadsheet::ReadXlsx(bytes));
    case spreadsheet::Format::kCsv:
      return the_file(spreadsheet::ReadCsvWorkbook(bytes));
    case spreadsheet::Format::kXls:
      return Fail(ErrorCode::kInvalidArgument, "surveys.upload.xls", "file");
    case spreadsheet::Format::kEncryptedOffice:
      return Fail(ErrorCode::kInvalidArgument, "surveys.upload.encrypted", "file");
    case spreadsheet::Format::kUnknown:
      break;
  }
  return Fail(ErrorCode::kInvalidArgument, "surveys.upload.not_a_spreadsheet", "file");
}

std::string StemOf(std::string_view file_name) {
  const auto slash = file_name.find_last_of("/\\");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  const auto dot = file_name.rfind('.');
  return std::string(file_name.substr(0, dot));
}

// The title people see: the one asked for, else the form's own, else the file's name.
Result<std::string> TitleOf(const FormUpload& upload, const surveys::Form& form) {
  std::string title = Trim(upload.title);
  if (title.empty()) {
    for (const auto& [language, text] : form.settings.form_title) {
      if (!text.empty()) {
        title = Trim(text);
        break;
      }
    }
  }
  if (title.empty()) title = Trim(StemOf(upload.file_name));
  if (title.empty())
    return Fail(ErrorCode::kInvalidArgument, "surveys.form.title_missing", "title");
  if (!IsValidUtf8(title) || CountCodePoints(title) > kMaxTitleChars) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"surveys.form.title_too_long", {{"max", kMaxTitleChars}}}, "title");
  }
  return title;
}

}  // namespace

std::string Md5Hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_md5(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

Result<FormSummary> SurveysUseCases::SummaryOf(storage::Transaction& tx, const Actor& actor,
                                               const SurveyForm& form) {
  FormSummary summary;
  summary.form = form;
  if (const auto owner = ENSEMBLE_TRY(tx.Tenancy().FindStructure(form.owner))) {
    summary.owner_name = owner->name;
  }
  if (form.collective) {
    if (const auto collective = ENSEMBLE_TRY(tx.Tenancy().FindCollective(*form.collective))) {
      summary.collective_name = collective->name;
    }
  }
  for (const surveys::FormVersion& version :
       ENSEMBLE_TRY(tx.Surveys().VersionsOf(form.id, false))) {
    if (version.number == form.current_version) summary.version = version.version;
  }
  const auto target = ENSEMBLE_TRY(FormTargetIn(tx, form));
  summary.actions = surveys::AllowedActions(
      actor, {Action::kReadForm, Action::kUpdateForm, Action::kSubmit}, target);
  if (actor.acting_structure_id &&
      surveys::Decide(actor, Action::kReadAnswers,
                      surveys::AnswersTarget(*actor.acting_structure_id))
          .allowed()) {
    summary.actions.push_back("read_answers");
    summary.own_answers =
        ENSEMBLE_TRY(tx.Surveys().CountSubmissions(form.id, *actor.acting_structure_id));
  }
  return summary;
}

Result<FormList> SurveysUseCases::ListForms(const Actor& actor) {
  return Decided(
      TransactionMode::kRead, actor, [&](storage::Transaction& tx, Gate& gate) -> Result<FormList> {
        const StructureId acting = actor.acting_structure_id.value_or(0);
        const access::Target own = surveys::AnswersTarget(acting);
        ENSEMBLE_TRY_STATUS(
            gate.Check(surveys::SpecOf(Action::kListForms), own, std::to_string(acting)));
        FormList list;
        list.actions = surveys::AllowedActions(actor, {Action::kCreateForm}, own);
        for (const SurveyForm& form : ENSEMBLE_TRY(tx.Surveys().FormsOfStructure(acting))) {
          list.forms.push_back(ENSEMBLE_TRY(SummaryOf(tx, actor, form)));
        }
        return list;
      });
}

Result<FormDetail> SurveysUseCases::GetForm(const Actor& actor, surveys::FormId id) {
  return Decided(TransactionMode::kRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<FormDetail> {
                   const SurveyForm form = ENSEMBLE_TRY(FoundForm(tx, gate, id));
                   FormDetail detail;
                   detail.summary = ENSEMBLE_TRY(SummaryOf(tx, actor, form));
                   detail.versions = ENSEMBLE_TRY(tx.Surveys().VersionsOf(id, false));
                   for (surveys::FormVersion& version : detail.versions) version.xform.clear();
                   return detail;
                 });
}

Result<XFormDocument> SurveysUseCases::GetXForm(const Actor& actor, surveys::FormId id) {
  return Decided(
      TransactionMode::kRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<XFormDocument> {
        const SurveyForm form = ENSEMBLE_TRY(FoundForm(tx, gate, id));
        for (surveys::FormVersion& version : ENSEMBLE_TRY(tx.Surveys().VersionsOf(id, false))) {
          if (version.number == form.current_version) {
            return XFormDocument{std::move(version.xform), version.xform_md5, version.version};
          }
        }
        return Internal("a form without its current version");
      });
}

Result<FormImport> SurveysUseCases::CreateForm(const Actor& actor, const FormUpload& upload) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<FormImport> {
        const StructureId owner = actor.acting_structure_id.value_or(0);
        ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kCreateForm),
                                       surveys::AnswersTarget(owner), std::to_string(owner)));
        if (upload.collective) {
          std::optional<tenancy::Collective> collective;
          const auto target =
              ENSEMBLE_TRY(CollectiveTarget(tx, actor, *upload.collective, collective));
          ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kDesignForCollective), target,
                                         std::to_string(*upload.collective)));
        }
        const Workbook workbook = ENSEMBLE_TRY(WorkbookOf(upload.bytes));
        surveys::XlsFormReading reading = surveys::ReadXlsForm(workbook);
        FormImport result;
        result.warnings = std::move(reading.warnings);
        if (!reading.form) {
          result.errors = std::move(reading.errors);
          return result;
        }
        surveys::Form& form = *reading.form;
        SurveyForm record;
        record.owner = owner;
        record.collective = upload.collective;
        record.title = ENSEMBLE_TRY(TitleOf(upload, form));
        record.created_at = app_.clock().Now();
        if (form.settings.form_id.empty()) {
          // ODK clients tell forms apart by this id: the server makes one from the owner and
          // the time, numbered on when two uploads meet in the same millisecond.
          const std::string base = fmt::format("ensemble_{}_{}", owner, record.created_at);
          form.settings.form_id = base;
          for (int n = 2; ENSEMBLE_TRY(tx.Surveys().FindFormByXformId(form.settings.form_id));
               ++n) {
            form.settings.form_id = fmt::format("{}_{}", base, n);
          }
        } else if (ENSEMBLE_TRY(tx.Surveys().FindFormByXformId(form.settings.form_id))) {
          return Fail(ErrorCode::kAlreadyExists,
                      Message{"surveys.form.id_taken", {{"form_id", form.settings.form_id}}},
                      "file");
        }
        if (form.settings.version.empty()) form.settings.version = "1";
        record.xform_id = form.settings.form_id;
        surveys::FormVersion version;
        version.version = form.settings.version;
        version.source_format = spreadsheet::Sniff(upload.bytes) == spreadsheet::Format::kCsv
                                    ? surveys::SourceFormat::kCsv
                                    : surveys::SourceFormat::kXlsx;
        version.source = upload.bytes;
        version.file_name = upload.file_name;
        version.xform = surveys::WriteXForm(form);
        version.xform_md5 = Md5Hex(version.xform);
        version.created_by = actor.person_id;
        version.created_at = record.created_at;
        record.id = ENSEMBLE_TRY(tx.Surveys().InsertForm(record, version, actor.person_id));
        ENSEMBLE_TRY_STATUS(
            app_.Audit(tx, actor, owner, "create", "survey_form", std::to_string(record.id),
                       {.params = {{"title", record.title}, {"xform_id", record.xform_id}}}));
        FormDetail detail;
        detail.summary = ENSEMBLE_TRY(SummaryOf(tx, actor, record));
        detail.versions = ENSEMBLE_TRY(tx.Surveys().VersionsOf(record.id, false));
        for (surveys::FormVersion& stored : detail.versions) stored.xform.clear();
        result.created = std::move(detail);
        return result;
      });
}

}  // namespace ensemble::app
