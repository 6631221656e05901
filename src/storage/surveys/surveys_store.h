// Questionnaires, their versions and their submissions (domain/surveys/types.h). A version keeps
// the file as uploaded (base64 in the database: both backends store it as text) and the XForm
// written from it. Submissions are their structure's: on PostgreSQL row-level security keeps a
// transaction to the acting structure's (0001_forms.pg.sql); the store's reads by structure say
// the same on SQLite. Run each call inside a transaction; thread-safety is the Connection's.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "domain/surveys/types.h"
#include "storage/sql/database.h"

namespace ensemble::storage {

class SurveysStore {
 public:
  explicit SurveysStore(Connection& db) : db_(db) {}

  // Stores a new form with its first version (form.id, form.current_version and version.form
  // ignored); returns the form's id. A taken xform_id fails with kAlreadyExists.
  Result<surveys::FormId> InsertForm(const surveys::SurveyForm& form,
                                     const surveys::FormVersion& version, tenancy::PersonId by);
  Result<std::optional<surveys::SurveyForm>> FindForm(surveys::FormId id);
  Result<std::optional<surveys::SurveyForm>> FindFormByXformId(std::string_view xform_id);
  // The forms `structure` owns or collects (a member of their collective), by title.
  Result<std::vector<surveys::SurveyForm>> FormsOfStructure(tenancy::StructureId structure);

  // Appends a version (its number is the next one) and makes it current; returns its number.
  Result<int> InsertVersion(const surveys::FormVersion& version);
  // The form's versions, oldest first; without their source unless `with_source`.
  Result<std::vector<surveys::FormVersion>> VersionsOf(surveys::FormId form, bool with_source);
  Result<std::optional<surveys::FormVersion>> FindVersion(surveys::FormId form, int number);
  Status SetFormState(surveys::FormId form, surveys::FormState state);

  // Stores a submission (its id ignored); returns its id. A taken instance_id, even one this
  // transaction cannot see, fails with kAlreadyExists.
  Result<surveys::SubmissionId> InsertSubmission(const surveys::Submission& submission);
  // Stores many at once (instance ids must be new: a taken one fails the whole call).
  Status InsertSubmissions(std::span<const surveys::Submission> submissions);
  // The submission of that instanceID that this transaction reaches, if any.
  Result<std::optional<surveys::Submission>> FindSubmissionByInstance(std::string_view instance_id);
  // Marks the submission replaced by a later edit.
  Status SupersedeSubmission(surveys::SubmissionId id);
  // The structure's submissions to a form, newest first; `current_only` leaves out replaced ones.
  Result<std::vector<surveys::Submission>> SubmissionsOf(surveys::FormId form,
                                                         tenancy::StructureId structure,
                                                         bool current_only);
  // The same, current ones only, a page at a time: those after `after` (the last of the page
  // before: its submitted_at and id), at most `limit`.
  Result<std::vector<surveys::Submission>> CurrentSubmissionsPage(
      surveys::FormId form, tenancy::StructureId structure,
      std::optional<std::pair<UnixMillis, surveys::SubmissionId>> after, std::int64_t limit);
  Result<std::int64_t> CountSubmissions(surveys::FormId form, tenancy::StructureId structure);
  Result<std::optional<surveys::Submission>> FindSubmission(surveys::SubmissionId id);

  // Adds one answer of `structure` to the form's counts (`delta` 1), or takes a replaced one
  // away (-1): its row ("", "") and one for each (question path, choice) it holds, its pairs
  // and its numbers (surveys::TallyAnswer).
  Status AddAnswerCounts(surveys::FormId form, tenancy::StructureId structure,
                         const surveys::AnswerTally& tally, int delta);
  // Adds counts made elsewhere (the demo's answers, counted in memory), row by row.
  Status AddCounts(surveys::FormId form, tenancy::StructureId structure,
                   const std::vector<surveys::AnswerCount>& counts);
  // Adds pair counts made elsewhere (the demo's answers, counted in memory), row by row.
  Status AddPairCounts(surveys::FormId form, tenancy::StructureId structure,
                       const std::vector<surveys::PairCount>& pairs);
  // Adds number counts made elsewhere (the demo's answers, counted in memory), row by row.
  Status AddNumberCounts(surveys::FormId form, tenancy::StructureId structure,
                         const std::vector<surveys::NumberCount>& numbers);
  // The number counts of `structure`'s answers to the form, as AnswerCountsOf reaches them, by
  // question and value.
  Result<std::vector<surveys::NumberCount>> NumberCountsOf(surveys::FormId form,
                                                           tenancy::StructureId structure);
  // The pair counts of `structure`'s answers to the questions `first_path` and `second_path`
  // (first_path sorting first), as AnswerCountsOf reaches them.
  Result<std::vector<surveys::PairCount>> PairCountsOf(surveys::FormId form,
                                                       tenancy::StructureId structure,
                                                       const std::string& first_path,
                                                       const std::string& second_path);
  // The counts of `structure`'s answers to the form that this transaction reaches (its own; on
  // PostgreSQL also those shared with one of its collectives at least as aggregates), by
  // question and choice.
  Result<std::vector<surveys::AnswerCount>> AnswerCountsOf(surveys::FormId form,
                                                           tenancy::StructureId structure);

  // Stores a file of a submission of `structure`; a name already stored for it fails with
  // kAlreadyExists.
  Status InsertAttachment(const surveys::Attachment& attachment, tenancy::StructureId structure);
  // The submission's files by name, without their data.
  Result<std::vector<surveys::Attachment>> AttachmentsOf(surveys::SubmissionId submission);
  Result<std::optional<surveys::Attachment>> FindAttachment(surveys::SubmissionId submission,
                                                            std::string_view name);

  // Keys of encrypted questionnaires, one per form and structure (the acting structure's only).
  // A second key for the same form and structure fails with kAlreadyExists.
  // The background exports of answers (survey_exports): queued, then running, then done with
  // their file or failed with a message id.
  Result<surveys::ExportId> InsertExport(const surveys::AnswersExportRun& run);
  Status SetExportJob(surveys::ExportId id, std::int64_t job_id);
  Result<std::optional<surveys::AnswersExportRun>> FindExport(surveys::ExportId id);
  Result<std::string> ExportContent(surveys::ExportId id);  // the file's bytes
  Status MarkExportRunning(surveys::ExportId id);
  Status CompleteExport(surveys::ExportId id, const std::string& file_name,
                        const std::string& content, std::int64_t answers, UnixMillis at);
  Status FailExport(surveys::ExportId id, const std::string& error, UnixMillis at);
  // Removes the exports asked for before `before`, done or not; returns how many.
  Result<std::int64_t> DeleteExportsBefore(UnixMillis before);
  Status InsertFormKey(const surveys::FormKey& key);
  Result<std::optional<surveys::FormKey>> FindFormKey(surveys::FormId form,
                                                      tenancy::StructureId structure);
  // Counts one wrong secret tried on the key at `at`; a count whose last failure came before
  // `window_start` starts again at one.
  Status RecordFormKeyFailure(surveys::FormId form, tenancy::StructureId structure, UnixMillis at,
                              UnixMillis window_start);
  Status UpdateFormKeyPassphrase(surveys::FormId form, tenancy::StructureId structure,
                                 const std::string& sealed_by_passphrase, UnixMillis at);

  // Collectors. `token_hash` is the hex SHA-256 of the secret.
  Result<surveys::CollectorId> InsertCollector(const surveys::Collector& collector,
                                               const std::string& token_hash);
  // The structure's collectors (those of `person` alone when set), newest first.
  Result<std::vector<surveys::Collector>> CollectorsOf(tenancy::StructureId structure,
                                                       std::optional<tenancy::PersonId> person);
  Result<std::optional<surveys::Collector>> FindCollector(surveys::CollectorId id);
  Status RevokeCollector(surveys::CollectorId id, UnixMillis at);
  // The live collector of that token hash, found by presenting it (no acting structure needed on
  // PostgreSQL), with its stored hash for a constant-time check.
  Result<std::optional<std::pair<surveys::Collector, std::string>>> FindLiveCollectorByTokenHash(
      const std::string& token_hash);
  // Notes a use, at most once per `every` milliseconds; by the presented token.
  Status NoteCollectorUsed(const std::string& token_hash, UnixMillis now, UnixMillis every);

 private:
  Status PresentCollectorToken(const std::string& token_hash);
  Connection& db_;
};

}  // namespace ensemble::storage
