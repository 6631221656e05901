#include "app/surveys/surveys_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "app/digest.h"
#include "app/surveys/answers_export.h"
#include "app/surveys/results_export.h"
#include "app/surveys/use_case_support.h"
#include "app/surveys/xlsform_export.h"
#include "app/tenancy/tenancy_use_cases.h"
#include "components/geography/communes.h"
#include "components/spreadsheet/spreadsheet.h"
#include "components/spreadsheet/xls_conversion.h"
#include "core/paris_time.h"
#include "core/text.h"
#include "documents/csv_writer.h"
#include "documents/pdf_writer.h"
#include "documents/xlsx_writer.h"
#include "domain/surveys/counts.h"
#include "domain/surveys/submission.h"
#include "domain/surveys/xform.h"
#include "i18n/i18n.h"

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

// The form, for who may read it; its facts in `target` when asked, for the next decision.

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

std::vector<QuestionColumn> ColumnsOf(const surveys::Form& form) {
  std::vector<QuestionColumn> columns;
  for (const surveys::Located& located : surveys::Locate(form)) {
    const surveys::Node& node = *located.node;
    if (node.kind != surveys::NodeKind::kQuestion || node.type == surveys::QuestionType::kNote) {
      continue;
    }
    columns.push_back({located.path, node.name, surveys::LabelIn(form, node.label, node.name),
                       std::string(surveys::TypeWord(node.type)), located.repeat_path});
  }
  return columns;
}

constexpr std::size_t kMaxFiles = 50;

// A structure that collects the form, with the commune its results are grouped by.
struct Collecting {
  StructureId id = 0;
  std::string name;
  std::string commune_insee;  // empty when unknown
};

// The structures that collect the form, by name: its collective's members and its owner.
Result<std::vector<Collecting>> CollectingStructures(storage::Transaction& tx,
                                                     const SurveyForm& form) {
  std::vector<Collecting> structures;
  if (form.collective) {
    for (tenancy::MemberView& member : ENSEMBLE_TRY(tx.Tenancy().MembersOf(*form.collective))) {
      structures.push_back(
          {member.structure_id, std::move(member.structure_name), std::move(member.commune_insee)});
    }
  }
  if (std::none_of(structures.begin(), structures.end(),
                   [&](const Collecting& s) { return s.id == form.owner; })) {
    Collecting owner{form.owner, {}, {}};
    if (auto found = ENSEMBLE_TRY(tx.Tenancy().FindStructure(form.owner))) {
      owner.name = std::move(found->name);
      owner.commune_insee = std::move(found->commune_insee);
    }
    structures.push_back(std::move(owner));
  }
  std::sort(structures.begin(), structures.end(),
            [](const Collecting& a, const Collecting& b) { return a.name < b.name; });
  return structures;
}

// The territory results are broken down by: the structure's commune, named as the INSEE names it
// (its code when the code is no current commune's).
void PlaceInTerritory(const Collecting& structure, StructureCounts& counts) {
  if (structure.commune_insee.empty()) return;
  counts.territory = structure.commune_insee;
  const geography::Commune* commune = geography::FindCommune(counts.territory);
  counts.territory_name = commune ? std::string(commune->name) : counts.territory;
}

// What a structure grants the form's collective of its answers; its own form is its own.
Result<tenancy::SharingLevel> AnswersLevel(storage::Transaction& tx, const SurveyForm& form,
                                           StructureId structure) {
  if (!form.collective) return tenancy::SharingLevel::kFull;
  const auto rules =
      ENSEMBLE_TRY(tx.Tenancy().SharingRulesOf(structure, tenancy::RecordKind::kSurveyAnswers));
  return tenancy::GrantedLevel(rules, {*form.collective});
}

Counted CountedAs(const Results& results, StructureId structure) {
  const auto in = [&](const std::vector<StructureId>& list) {
    return std::find(list.begin(), list.end(), structure) != list.end();
  };
  if (in(results.pooled)) return Counted::kPooled;
  if (in(results.left_out)) return Counted::kLeftOut;
  for (const ResultRow& row : results.rows) {
    if (in(row.structures)) return Counted::kRow;
  }
  return Counted::kLeftOut;
}

}  // namespace

Result<SurveyForm> FoundForm(storage::Transaction& tx, Gate& gate, surveys::FormId id,
                             access::Target* target) {
  const auto form = ENSEMBLE_TRY(tx.Surveys().FindForm(id));
  const auto facts = ENSEMBLE_TRY(FormTargetIn(tx, form));
  ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kReadForm), facts, std::to_string(id)));
  if (target != nullptr) *target = facts;
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

// The form a version was written from, as its submissions were filled: its uploaded file read
// again, with the id and version the server gave it when the file had none.
Result<surveys::Form> FormOfVersion(const SurveyForm& record, const surveys::FormVersion& version) {
  const Workbook workbook = ENSEMBLE_TRY(WorkbookOf(version.source));
  surveys::XlsFormReading reading = surveys::ReadXlsForm(workbook);
  if (!reading.form) return Internal("a stored form version no longer reads");
  reading.form->settings.form_id = record.xform_id;
  reading.form->settings.version = version.version;
  return std::move(*reading.form);
}

std::string KeyedVersion(std::string_view version, std::string_view tag) {
  return std::string(version) + "-" + std::string(tag);
}

// A file's name from a text of outside: the form's id, an XML name, may hold letters of any
// script and colons. Its ASCII letters, digits, '_', '-' and '.', the rest as '_'.
std::string AsciiFileName(std::string_view text) {
  std::string name;
  for (const char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_' || c == '-' || c == '.';
    name += plain ? c : '_';
  }
  return name;
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
  const StructureId structure = actor.acting_structure_id.value_or(0);
  const auto key = ENSEMBLE_TRY(tx.Surveys().FindFormKey(form.id, structure));
  for (const surveys::FormVersion& version :
       ENSEMBLE_TRY(tx.Surveys().VersionsOf(form.id, false))) {
    if (version.number == form.current_version) {
      XFormDocument served = ENSEMBLE_TRY(ServedXForm(tx, form, version, key));
      summary.version = std::move(served.version);
      summary.xform_md5 = std::move(served.md5);
    }
  }
  if (key) summary.key = ENSEMBLE_TRY(KeyViewOf(tx, *key));
  const auto target = ENSEMBLE_TRY(FormTargetIn(tx, form));
  summary.actions = surveys::AllowedActions(
      actor, {Action::kReadForm, Action::kUpdateForm, Action::kSubmit, Action::kReadResults},
      target);
  if (surveys::Decide(actor, Action::kManageFormKey, surveys::AnswersTarget(structure)).allowed()) {
    summary.actions.push_back("manage_form_key");
  }
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

Result<FormDetail> SurveysUseCases::DetailOf(storage::Transaction& tx, const Actor& actor,
                                             const SurveyForm& form) {
  FormDetail detail;
  detail.summary = ENSEMBLE_TRY(SummaryOf(tx, actor, form));
  detail.versions = ENSEMBLE_TRY(tx.Surveys().VersionsOf(form.id, false));
  for (surveys::FormVersion& version : detail.versions) version.xform.clear();
  return detail;
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
                   return DetailOf(tx, actor, form);
                 });
}

Result<FormDetail> SurveysUseCases::SetFormState(const Actor& actor, surveys::FormId id,
                                                 surveys::FormState state) {
  return Decided(TransactionMode::kWrite, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<FormDetail> {
                   access::Target target;
                   SurveyForm form = ENSEMBLE_TRY(FoundForm(tx, gate, id, &target));
                   ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kUpdateForm), target,
                                                  std::to_string(id)));
                   if (form.state != state) {
                     ENSEMBLE_TRY_STATUS(tx.Surveys().SetFormState(id, state));
                     form.state = state;
                     ENSEMBLE_TRY_STATUS(app_.Audit(
                         tx, actor, form.owner, "update", "survey_form", std::to_string(id),
                         {.params = {{"state", std::string(surveys::ToString(state))}}}));
                   }
                   return DetailOf(tx, actor, form);
                 });
}

Result<XFormDocument> SurveysUseCases::GetXForm(const Actor& actor, surveys::FormId id) {
  return Decided(
      TransactionMode::kRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<XFormDocument> {
        const SurveyForm form = ENSEMBLE_TRY(FoundForm(tx, gate, id));
        for (surveys::FormVersion& version : ENSEMBLE_TRY(tx.Surveys().VersionsOf(id, false))) {
          if (version.number == form.current_version) {
            return ServedXForm(tx, form, version, actor.acting_structure_id.value_or(0));
          }
        }
        return Internal("a form without its current version");
      });
}

Result<AnswersFile> SurveysUseCases::ExportXlsForm(const Actor& actor, surveys::FormId id,
                                                   AnswersFormat format) {
  return Decided(
      TransactionMode::kRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersFile> {
        const SurveyForm form = ENSEMBLE_TRY(FoundForm(tx, gate, id));
        const auto current = ENSEMBLE_TRY(tx.Surveys().FindVersion(id, form.current_version));
        if (!current) return Internal("a form without its current version");
        const Workbook workbook = StampedXlsForm(ENSEMBLE_TRY(WorkbookOf(current->source)),
                                                 form.xform_id, current->version);
        AnswersFile file;
        const bool csv = format == AnswersFormat::kCsv;
        file.name = AsciiFileName(form.xform_id) + (csv ? ".csv" : ".xlsx");
        file.bytes =
            csv ? XlsFormCsv(workbook)
                : ENSEMBLE_TRY(XlsFormXlsx(workbook, form.title, ParisIsoDate(app_.clock().Now())));
        return file;
      });
}

namespace {

// The disclosure rule of the questionnaire's results: its own threshold, the rest the default.
disclosure::Options OptionsOf(const SurveyForm& record) {
  disclosure::Options options;
  options.threshold = record.threshold;
  return options;
}

// What the results of a closed questionnaire are made of: the collecting structures, the counts
// of those whose sharing level lets them out, and the counted questions.
struct CountedAnswers {
  SurveyForm record;
  std::vector<ResultsMember> members;
  std::vector<StructureCounts> counted;
  std::vector<surveys::CountedQuestion> questions;
};

// The month an answer was sent in, as a question of the results: its choices the months the
// counts hold, in order, named in the reader's language.
surveys::CountedQuestion MonthQuestion(std::span<const StructureCounts> counted,
                                       Language language) {
  surveys::CountedQuestion question{
      std::string(surveys::kMonthPath),
      std::string(surveys::kMonthName),
      i18n::Render(Message{"surveys.results.month_question"}, language),
      surveys::CountedKind::kSingle,
      {}};
  std::set<std::string> months;
  for (const StructureCounts& structure : counted) {
    for (const surveys::AnswerCount& count : structure.counts) {
      if (count.question_path == surveys::kMonthPath && count.answers > 0) {
        months.insert(count.choice);
      }
    }
  }
  for (const std::string& month : months) {
    int year = 0, number = 0;
    if (std::sscanf(month.c_str(), "%4d-%2d", &year, &number) != 2 || number < 1 || number > 12) {
      continue;
    }
    question.choices.push_back(
        {month, i18n::Render(Message{"surveys.results.month." + std::to_string(number),
                                     {{"year", std::to_string(year)}}},
                             language)});
  }
  return question;
}

Result<CountedAnswers> CountedAnswersOf(storage::Transaction& tx, Gate& gate, surveys::FormId id,
                                        Language language) {
  access::Target target;
  CountedAnswers answers;
  answers.record = ENSEMBLE_TRY(FoundForm(tx, gate, id, &target));
  const SurveyForm& record = answers.record;
  ENSEMBLE_TRY_STATUS(
      gate.Check(surveys::SpecOf(Action::kReadResults), target, std::to_string(id)));
  if (record.state != surveys::FormState::kClosed) {
    return Fail(ErrorCode::kConflict, "surveys.results.collecting");
  }
  for (const Collecting& collecting : ENSEMBLE_TRY(CollectingStructures(tx, record))) {
    const StructureId structure = collecting.id;
    const tenancy::SharingLevel level = ENSEMBLE_TRY(AnswersLevel(tx, record, structure));
    answers.members.push_back({structure, collecting.name, level, Counted::kNotShared});
    if (!surveys::CountsInResults(level)) continue;
    StructureCounts counts;
    counts.structure = structure;
    counts.name = collecting.name;
    counts.counts = ENSEMBLE_TRY(tx.Surveys().AnswerCountsOf(id, structure));
    counts.numbers = ENSEMBLE_TRY(tx.Surveys().NumberCountsOf(id, structure));
    PlaceInTerritory(collecting, counts);
    answers.counted.push_back(std::move(counts));
  }
  const auto current = ENSEMBLE_TRY(tx.Surveys().FindVersion(id, record.current_version));
  if (!current) return Internal("a form without its current version");
  answers.questions = surveys::CountedQuestions(ENSEMBLE_TRY(FormOfVersion(record, *current)));
  answers.questions.push_back(MonthQuestion(answers.counted, language));
  return answers;
}

// The results as every reader gets them (app/surveys/results.h), once the collection is closed.
Result<FormResults> ResultsOf(storage::Transaction& tx, Gate& gate, surveys::FormId id,
                              Language language) {
  CountedAnswers answers = ENSEMBLE_TRY(CountedAnswersOf(tx, gate, id, language));
  FormResults view;
  view.form = std::move(answers.record);
  view.members = std::move(answers.members);
  view.results =
      ENSEMBLE_TRY(ComputeResults(answers.questions, answers.counted, OptionsOf(view.form)));
  for (ResultsMember& member : view.members) {
    if (surveys::CountsInResults(member.level)) {
      member.counted = CountedAs(view.results, member.structure);
    }
  }
  return view;
}

// The single-choice question named `name`, or a refusal naming `field`: only those cross (the
// choices of a multiple one do not add up to the answers).
Result<const surveys::CountedQuestion*> CountedQuestionNamed(
    const std::vector<surveys::CountedQuestion>& questions, std::string_view name,
    std::string_view field) {
  for (const surveys::CountedQuestion& question : questions) {
    if (question.name == name && question.kind == surveys::CountedKind::kSingle) return &question;
  }
  return Fail(ErrorCode::kInvalidArgument, "surveys.crosstab.question", std::string(field));
}

}  // namespace

Result<FormResults> SurveysUseCases::GetResults(const Actor& actor, surveys::FormId id,
                                                Language language) {
  return Decided(TransactionMode::kRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<FormResults> {
                   return ResultsOf(tx, gate, id, language);
                 });
}

namespace {

Result<FormCrossResult> CrossResultOf(storage::Transaction& tx, Gate& gate, surveys::FormId id,
                                      std::string_view rows, std::string_view columns,
                                      Language language) {
  const CountedAnswers answers = ENSEMBLE_TRY(CountedAnswersOf(tx, gate, id, language));
  const auto* rows_question = ENSEMBLE_TRY(CountedQuestionNamed(answers.questions, rows, "rows"));
  const auto* columns_question =
      ENSEMBLE_TRY(CountedQuestionNamed(answers.questions, columns, "columns"));
  if (rows_question == columns_question) {
    return Fail(ErrorCode::kInvalidArgument, "surveys.crosstab.same_question", "columns");
  }
  const auto [first, second] = std::minmax(rows_question->path, columns_question->path);
  std::vector<std::vector<surveys::PairCount>> pairs;
  for (const StructureCounts& structure : answers.counted) {
    pairs.push_back(
        ENSEMBLE_TRY(tx.Surveys().PairCountsOf(id, structure.structure, first, second)));
  }
  FormCrossResult view;
  view.form = answers.record;
  view.cross = ENSEMBLE_TRY(ComputeCrossResult(*rows_question, *columns_question, answers.counted,
                                               pairs, OptionsOf(answers.record)));
  return view;
}

}  // namespace

Result<FormCrossResult> SurveysUseCases::GetCrossResult(const Actor& actor, surveys::FormId id,
                                                        std::string_view rows,
                                                        std::string_view columns,
                                                        Language language) {
  return Decided(TransactionMode::kRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<FormCrossResult> {
                   return CrossResultOf(tx, gate, id, rows, columns, language);
                 });
}

Result<AnswersFile> SurveysUseCases::ExportCrossResult(const Actor& actor, surveys::FormId id,
                                                       std::string_view rows,
                                                       std::string_view columns,
                                                       AnswersFormat format, Language language) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersFile> {
        const FormCrossResult view =
            ENSEMBLE_TRY(CrossResultOf(tx, gate, id, rows, columns, language));
        const bool csv = format == AnswersFormat::kCsv;
        AnswersFile file;
        file.name = AsciiFileName(view.form.xform_id + "_" +
                                  i18n::Render(Message{"surveys.export.cross.file"}, language) +
                                  "_" + std::string(rows) + "_" + std::string(columns)) +
                    (csv ? ".csv" : ".xlsx");
        file.bytes = csv ? ENSEMBLE_TRY(documents::WriteCsv(CrossLongTable(view, language)))
                         : ENSEMBLE_TRY(documents::WriteXlsx(
                               CrossDocument(view, ParisIsoDate(app_.clock().Now()), language)));
        ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, actor.acting_structure_id.value_or(0), "export",
                                       "survey_results", std::to_string(id),
                                       {.params = {{"format", std::string(csv ? "csv" : "xlsx")},
                                                   {"rows", std::string(rows)},
                                                   {"columns", std::string(columns)}}}));
        return file;
      });
}

Result<AnswersFile> SurveysUseCases::ExportResults(const Actor& actor, surveys::FormId id,
                                                   AnswersFormat format, Language language) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersFile> {
        const FormResults view = ENSEMBLE_TRY(ResultsOf(tx, gate, id, language));
        const bool csv = format == AnswersFormat::kCsv;
        AnswersFile file;
        file.name = AsciiFileName(view.form.xform_id + "_" +
                                  i18n::Render(Message{"surveys.export.results.file"}, language)) +
                    (csv ? ".csv" : ".xlsx");
        file.bytes = csv ? ENSEMBLE_TRY(documents::WriteCsv(ResultsLongTable(view, language)))
                         : ENSEMBLE_TRY(documents::WriteXlsx(
                               ResultsDocument(view, ParisIsoDate(app_.clock().Now()), language)));
        ENSEMBLE_TRY_STATUS(app_.Audit(
            tx, actor, actor.acting_structure_id.value_or(0), "export", "survey_results",
            std::to_string(id), {.params = {{"format", std::string(csv ? "csv" : "xlsx")}}}));
        return file;
      });
}

Result<AnswersFile> SurveysUseCases::ExportReport(const Actor& actor, surveys::FormId id,
                                                  const std::vector<std::string>& questions,
                                                  Language language) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersFile> {
        const FormResults view = ENSEMBLE_TRY(ResultsOf(tx, gate, id, language));
        const documents::Document report = ENSEMBLE_TRY(
            ReportDocument(view, questions, ParisIsoDate(app_.clock().Now()), language));
        AnswersFile file;
        file.name = AsciiFileName(view.form.xform_id + "_" +
                                  i18n::Render(Message{"surveys.export.report.file"}, language)) +
                    ".pdf";
        file.bytes = ENSEMBLE_TRY(documents::WritePdf(report));
        std::string named;
        for (const std::string& question : questions)
          named += (named.empty() ? "" : ",") + question;
        ENSEMBLE_TRY_STATUS(
            app_.Audit(tx, actor, actor.acting_structure_id.value_or(0), "export", "survey_results",
                       std::to_string(id),
                       {.params = {{"format", std::string("pdf")}, {"questions", named}}}));
        return file;
      });
}

Result<FormImport> SurveysUseCases::CreateForm(const Actor& actor, const FormUpload& sent) {
  FormUpload upload = sent;
  // An old .xls goes through LibreOffice first, outside the transaction (it takes seconds) and
  // only for who may design; the converted workbook is what the version keeps.
  if (spreadsheet::Sniff(upload.bytes) == spreadsheet::Format::kXls &&
      !app_.options().soffice.empty()) {
    ENSEMBLE_TRY_STATUS(
        Decided(TransactionMode::kRead, actor, [&](storage::Transaction&, Gate& gate) -> Status {
          const StructureId owner = actor.acting_structure_id.value_or(0);
          return gate.Check(surveys::SpecOf(Action::kCreateForm), surveys::AnswersTarget(owner),
                            std::to_string(owner));
        }));
    upload.bytes =
        ENSEMBLE_TRY(spreadsheet::ConvertXlsToXlsx(upload.bytes, app_.options().soffice));
  }
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<FormImport> {
        const StructureId owner = actor.acting_structure_id.value_or(0);
        ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kCreateForm),
                                       surveys::AnswersTarget(owner), std::to_string(owner)));
        std::int64_t threshold = disclosure::Options{}.threshold;
        if (upload.collective) {
          std::optional<tenancy::Collective> collective;
          const auto target =
              ENSEMBLE_TRY(CollectiveTarget(tx, actor, *upload.collective, collective));
          ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kDesignForCollective), target,
                                         std::to_string(*upload.collective)));
          threshold = collective->disclosure_threshold;
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
        // Kept with the form: its results are never published again under another rule.
        record.threshold = threshold;
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
        result.created = ENSEMBLE_TRY(DetailOf(tx, actor, record));
        return result;
      });
}

namespace {

// Adds an answer to its structure's counts (delta 1), or takes it away (-1).
Status CountAnswer(storage::Transaction& tx, surveys::FormId form_id, StructureId structure,
                   const surveys::Form& form, const surveys::Instance& instance, UnixMillis sent_at,
                   int delta) {
  // What the server cannot read, it does not count: an encrypted answer is in no result.
  if (instance.encrypted) return Ok();
  const std::string month = ParisIsoDate(sent_at).substr(0, 7);
  surveys::AnswerTally tally = surveys::TallyAnswer(form, instance, month);
  CountWords(tally);
  return tx.Surveys().AddAnswerCounts(form_id, structure, tally, delta);
}

// Takes a replaced answer out of its structure's counts, read with the version it was filled
// with: `filled` when that is the edit's version (read already), else read here.
Status UncountAnswer(storage::Transaction& tx, const SurveyForm& record,
                     const std::vector<surveys::FormVersion>& versions,
                     const surveys::FormVersion& edit_version, const surveys::Form& filled,
                     const surveys::Submission& replaced) {
  const surveys::Instance instance = ENSEMBLE_TRY(surveys::ReadInstance(replaced.xml));
  const auto uncount = [&](const surveys::Form& form) {
    return CountAnswer(tx, record.id, replaced.structure, form, instance, replaced.submitted_at,
                       -1);
  };
  if (edit_version.number == replaced.form_version) return uncount(filled);
  for (const surveys::FormVersion& version : versions) {
    if (version.number == replaced.form_version) {
      return uncount(ENSEMBLE_TRY(FormOfVersion(record, version)));
    }
  }
  return Internal("a submission of a missing version");
}

}  // namespace

Result<SubmissionView> SurveysUseCases::ViewOf(storage::Transaction& tx, const surveys::Form& form,
                                               const surveys::FormVersion& version,
                                               surveys::Submission submission,
                                               std::map<tenancy::PersonId, std::string>* names,
                                               bool with_files) {
  SubmissionView view;
  view.version = version.version;
  if (submission.submitted_by) {
    const auto known = names != nullptr ? names->find(*submission.submitted_by)
                                        : std::map<tenancy::PersonId, std::string>::iterator{};
    if (names != nullptr && known != names->end()) {
      view.submitted_by_name = known->second;
    } else {
      if (const auto person = ENSEMBLE_TRY(tx.Tenancy().FindPerson(*submission.submitted_by))) {
        view.submitted_by_name = person->display_name;
      }
      if (names != nullptr) names->emplace(*submission.submitted_by, view.submitted_by_name);
    }
  }
  if (auto instance = surveys::ReadInstance(submission.xml)) {
    view.encrypted = instance->encrypted.has_value();
    for (surveys::FlatAnswer& answer : surveys::Flatten(form, *instance)) {
      view.answers.push_back(
          {std::move(answer.question_path), std::move(answer.path), std::move(answer.value)});
    }
  }
  if (with_files) view.attachments = ENSEMBLE_TRY(tx.Surveys().AttachmentsOf(submission.id));
  submission.xml.clear();
  view.submission = std::move(submission);
  return view;
}

Result<SubmitOutcome> SurveysUseCases::Submit(const Actor& actor, surveys::FormId id,
                                              const SubmissionUpload& upload) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<SubmitOutcome> {
        access::Target target;
        const SurveyForm record = ENSEMBLE_TRY(FoundForm(tx, gate, id, &target));
        ENSEMBLE_TRY_STATUS(
            gate.Check(surveys::SpecOf(Action::kSubmit), target, std::to_string(id)));
        const StructureId structure = actor.acting_structure_id.value_or(0);
        if (record.state == surveys::FormState::kClosed) {
          return Fail(ErrorCode::kConflict, "surveys.submission.form_closed");
        }
        if (upload.files.size() > kMaxFiles) {
          return Fail(ErrorCode::kInvalidArgument,
                      Message{"surveys.submission.too_many_files", {{"max", kMaxFiles}}}, "files");
        }
        const surveys::Instance instance = ENSEMBLE_TRY(surveys::ReadInstance(upload.xml));

        // The version it was filled with; another version's id is checked against the current
        // one, which names the mismatch.
        std::vector<surveys::FormVersion> versions =
            ENSEMBLE_TRY(tx.Surveys().VersionsOf(id, true));
        // A version under the structure's key is that version, encrypted.
        const auto key = ENSEMBLE_TRY(tx.Surveys().FindFormKey(id, structure));
        const surveys::FormVersion* version = nullptr;
        const surveys::FormVersion* current = nullptr;
        bool keyed = false;
        for (const surveys::FormVersion& v : versions) {
          if (v.version == instance.version) version = &v;
          if (key && KeyedVersion(v.version, key->tag) == instance.version) {
            version = &v;
            keyed = true;
          }
          if (v.number == record.current_version) current = &v;
        }
        if (version == nullptr) version = current;
        if (version == nullptr) return Internal("a form without its current version");
        surveys::Form form = ENSEMBLE_TRY(FormOfVersion(record, *version));
        if (keyed) {
          form.settings.public_key = key->public_key;
          form.settings.version = instance.version;
        }

        surveys::InstanceCheck check = surveys::CheckInstance(form, instance);
        SubmitOutcome outcome;
        outcome.unchecked = std::move(check.unchecked);
        outcome.violations = std::move(check.violations);
        const auto sent = [&](const std::string& name) -> const SubmissionFile* {
          for (const SubmissionFile& file : upload.files) {
            if (file.name == name) return &file;
          }
          return nullptr;
        };
        for (const std::string& name : check.attachments) {
          if (sent(name) == nullptr) {
            outcome.violations.push_back(
                {"", Message{"surveys.submission.file_missing", {{"name", name}}}});
          }
        }
        for (const SubmissionFile& file : upload.files) {
          if (std::find(check.attachments.begin(), check.attachments.end(), file.name) ==
              check.attachments.end()) {
            outcome.ignored_files.push_back(file.name);
          }
        }
        if (!outcome.violations.empty()) return outcome;

        // ODK clients send again what they are not sure arrived: the same instance from the same
        // structure is answered as stored; any other reuse of its id is a conflict.
        if (const auto existing =
                ENSEMBLE_TRY(tx.Surveys().FindSubmissionByInstance(instance.instance_id))) {
          if (existing->structure == structure && existing->form == id &&
              existing->xml == upload.xml) {
            outcome.resent = true;
            outcome.stored = ENSEMBLE_TRY(ViewOf(tx, form, *version, *existing));
            return outcome;
          }
          return Fail(ErrorCode::kAlreadyExists, "surveys.submission.duplicate", "instance_id");
        }
        std::optional<std::string> deprecated;
        if (!instance.deprecated_id.empty()) {
          const auto replaced =
              ENSEMBLE_TRY(tx.Surveys().FindSubmissionByInstance(instance.deprecated_id));
          if (!replaced || replaced->structure != structure || replaced->form != id) {
            return Fail(ErrorCode::kNotFound, "surveys.submission.edited_not_found",
                        "deprecated_id");
          }
          if (!replaced->current) {
            return Fail(ErrorCode::kConflict, "surveys.submission.edited_twice", "deprecated_id");
          }
          ENSEMBLE_TRY_STATUS(tx.Surveys().SupersedeSubmission(replaced->id));
          ENSEMBLE_TRY_STATUS(UncountAnswer(tx, record, versions, *version, form, *replaced));
          deprecated = instance.deprecated_id;
        }
        surveys::Submission submission;
        submission.form = id;
        submission.form_version = version->number;
        submission.structure = structure;
        submission.instance_id = instance.instance_id;
        submission.deprecated_id = deprecated;
        submission.submitted_by = actor.person_id;
        submission.submitted_at = app_.clock().Now();
        submission.xml = upload.xml;
        auto inserted = tx.Surveys().InsertSubmission(submission);
        if (!inserted && inserted.error().code == ErrorCode::kAlreadyExists) {
          // Another structure's, which this transaction cannot see: nothing more is said.
          return Fail(ErrorCode::kAlreadyExists, "surveys.submission.duplicate", "instance_id");
        }
        submission.id = ENSEMBLE_TRY(std::move(inserted));
        ENSEMBLE_TRY_STATUS(
            CountAnswer(tx, id, structure, form, instance, submission.submitted_at, 1));
        for (const std::string& name : check.attachments) {
          const SubmissionFile& file = *sent(name);
          ENSEMBLE_TRY_STATUS(tx.Surveys().InsertAttachment(
              {submission.id, file.name, file.content_type, file.data,
               static_cast<std::int64_t>(file.data.size()), Sha256Hex(file.data)},
              structure));
        }
        ENSEMBLE_TRY_STATUS(app_.Audit(
            tx, actor, structure, deprecated ? "update" : "create", "survey_submission",
            std::to_string(submission.id),
            {.params = {{"form", std::to_string(id)}, {"instance_id", submission.instance_id}}}));
        outcome.stored = ENSEMBLE_TRY(ViewOf(tx, form, *version, std::move(submission)));
        return outcome;
      });
}

Result<SubmitOutcome> SurveysUseCases::SubmitByXformId(const Actor& actor,
                                                       const SubmissionUpload& upload) {
  const surveys::Instance instance = ENSEMBLE_TRY(surveys::ReadInstance(upload.xml));
  const auto form = ENSEMBLE_TRY(app_.database().InTransaction(
      TransactionMode::kRead, App::ScopeOf(actor),
      [&](storage::Transaction& tx) { return tx.Surveys().FindFormByXformId(instance.form_id); }));
  // An unknown id answers as a form the actor may not see: Submit decides which.
  return Submit(actor, form ? form->id : 0, upload);
}

Status SurveysUseCases::VisitOwnAnswers(storage::Transaction& tx, Gate& gate, const Actor& actor,
                                        const SurveyForm& record, const AnswerVisitor& visit,
                                        const std::string* private_key,
                                        std::vector<std::string>* unverified) {
  const StructureId structure = actor.acting_structure_id.value_or(0);
  ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kReadAnswers),
                                 surveys::AnswersTarget(structure), std::to_string(record.id)));
  const std::vector<surveys::FormVersion> versions =
      ENSEMBLE_TRY(tx.Surveys().VersionsOf(record.id, true));
  // Each version's form read once: the columns are the current version's.
  std::map<int, surveys::Form> forms;
  for (const surveys::FormVersion& version : versions) {
    forms.emplace(version.number, ENSEMBLE_TRY(FormOfVersion(record, version)));
  }
  ENSEMBLE_TRY_STATUS(visit.columns(ColumnsOf(forms.at(record.current_version))));
  // A page at a time: an export of any size holds one page of answers.
  constexpr std::int64_t kPage = 500;
  std::map<tenancy::PersonId, std::string> names;
  std::optional<std::pair<UnixMillis, surveys::SubmissionId>> after;
  while (true) {
    std::vector<surveys::Submission> page =
        ENSEMBLE_TRY(tx.Surveys().CurrentSubmissionsPage(record.id, structure, after, kPage));
    for (surveys::Submission& submission : page) {
      const auto form = forms.find(submission.form_version);
      if (form == forms.end()) return Internal("a submission of a missing version");
      const surveys::FormVersion& version =
          versions.at(static_cast<std::size_t>(submission.form_version - 1));
      if (private_key != nullptr) {
        if (auto plain = ENSEMBLE_TRY(DecryptStored(tx, submission, *private_key))) {
          if (!plain->signature_valid && unverified != nullptr) {
            unverified->push_back(submission.instance_id);
          }
          submission.xml = std::move(plain->xml);
        }
      }
      after = std::pair(submission.submitted_at, submission.id);
      ENSEMBLE_TRY_STATUS(visit.answer(ENSEMBLE_TRY(
          ViewOf(tx, form->second, version, std::move(submission), &names, visit.with_files))));
    }
    if (static_cast<std::int64_t>(page.size()) < kPage) return Ok();
  }
}

Result<SubmissionList> SurveysUseCases::OwnAnswers(storage::Transaction& tx, Gate& gate,
                                                   const Actor& actor, const SurveyForm& record) {
  SubmissionList list;
  ENSEMBLE_TRY_STATUS(VisitOwnAnswers(tx, gate, actor, record,
                                      {[&](const std::vector<QuestionColumn>& columns) {
                                         list.questions = columns;
                                         return Ok();
                                       },
                                       [&](SubmissionView view) {
                                         list.items.push_back(std::move(view));
                                         return Ok();
                                       }}));
  return list;
}

Result<SubmissionList> SurveysUseCases::ListSubmissions(const Actor& actor, surveys::FormId id) {
  return Decided(TransactionMode::kRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<SubmissionList> {
                   const SurveyForm record = ENSEMBLE_TRY(FoundForm(tx, gate, id));
                   return OwnAnswers(tx, gate, actor, record);
                 });
}

Result<AnswersFile> SurveysUseCases::ExportAnswers(const Actor& actor, surveys::FormId id,
                                                   AnswersFormat format, Language language) {
  return Decided(TransactionMode::kAuditedRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersFile> {
                   const SurveyForm record = ENSEMBLE_TRY(FoundForm(tx, gate, id));
                   return AnswersFileOf(tx, gate, actor, record, format, language, nullptr);
                 });
}

Result<AnswersFile> SurveysUseCases::AnswersFileOf(storage::Transaction& tx, Gate& gate,
                                                   const Actor& actor, const SurveyForm& record,
                                                   AnswersFormat format, Language language,
                                                   const std::string* private_key,
                                                   const WorkProgress* progress) {
  const StructureId structure = actor.acting_structure_id.value_or(0);
  // How often the progress is told: each report is a write of the job's row.
  constexpr std::int64_t kProgressEvery = 500;
  const std::int64_t total =
      progress != nullptr ? ENSEMBLE_TRY(tx.Surveys().CountSubmissions(record.id, structure)) : 0;
  if (progress != nullptr) ENSEMBLE_TRY_STATUS((*progress)(0, total));
  AnswersExport what;
  what.form_title = record.title;
  if (const auto found = ENSEMBLE_TRY(tx.Tenancy().FindStructure(structure))) {
    what.structure_name = found->name;
  }
  what.created = ParisIsoDate(app_.clock().Now());
  const bool csv = format == AnswersFormat::kCsv;
  AnswersFile file;
  file.name = AsciiFileName(record.xform_id) + (csv ? ".csv" : ".xlsx");
  // The rows are written as the answers are read: the CSV's one table, or every sheet.
  std::optional<AnswersTables> tables;
  std::optional<documents::XlsxStream> workbook;
  std::vector<std::size_t> sheets;
  std::int64_t count = 0;
  const auto start = [&](const std::vector<QuestionColumn>& columns) -> Status {
    tables.emplace(columns, csv ? AnswerHeaders::kNames : AnswerHeaders::kLabels, language);
    if (csv) {
      file.bytes = documents::kUtf8Bom;
      std::vector<std::string> headers;
      for (const documents::Column& column : tables->Tables().front().columns) {
        headers.push_back(column.header);
      }
      documents::AppendCsvRecord(file.bytes, headers);
      return Ok();
    }
    workbook.emplace(
        ENSEMBLE_TRY(documents::XlsxStream::OpenInMemory(AnswersProperties(what, language))));
    for (const documents::Table& table : tables->Tables()) {
      sheets.push_back(ENSEMBLE_TRY(workbook->AddSheet(table.caption, table.columns)));
    }
    return Ok();
  };
  const auto write = [&](SubmissionView view) -> Status {
    ++count;
    if (progress != nullptr && count % kProgressEvery == 0) {
      ENSEMBLE_TRY_STATUS((*progress)(count, std::max(count, total)));
    }
    const std::vector<std::vector<documents::Row>> rows = tables->RowsOf(view);
    if (csv) {
      for (const documents::Row& row : rows.front()) documents::AppendCsvRow(file.bytes, row);
      return Ok();
    }
    for (std::size_t t = 0; t < rows.size(); ++t) {
      for (const documents::Row& row : rows[t]) {
        ENSEMBLE_TRY_STATUS(workbook->AddRow(sheets[t], row));
      }
    }
    return Ok();
  };
  // The files' names are answers already: the export needs no list of attachments.
  ENSEMBLE_TRY_STATUS(VisitOwnAnswers(tx, gate, actor, record, {start, write, false}, private_key,
                                      &file.unverified));
  if (!csv) file.bytes = ENSEMBLE_TRY(workbook->CloseToBytes());
  file.answers = count;
  if (progress != nullptr) ENSEMBLE_TRY_STATUS((*progress)(count, count));
  std::vector<audit::AuditParam> params = {{"format", std::string(csv ? "csv" : "xlsx")},
                                           {"count", count}};
  if (private_key != nullptr) params.push_back({"decrypted", std::int64_t{1}});
  ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, structure, "export", "survey_answers",
                                 std::to_string(record.id), {.params = std::move(params)}));
  return file;
}

Result<surveys::Attachment> SurveysUseCases::GetAttachment(const Actor& actor, surveys::FormId id,
                                                           surveys::SubmissionId submission_id,
                                                           std::string_view name) {
  return Decided(
      TransactionMode::kRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<surveys::Attachment> {
        ENSEMBLE_TRY(FoundForm(tx, gate, id));
        const StructureId structure = actor.acting_structure_id.value_or(0);
        ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kReadAnswers),
                                       surveys::AnswersTarget(structure), std::to_string(id)));
        // Another structure's submission is not found, whether it exists or not.
        const auto submission = ENSEMBLE_TRY(tx.Surveys().FindSubmission(submission_id));
        if (!submission || submission->structure != structure || submission->form != id) {
          return Fail(ErrorCode::kNotFound, "surveys.submission.not_found", "submission_id");
        }
        auto attachment = ENSEMBLE_TRY(tx.Surveys().FindAttachment(submission_id, name));
        if (!attachment) {
          return Fail(ErrorCode::kNotFound, "surveys.submission.file_not_found", "name");
        }
        return std::move(*attachment);
      });
}

}  // namespace ensemble::app
