// The surveys module's use cases: questionnaires designed once (an XLSForm uploaded, read and
// written as the ODK XForm) for a structure or for a collective whose members collect them.
// Every decision goes through the module's policy (domain/surveys/policy.h); answers are read
// only by the structure that collected them.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/surveys/results.h"
#include "documents/document.h"
#include "domain/surveys/policy.h"
#include "domain/surveys/submission.h"
#include "domain/surveys/types.h"
#include "domain/surveys/xlsform.h"

namespace ensemble::app {

// An uploaded XLSForm and what to make of it.
struct FormUpload {
  std::string title;  // Empty: the form's settings' form_title, else the file's name.
  std::optional<CollectiveId> collective;
  std::string file_name;
  std::string bytes;
};

// The acting structure's key for an encrypted questionnaire, as its people see it (never its
// private half, sealed or not).
// The job kind of the background exports of answers (export_use_cases.cc), its payload
// {"export_id": N} (jobs/record_job.h).
inline constexpr std::string_view kAnswersExportJobKind = "surveys_answers_export";
inline constexpr std::string_view kAnswersExportIdKey = "export_id";
// How long a background export waits for its download before housekeeping removes it.
inline constexpr UnixMillis kAnswersExportKept = 24LL * 60 * 60 * 1000;
// A long piece of work's progress: `done` of `total`; an error stops the work.
using WorkProgress = std::function<Status(std::int64_t done, std::int64_t total)>;

// A background export as its requester sees it: its record and its job's progress (answers
// written of the structure's answers).
struct AnswersExportView {
  surveys::AnswersExportRun run;
  std::int64_t progress_done = 0;
  std::int64_t progress_total = 0;
};

struct FormKeyView {
  std::string tag;
  tenancy::PersonId created_by = 0;
  std::string created_by_name;
  UnixMillis created_at = 0;
  UnixMillis passphrase_set_at = 0;
};

struct FormSummary {
  surveys::SurveyForm form;
  std::string owner_name;
  std::string collective_name;     // Empty when the form is the owner's alone.
  std::string version;             // The current version's XForm version.
  std::string xform_md5;           // The current version's XForm's hex MD5.
  std::int64_t own_answers = 0;    // The acting structure's answers (current ones).
  std::optional<FormKeyView> key;  // The acting structure's, once it encrypts its answers.
  std::vector<std::string> actions;
};

// The forms of the acting structure, and whether she may upload one (create_form).
struct FormList {
  std::vector<FormSummary> forms;
  std::vector<std::string> actions;
};

struct FormDetail {
  FormSummary summary;
  std::vector<surveys::FormVersion> versions;  // Without their source nor XForm.
};

// What an upload gave: the form, or the problems that kept it out; warnings either way.
struct FormImport {
  std::optional<FormDetail> created;
  std::vector<surveys::Problem> errors;
  std::vector<surveys::Problem> warnings;
};

struct XFormDocument {
  std::string xform;
  std::string md5;  // Hex.
  std::string version;
};

// A submission as it arrives: the instance's XML and the files it references.
struct SubmissionFile {
  std::string name;
  std::string content_type;
  std::string data;
};
struct SubmissionUpload {
  std::string xml;
  std::vector<SubmissionFile> files;
};

// One answer of a stored submission: the question's path (without repeat indexes), where it is
// ("/data/aidant[2]/heures") and its value.
struct AnswerValue {
  std::string question_path;
  std::string path;
  std::string value;
};

struct SubmissionView {
  surveys::Submission submission;  // Without its XML.
  bool encrypted = false;          // Its answers are in its encrypted file: none listed.
  std::string version;             // The XForm version it was filled with.
  std::string submitted_by_name;
  std::vector<AnswerValue> answers;
  std::vector<surveys::Attachment> attachments;  // Without their data.
};

// What a submission gave: stored (or found stored already, when the same instance is sent again),
// or the violations that kept it out; what the server could not check, either way.
struct SubmitOutcome {
  std::optional<SubmissionView> stored;
  bool resent = false;
  std::vector<surveys::Violation> violations;
  std::vector<surveys::Violation> unchecked;
  std::vector<std::string> ignored_files;  // Sent but not referenced by the instance.
};

// A question as a column of the answers' table.
struct QuestionColumn {
  std::string path;  // "/data/aidant/heures"
  std::string name;
  std::string label;        // In the form's default language, else the first it has.
  std::string type;         // The XLSForm type word ("select_one", "integer"...).
  std::string repeat_path;  // The innermost repeat holding it ("/data/aidant"); empty if none.
};

// The acting structure's own answers to a form, in full.
struct SubmissionList {
  std::vector<QuestionColumn> questions;
  std::vector<SubmissionView> items;  // Current ones, newest first.
};

enum class AnswersFormat { kCsv, kXlsx, kPdf };  // kPdf: the printable report only

struct AnswersFile {
  // "bien_vieillir_roubaix.xlsx": the form's id (non-ASCII and ':' as '_') and the extension.
  std::string name;
  std::string bytes;
  // Decrypted answers whose signature does not check (a file missing or changed): their
  // instanceIDs. They are in the file all the same: a person decides.
  std::vector<std::string> unverified;
  std::int64_t answers = 0;  // the answers in an export of answers
};

// A key just made: the only time its recovery code is known to the server.
struct CreatedFormKey {
  FormKeyView key;
  std::string version;  // the version its collectors now get: "<version>-<tag>"
  std::string recovery_code;
};

// Where a collecting structure's answers went in the results.
enum class Counted {
  kRow,        // a row of its own
  kPooled,     // with the others of too few answers
  kLeftOut,    // too few answers, even pooled (or none)
  kNotShared,  // it does not share its answers' aggregates with the collective
};

struct ResultsMember {
  StructureId structure = 0;
  std::string name;
  tenancy::SharingLevel level = tenancy::SharingLevel::kPrivate;
  Counted counted = Counted::kNotShared;
};

// A closed questionnaire's results across the structures that collect it (app/surveys/results.h).
struct FormResults {
  surveys::SurveyForm form;
  std::vector<ResultsMember> members;  // the collecting structures, by name
  Results results;
};

// The cross table of two counted questions of a closed questionnaire (app/surveys/results.h).
struct FormCrossResult {
  surveys::SurveyForm form;
  CrossResult cross;
};

// A collector just created: the only time its URL is known to the server.
struct CreatedCollector {
  surveys::Collector collector;
  std::string url_path;  // "/openrosa/<token>": ODK Collect's server URL after the origin.
};

struct CollectorView {
  surveys::Collector collector;
  std::string person_name;
  std::vector<std::string> actions;  // "revoke" when she may
};

// The acting structure's collectors she may see (all of them for who manages them, else her
// own), and whether she may create one.
struct CollectorList {
  std::vector<CollectorView> items;
  std::vector<std::string> actions;
};

// Who a collector's token stands for: its person acting for its structure, with her roles there
// today (a person who left the structure collects no more).
struct CollectorCaller {
  Actor actor;
  Language language = Language::kFrench;
};

class SurveysUseCases {
 public:
  explicit SurveysUseCases(App& app) : app_(app) {}

  // The forms the acting structure owns or collects.
  Result<FormList> ListForms(const Actor& actor);
  Result<FormDetail> GetForm(const Actor& actor, surveys::FormId id);
  // A form owned by the acting structure, from an XLSForm (.xlsx, or .csv as pyxform reads it).
  Result<FormImport> CreateForm(const Actor& actor, const FormUpload& upload);
  // The current version's XForm.
  Result<XFormDocument> GetXForm(const Actor& actor, surveys::FormId id);
  // The results across its collecting structures, once closed (kConflict before).
  // The month of the answers is a question of its own (surveys::kMonthName), named in `language`.
  Result<FormResults> GetResults(const Actor& actor, surveys::FormId id, Language language);
  // The cross table of the counted questions named `rows` and `columns`, as readers of the
  // results get it: kInvalidArgument on field "rows" or "columns" for a name that is not a
  // counted question, on "columns" for the same question twice; as GetResults otherwise.
  Result<FormCrossResult> GetCrossResult(const Actor& actor, surveys::FormId id,
                                         std::string_view rows, std::string_view columns,
                                         Language language);
  // The same cross table as a file (app/surveys/results_export.h), audited as an export of
  // survey_results naming the two questions.
  Result<AnswersFile> ExportCrossResult(const Actor& actor, surveys::FormId id,
                                        std::string_view rows, std::string_view columns,
                                        AnswersFormat format, Language language);
  // The same results as a file (app/surveys/results_export.h): CSV for programs, XLSX for
  // people; audited as an export of survey_results.
  Result<AnswersFile> ExportResults(const Actor& actor, surveys::FormId id, AnswersFormat format,
                                    Language language);
  // The printable report of the chosen questions (ReportDocument: all when empty), as a PDF;
  // refused as the results are, and audited as an export of survey_results naming them.
  Result<AnswersFile> ExportReport(const Actor& actor, surveys::FormId id,
                                   const std::vector<std::string>& questions, Language language);
  // The current version as an XLSForm (app/surveys/xlsform_export.h): .xlsx (kXlsx) or pyxform's
  // one-file CSV (kCsv), for any reader of the form. Not audited: it holds no answer.
  Result<AnswersFile> ExportXlsForm(const Actor& actor, surveys::FormId id, AnswersFormat format);
  // Closes the collection (answers are then refused, from the pages and ODK Collect alike) or
  // opens it again; the owner's director or coordinator. Setting the state it has changes
  // nothing and is not audited.
  Result<FormDetail> SetFormState(const Actor& actor, surveys::FormId id, surveys::FormState state);

  // An answer collected for the acting structure, checked against the version it was filled
  // with; an edit (meta/deprecatedID) replaces the structure's submission it names.
  Result<SubmitOutcome> Submit(const Actor& actor, surveys::FormId form,
                               const SubmissionUpload& upload);
  // The same for the form the instance names (its root's id), as OpenRosa clients post.
  Result<SubmitOutcome> SubmitByXformId(const Actor& actor, const SubmissionUpload& upload);
  Result<SubmissionList> ListSubmissions(const Actor& actor, surveys::FormId form);
  // The same as a file (answers_export.h): CSV of the submissions, or XLSX with a sheet per
  // repeat as well. Audited as an export.
  Result<AnswersFile> ExportAnswers(const Actor& actor, surveys::FormId form, AnswersFormat format,
                                    Language language);
  // The same export made in the background with its progress (export_use_cases.cc), for an
  // export of many answers: queued for the person who asks, read and downloaded by her alone
  // (others: kNotFound on "export_id"), while she may still read the structure's answers. The
  // download is audited as an export; the file is removed a day after it was asked for.
  Result<AnswersExportView> RequestAnswersExport(const Actor& actor, surveys::FormId form,
                                                 AnswersFormat format, Language language);
  Result<AnswersExportView> GetAnswersExport(const Actor& actor, surveys::ExportId id);
  Result<AnswersFile> DownloadAnswersExport(const Actor& actor, surveys::ExportId id);
  // The job's work: writes the file as its requester would get it now, reporting the answers
  // written. An export that is no longer to be made (done, failed, removed) is left.
  Status RunAnswersExport(surveys::ExportId id, const WorkProgress& progress);
  // Encrypted questionnaires (key_use_cases.cc). The acting structure's director makes its key
  // for a questionnaire it collects: from then on its collectors get the form under that key
  // (version "<version>-<tag>") and their answers are stored as ODK Collect encrypted them,
  // counted in no result. kAlreadyExists (field "form") when it has one already, kConflict when
  // the questionnaire carries its author's own public_key; kInvalidArgument on "passphrase" for
  // one under 12 characters (or over 200).
  Result<CreatedFormKey> CreateFormKey(const Actor& actor, surveys::FormId form,
                                       std::string_view passphrase);
  // A new passphrase, for who presents the recovery code (kPermissionDenied on "recovery_code"
  // otherwise): the director again.
  Status ResetFormKeyPassphrase(const Actor& actor, surveys::FormId form,
                                std::string_view recovery_code, std::string_view passphrase);
  // The acting structure's answers as ExportAnswers gives them, its encrypted ones decrypted with
  // the key the passphrase opens (kPermissionDenied on "passphrase" otherwise; kConflict on
  // "form" when the structure has no key). For who reads its answers; audited as an export.
  Result<AnswersFile> ExportDecryptedAnswers(const Actor& actor, surveys::FormId form,
                                             std::string_view passphrase, AnswersFormat format,
                                             Language language);
  // Devices collecting with ODK Collect (collector_use_cases.cc).
  Result<CreatedCollector> CreateCollector(const Actor& actor, std::string label);
  Result<CollectorList> ListCollectors(const Actor& actor);
  Status RevokeCollector(const Actor& actor, surveys::CollectorId id);
  // The caller a collector's secret stands for, or kNotFound (surveys.collector.unknown) for a
  // malformed, unknown or revoked one.
  Result<CollectorCaller> CollectorFor(std::string_view token);

  // One file of one of the acting structure's submissions.
  Result<surveys::Attachment> GetAttachment(const Actor& actor, surveys::FormId form,
                                            surveys::SubmissionId submission,
                                            std::string_view name);

 private:
  template <typename Work>
  auto Decided(storage::TransactionMode mode, const Actor& actor, Work&& work) {
    return app_.Decided(mode, actor, std::forward<Work>(work));
  }
  Result<FormSummary> SummaryOf(storage::Transaction& tx, const Actor& actor,
                                const surveys::SurveyForm& form);
  // Its summary and its versions, without their XForms.
  Result<FormDetail> DetailOf(storage::Transaction& tx, const Actor& actor,
                              const surveys::SurveyForm& form);
  // The acting structure's own answers to the form, for who may read them.
  // What VisitOwnAnswers gives, in order: the columns (the current version's questions), then
  // each current answer, newest first.
  struct AnswerVisitor {
    std::function<Status(const std::vector<QuestionColumn>&)> columns;
    std::function<Status(SubmissionView)> answer;
    bool with_files = true;  // the views list their attachments
  };
  // The acting structure's own answers to the form, for who may read them, read a page at a
  // time. With `private_key` (DER), its encrypted answers are decrypted; those whose signature
  // fails are named in `unverified`.
  Status VisitOwnAnswers(storage::Transaction& tx, Gate& gate, const Actor& actor,
                         const surveys::SurveyForm& record, const AnswerVisitor& visit,
                         const std::string* private_key = nullptr,
                         std::vector<std::string>* unverified = nullptr);
  // All of them at once, for the list.
  Result<SubmissionList> OwnAnswers(storage::Transaction& tx, Gate& gate, const Actor& actor,
                                    const surveys::SurveyForm& record);
  // With `names`, the people's names are found once for all the views it serves; without
  // `with_files`, the view lists no attachment.
  Result<SubmissionView> ViewOf(storage::Transaction& tx, const surveys::Form& form,
                                const surveys::FormVersion& version, surveys::Submission submission,
                                std::map<tenancy::PersonId, std::string>* names = nullptr,
                                bool with_files = true);
  // The acting structure's key's view, with who made it.
  // A wrong passphrase or recovery code (`error`, from the use case `attempted`) counted on the
  // acting structure's key, so that the next ones wait, and audited; any other error is left.
  void CountWrongSecret(const Actor& actor, surveys::FormId id, std::string_view attempted,
                        const Error& error);
  Result<FormKeyView> KeyViewOf(storage::Transaction& tx, const surveys::FormKey& key);
  // The answers as a file of `format`, written as they are read (answers_export.h), audited as
  // an export (decrypted with `private_key` when given, and noted so).
  // `progress`, when given, hears of the answers written every so often.
  Result<AnswersFile> AnswersFileOf(storage::Transaction& tx, Gate& gate, const Actor& actor,
                                    const surveys::SurveyForm& record, AnswersFormat format,
                                    Language language, const std::string* private_key,
                                    const WorkProgress* progress = nullptr);
  // The export, once the gate lets the actor reach it: her own, of a structure whose answers
  // she may read.
  Result<surveys::AnswersExportRun> FoundExport(storage::Transaction& tx, Gate& gate,
                                                const Actor& actor, surveys::ExportId id);
  Result<AnswersExportView> ExportViewOf(storage::Transaction& tx, surveys::AnswersExportRun run);

  App& app_;
};

}  // namespace ensemble::app
