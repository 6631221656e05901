#include "storage/surveys/surveys_store.h"

#include <sodium.h>

namespace ensemble::storage {
namespace {

using surveys::FormVersion;
using surveys::Submission;
using surveys::SurveyForm;

constexpr const char* kFormColumns =
    "f.id, f.owner_id, f.collective_id, f.title, f.xform_id, f.state, f.current_version, "
    "f.created_at, f.threshold";
constexpr const char* kSubmissionColumns =
    "id, form_id, form_version, structure_id, instance_id, deprecated_id, submitted_by, "
    "submitted_at, xml, current";

SurveyForm ToForm(const Row& row) {
  SurveyForm form;
  form.id = row.Int(0);
  form.owner = row.Int(1);
  form.collective = row.OptionalInt(2);
  form.title = row.Text(3);
  form.xform_id = row.Text(4);
  form.state = surveys::FormStateFrom(row.Text(5)).value_or(surveys::FormState::kClosed);
  form.current_version = static_cast<int>(row.Int(6));
  form.created_at = row.Int(7);
  form.threshold = row.Int(8);
  return form;
}

Submission ToSubmission(const Row& row) {
  Submission s;
  s.id = row.Int(0);
  s.form = row.Int(1);
  s.form_version = static_cast<int>(row.Int(2));
  s.structure = row.Int(3);
  s.instance_id = row.Text(4);
  s.deprecated_id = row.OptionalText(5);
  s.submitted_by = row.OptionalInt(6);
  s.submitted_at = row.Int(7);
  s.xml = row.Text(8);
  s.current = row.Int(9) != 0;
  return s;
}

std::string ToBase64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // The terminating NUL.
  return out;
}

Result<std::string> FromBase64(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return Internal("a stored XLSForm is not base64");
  }
  out.resize(length);
  return out;
}

Status InsertVersionRow(Connection& db, const FormVersion& v, surveys::FormId form, int number) {
  ENSEMBLE_TRY(db.Execute(
      "INSERT INTO survey_form_versions (form_id, number, version, source_format, "
      "source_base64, file_name, xform, xform_md5, created_by, created_at) VALUES (?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?)",
      {form, static_cast<std::int64_t>(number), v.version,
       std::string(surveys::ToString(v.source_format)), ToBase64(v.source), v.file_name, v.xform,
       v.xform_md5, v.created_by, v.created_at}));
  return Ok();
}

}  // namespace

Result<surveys::FormId> SurveysStore::InsertForm(const SurveyForm& form, const FormVersion& version,
                                                 tenancy::PersonId by) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO survey_forms (owner_id, collective_id, title, xform_id, state, "
      "current_version, created_by, created_at, threshold) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) "
      "RETURNING id",
      {form.owner, Nullable(form.collective), form.title, form.xform_id,
       std::string(surveys::ToString(form.state)), by, form.created_at, form.threshold}));
  const surveys::FormId id = row->Int(0);
  ENSEMBLE_TRY_STATUS(InsertVersionRow(db_, version, id, 1));
  return id;
}

Result<std::optional<SurveyForm>> SurveysStore::FindForm(surveys::FormId id) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      std::string("SELECT ") + kFormColumns + " FROM survey_forms f WHERE f.id = ?", {id}));
  if (!row) return std::nullopt;
  return ToForm(*row);
}

Result<std::optional<SurveyForm>> SurveysStore::FindFormByXformId(std::string_view xform_id) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      std::string("SELECT ") + kFormColumns + " FROM survey_forms f WHERE f.xform_id = ?",
      {std::string(xform_id)}));
  if (!row) return std::nullopt;
  return ToForm(*row);
}

Result<std::vector<SurveyForm>> SurveysStore::FormsOfStructure(tenancy::StructureId structure) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      std::string("SELECT ") + kFormColumns +
          " FROM survey_forms f WHERE f.owner_id = ? OR f.collective_id IN (SELECT collective_id "
          "FROM collective_members WHERE structure_id = ?) ORDER BY f.title, f.id",
      {structure, structure}));
  std::vector<SurveyForm> forms;
  for (const Row& row : rows) forms.push_back(ToForm(row));
  return forms;
}

Result<int> SurveysStore::InsertVersion(const FormVersion& version) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT coalesce(max(number), 0) + 1 FROM survey_form_versions WHERE form_id = ?",
      {version.form}));
  const int number = static_cast<int>(row->Int(0));
  ENSEMBLE_TRY_STATUS(InsertVersionRow(db_, version, version.form, number));
  ENSEMBLE_TRY(db_.Execute("UPDATE survey_forms SET current_version = ? WHERE id = ?",
                           {static_cast<std::int64_t>(number), version.form}));
  return number;
}

Result<std::vector<FormVersion>> SurveysStore::VersionsOf(surveys::FormId form, bool with_source) {
  const auto rows = ENSEMBLE_TRY(
      db_.Query(std::string("SELECT number, version, source_format, file_name, xform, xform_md5, "
                            "created_by, created_at, ") +
                    (with_source ? "source_base64" : "''") +
                    " FROM survey_form_versions WHERE form_id = ? ORDER BY number",
                {form}));
  std::vector<FormVersion> versions;
  for (const Row& row : rows) {
    FormVersion v;
    v.form = form;
    v.number = static_cast<int>(row.Int(0));
    v.version = row.Text(1);
    v.source_format = surveys::SourceFormatFrom(row.Text(2)).value_or(surveys::SourceFormat::kXlsx);
    v.file_name = row.Text(3);
    v.xform = row.Text(4);
    v.xform_md5 = row.Text(5);
    v.created_by = row.Int(6);
    v.created_at = row.Int(7);
    if (with_source) v.source = ENSEMBLE_TRY(FromBase64(row.Text(8)));
    versions.push_back(std::move(v));
  }
  return versions;
}

Result<std::optional<FormVersion>> SurveysStore::FindVersion(surveys::FormId form, int number) {
  auto versions = ENSEMBLE_TRY(VersionsOf(form, true));
  for (FormVersion& version : versions) {
    if (version.number == number) return std::move(version);
  }
  return std::nullopt;
}

Status SurveysStore::SetFormState(surveys::FormId form, surveys::FormState state) {
  ENSEMBLE_TRY(db_.Execute("UPDATE survey_forms SET state = ? WHERE id = ?",
                           {std::string(surveys::ToString(state)), form}));
  return Ok();
}

namespace {

constexpr const char* kInsertSubmission =
    "INSERT INTO survey_submissions (form_id, form_version, structure_id, instance_id, "
    "deprecated_id, submitted_by, submitted_at, xml, current) VALUES ";
constexpr const char* kSubmissionValues = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";

void AppendSubmissionValues(const Submission& s, std::vector<Value>& params) {
  const Value deprecated = s.deprecated_id ? Value(*s.deprecated_id) : Value(std::monostate{});
  for (Value value :
       {Value(s.form), Value(static_cast<std::int64_t>(s.form_version)), Value(s.structure),
        Value(s.instance_id), deprecated, Nullable(s.submitted_by), Value(s.submitted_at),
        Value(s.xml), Value(std::int64_t{s.current ? 1 : 0})}) {
    params.push_back(std::move(value));
  }
}

}  // namespace

Result<surveys::SubmissionId> SurveysStore::InsertSubmission(const Submission& s) {
  std::vector<Value> params;
  AppendSubmissionValues(s, params);
  const auto row = ENSEMBLE_TRY(
      db_.QueryOne(std::string(kInsertSubmission) + kSubmissionValues + " RETURNING id", params));
  return row->Int(0);
}

Status SurveysStore::InsertSubmissions(std::span<const Submission> submissions) {
  // A hundred rows a statement: a few round trips for the demo's hundreds of answers, far under
  // either backend's limit on parameters.
  constexpr std::size_t kRowsPerStatement = 100;
  for (std::size_t start = 0; start < submissions.size(); start += kRowsPerStatement) {
    const std::size_t end = std::min(submissions.size(), start + kRowsPerStatement);
    std::string sql = kInsertSubmission;
    std::vector<Value> params;
    for (std::size_t i = start; i < end; ++i) {
      if (i > start) sql += ", ";
      sql += kSubmissionValues;
      AppendSubmissionValues(submissions[i], params);
    }
    ENSEMBLE_TRY(db_.Execute(sql, params));
  }
  return Ok();
}

Result<std::optional<Submission>> SurveysStore::FindSubmissionByInstance(
    std::string_view instance_id) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(std::string("SELECT ") + kSubmissionColumns +
                                                 " FROM survey_submissions WHERE instance_id = ?",
                                             {std::string(instance_id)}));
  if (!row) return std::nullopt;
  return ToSubmission(*row);
}

Status SurveysStore::SupersedeSubmission(surveys::SubmissionId id) {
  ENSEMBLE_TRY(db_.Execute("UPDATE survey_submissions SET current = 0 WHERE id = ?", {id}));
  return Ok();
}

Result<std::vector<Submission>> SurveysStore::SubmissionsOf(surveys::FormId form,
                                                            tenancy::StructureId structure,
                                                            bool current_only) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      std::string("SELECT ") + kSubmissionColumns +
          " FROM survey_submissions WHERE form_id = ? AND structure_id = ?" +
          (current_only ? " AND current = 1" : "") + " ORDER BY submitted_at DESC, id DESC",
      {form, structure}));
  std::vector<Submission> submissions;
  for (const Row& row : rows) submissions.push_back(ToSubmission(row));
  return submissions;
}

Result<std::vector<Submission>> SurveysStore::CurrentSubmissionsPage(
    surveys::FormId form, tenancy::StructureId structure,
    std::optional<std::pair<UnixMillis, surveys::SubmissionId>> after, std::int64_t limit) {
  std::vector<Value> params = {form, structure};
  std::string sql = std::string("SELECT ") + kSubmissionColumns +
                    " FROM survey_submissions WHERE form_id = ? AND structure_id = ? AND "
                    "current = 1";
  if (after) {
    sql += " AND (submitted_at < ? OR (submitted_at = ? AND id < ?))";
    params.insert(params.end(), {after->first, after->first, after->second});
  }
  params.emplace_back(limit);
  const auto rows =
      ENSEMBLE_TRY(db_.Query(sql + " ORDER BY submitted_at DESC, id DESC LIMIT ?", params));
  std::vector<Submission> submissions;
  for (const Row& row : rows) submissions.push_back(ToSubmission(row));
  return submissions;
}

Result<std::int64_t> SurveysStore::CountSubmissions(surveys::FormId form,
                                                    tenancy::StructureId structure) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT count(*) FROM survey_submissions WHERE form_id = ? AND structure_id = ? AND "
      "current = 1",
      {form, structure}));
  return row->Int(0);
}

Status SurveysStore::AddCounts(surveys::FormId form, tenancy::StructureId structure,
                               const std::vector<surveys::AnswerCount>& counts) {
  for (const surveys::AnswerCount& count : counts) {
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO survey_answer_counts (form_id, structure_id, question_path, choice, "
        "answers) VALUES (?, ?, ?, ?, ?) ON CONFLICT (form_id, structure_id, question_path, "
        "choice) DO UPDATE SET answers = survey_answer_counts.answers + excluded.answers",
        {form, structure, count.question_path, count.choice, count.answers}));
  }
  return Ok();
}

Status SurveysStore::AddAnswerCounts(surveys::FormId form, tenancy::StructureId structure,
                                     const surveys::AnswerTally& tally, int delta) {
  const std::int64_t by = delta;
  if (delta > 0) {
    std::vector<surveys::AnswerCount> counts{{"", "", by}};
    for (const auto& [question, choice] : tally.choices) counts.push_back({question, choice, by});
    std::vector<surveys::PairCount> pairs = tally.pairs;
    for (auto& pair : pairs) pair.answers = by;
    std::vector<surveys::NumberCount> numbers = tally.numbers;
    for (auto& number : numbers) number.answers = by;
    ENSEMBLE_TRY_STATUS(AddCounts(form, structure, counts));
    ENSEMBLE_TRY_STATUS(AddPairCounts(form, structure, pairs));
    return AddNumberCounts(form, structure, numbers);
  }
  // Taking away never goes below zero: a count kept from before it was counted (an answer
  // stored by an older version) stays as it is.
  const auto take = [&](const char* sql, std::vector<Value> key) -> Status {
    std::vector<Value> parameters{-by, form, structure};
    for (Value& value : key) parameters.push_back(std::move(value));
    parameters.push_back(-by);
    ENSEMBLE_TRY(db_.Execute(sql, parameters));
    return Ok();
  };
  constexpr const char* kTakeCount =
      "UPDATE survey_answer_counts SET answers = answers - ? WHERE form_id = ? AND "
      "structure_id = ? AND question_path = ? AND choice = ? AND answers >= ?";
  ENSEMBLE_TRY_STATUS(take(kTakeCount, {std::string(), std::string()}));
  for (const auto& [question, choice] : tally.choices) {
    ENSEMBLE_TRY_STATUS(take(kTakeCount, {question, choice}));
  }
  for (const surveys::PairCount& pair : tally.pairs) {
    ENSEMBLE_TRY_STATUS(
        take("UPDATE survey_pair_counts SET answers = answers - ? WHERE form_id = ? AND "
             "structure_id = ? AND first_path = ? AND second_path = ? AND first_choice = ? AND "
             "second_choice = ? AND answers >= ?",
             {pair.first_path, pair.second_path, pair.first_choice, pair.second_choice}));
  }
  for (const surveys::NumberCount& number : tally.numbers) {
    ENSEMBLE_TRY_STATUS(
        take("UPDATE survey_number_counts SET answers = answers - ? WHERE form_id = ? AND "
             "structure_id = ? AND question_path = ? AND hundredths = ? AND answers >= ?",
             {number.question_path, number.hundredths}));
  }
  return Ok();
}

Status SurveysStore::AddNumberCounts(surveys::FormId form, tenancy::StructureId structure,
                                     const std::vector<surveys::NumberCount>& numbers) {
  for (const surveys::NumberCount& number : numbers) {
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO survey_number_counts (form_id, structure_id, question_path, hundredths, "
        "answers) VALUES (?, ?, ?, ?, ?) ON CONFLICT (form_id, structure_id, question_path, "
        "hundredths) DO UPDATE SET answers = survey_number_counts.answers + excluded.answers",
        {form, structure, number.question_path, number.hundredths, number.answers}));
  }
  return Ok();
}

Result<std::vector<surveys::NumberCount>> SurveysStore::NumberCountsOf(
    surveys::FormId form, tenancy::StructureId structure) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT question_path, hundredths, answers FROM survey_number_counts WHERE form_id = ? AND "
      "structure_id = ? AND answers > 0 ORDER BY question_path, hundredths",
      {form, structure}));
  std::vector<surveys::NumberCount> numbers;
  for (const Row& row : rows) numbers.push_back({row.Text(0), row.Int(1), row.Int(2)});
  return numbers;
}

Status SurveysStore::AddPairCounts(surveys::FormId form, tenancy::StructureId structure,
                                   const std::vector<surveys::PairCount>& pairs) {
  for (const surveys::PairCount& pair : pairs) {
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO survey_pair_counts (form_id, structure_id, first_path, first_choice, "
        "second_path, second_choice, answers) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (form_id, "
        "structure_id, first_path, second_path, first_choice, second_choice) DO UPDATE SET "
        "answers = survey_pair_counts.answers + excluded.answers",
        {form, structure, pair.first_path, pair.first_choice, pair.second_path, pair.second_choice,
         pair.answers}));
  }
  return Ok();
}

Result<std::vector<surveys::PairCount>> SurveysStore::PairCountsOf(surveys::FormId form,
                                                                   tenancy::StructureId structure,
                                                                   const std::string& first_path,
                                                                   const std::string& second_path) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT first_choice, second_choice, answers FROM survey_pair_counts WHERE form_id = ? AND "
      "structure_id = ? AND first_path = ? AND second_path = ? ORDER BY first_choice, "
      "second_choice",
      {form, structure, first_path, second_path}));
  std::vector<surveys::PairCount> pairs;
  for (const Row& row : rows) {
    pairs.push_back({first_path, row.Text(0), second_path, row.Text(1), row.Int(2)});
  }
  return pairs;
}

Result<std::vector<surveys::AnswerCount>> SurveysStore::AnswerCountsOf(
    surveys::FormId form, tenancy::StructureId structure) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT question_path, choice, answers FROM survey_answer_counts WHERE form_id = ? AND "
      "structure_id = ? ORDER BY question_path, choice",
      {form, structure}));
  std::vector<surveys::AnswerCount> counts;
  for (const Row& row : rows) counts.push_back({row.Text(0), row.Text(1), row.Int(2)});
  return counts;
}

Result<std::optional<Submission>> SurveysStore::FindSubmission(surveys::SubmissionId id) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      std::string("SELECT ") + kSubmissionColumns + " FROM survey_submissions WHERE id = ?", {id}));
  if (!row) return std::nullopt;
  return ToSubmission(*row);
}

Status SurveysStore::InsertAttachment(const surveys::Attachment& a,
                                      tenancy::StructureId structure) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO survey_attachments (submission_id, structure_id, name, content_type, bytes, "
      "sha256, data_base64) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {a.submission, structure, a.name, a.content_type, static_cast<std::int64_t>(a.data.size()),
       a.sha256, ToBase64(a.data)}));
  return Ok();
}

Result<std::vector<surveys::Attachment>> SurveysStore::AttachmentsOf(
    surveys::SubmissionId submission) {
  const auto rows = ENSEMBLE_TRY(
      db_.Query("SELECT name, content_type, bytes, sha256 FROM survey_attachments WHERE "
                "submission_id = ? ORDER BY name",
                {submission}));
  std::vector<surveys::Attachment> attachments;
  for (const Row& row : rows) {
    attachments.push_back({submission, row.Text(0), row.Text(1), "", row.Int(2), row.Text(3)});
  }
  return attachments;
}

Result<std::optional<surveys::Attachment>> SurveysStore::FindAttachment(
    surveys::SubmissionId submission, std::string_view name) {
  const auto row = ENSEMBLE_TRY(
      db_.QueryOne("SELECT content_type, bytes, sha256, data_base64 FROM survey_attachments "
                   "WHERE submission_id = ? AND name = ?",
                   {submission, std::string(name)}));
  if (!row) return std::nullopt;
  return surveys::Attachment{submission,   std::string(name),
                             row->Text(0), ENSEMBLE_TRY(FromBase64(row->Text(3))),
                             row->Int(1),  row->Text(2)};
}

constexpr const char* kExportColumns =
    "id, form_id, structure_id, requested_by, format, language, state, job_id, file_name, answers, "
    "bytes, error, requested_at, finished_at";

Result<surveys::AnswersExportRun> ToExportRun(const Row& row) {
  surveys::AnswersExportRun run;
  run.id = row.Int(0);
  run.form = row.Int(1);
  run.structure = row.Int(2);
  run.requested_by = row.Int(3);
  run.format = row.Text(4);
  run.language = row.Text(5);
  const auto state = surveys::ExportStateFrom(row.Text(6));
  if (!state) return Internal("an export in an unknown state");
  run.state = *state;
  run.job_id = row.Int(7);
  run.file_name = row.Text(8);
  run.answers = row.Int(9);
  run.bytes = row.Int(10);
  run.error = row.Text(11);
  run.requested_at = row.Int(12);
  run.finished_at = row.OptionalInt(13);
  return run;
}

Result<surveys::ExportId> SurveysStore::InsertExport(const surveys::AnswersExportRun& run) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO survey_exports (form_id, structure_id, requested_by, format, language, state, "
      "requested_at) VALUES (?, ?, ?, ?, ?, 'queued', ?) RETURNING id",
      {run.form, run.structure, run.requested_by, run.format, run.language, run.requested_at}));
  if (!row) return Internal("an export inserted without its id");
  return row->Int(0);
}

Status SurveysStore::SetExportJob(surveys::ExportId id, std::int64_t job_id) {
  ENSEMBLE_TRY(db_.Execute("UPDATE survey_exports SET job_id = ? WHERE id = ?", {job_id, id}));
  return Ok();
}

Result<std::optional<surveys::AnswersExportRun>> SurveysStore::FindExport(surveys::ExportId id) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      std::string("SELECT ") + kExportColumns + " FROM survey_exports WHERE id = ?", {id}));
  if (!row) return std::nullopt;
  return ENSEMBLE_TRY(ToExportRun(*row));
}

Result<std::string> SurveysStore::ExportContent(surveys::ExportId id) {
  const auto row =
      ENSEMBLE_TRY(db_.QueryOne("SELECT content_base64 FROM survey_exports WHERE id = ?", {id}));
  if (!row) return Internal("the file of a missing export");
  return ENSEMBLE_TRY(FromBase64(row->Text(0)));
}

Status SurveysStore::MarkExportRunning(surveys::ExportId id) {
  ENSEMBLE_TRY(db_.Execute(
      "UPDATE survey_exports SET state = 'running' WHERE id = ? AND state = 'queued'", {id}));
  return Ok();
}

Status SurveysStore::CompleteExport(surveys::ExportId id, const std::string& file_name,
                                    const std::string& content, std::int64_t answers,
                                    UnixMillis at) {
  ENSEMBLE_TRY(db_.Execute(
      "UPDATE survey_exports SET state = 'done', file_name = ?, content_base64 = ?, answers = ?, "
      "bytes = ?, finished_at = ? WHERE id = ?",
      {file_name, ToBase64(content), answers, static_cast<std::int64_t>(content.size()), at, id}));
  return Ok();
}

Status SurveysStore::FailExport(surveys::ExportId id, const std::string& error, UnixMillis at) {
  ENSEMBLE_TRY(db_.Execute(
      "UPDATE survey_exports SET state = 'failed', error = ?, finished_at = ? WHERE id = ?",
      {error, at, id}));
  return Ok();
}

Result<std::int64_t> SurveysStore::DeleteExportsBefore(UnixMillis before) {
  return db_.Execute("DELETE FROM survey_exports WHERE requested_at < ?", {before});
}

constexpr const char* kCollectorColumns =
    "id, structure_id, person_id, label, created_at, revoked_at, last_used_at, token_hash";

surveys::Collector ToCollector(const Row& row) {
  return {row.Int(0), row.Int(1),         row.Int(2),        row.Text(3),
          row.Int(4), row.OptionalInt(5), row.OptionalInt(6)};
}

Status SurveysStore::InsertFormKey(const surveys::FormKey& key) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO survey_form_keys (form_id, structure_id, tag, public_key, sealed_by_passphrase, "
      "sealed_by_recovery, created_by, created_at, passphrase_set_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {key.form, key.structure, key.tag, key.public_key, key.sealed_by_passphrase,
       key.sealed_by_recovery, key.created_by, key.created_at, key.passphrase_set_at}));
  return Ok();
}

Result<std::optional<surveys::FormKey>> SurveysStore::FindFormKey(surveys::FormId form,
                                                                  tenancy::StructureId structure) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT k.tag, k.public_key, k.sealed_by_passphrase, k.sealed_by_recovery, k.created_by, "
      "k.created_at, k.passphrase_set_at, coalesce(f.failed_attempts, 0), "
      "coalesce(f.last_failed_at, 0) FROM survey_form_keys k LEFT JOIN survey_key_failures f "
      "ON f.form_id = k.form_id AND f.structure_id = k.structure_id "
      "WHERE k.form_id = ? AND k.structure_id = ?",
      {form, structure}));
  if (!row) return std::nullopt;
  surveys::FormKey key;
  key.form = form;
  key.structure = structure;
  key.tag = row->Text(0);
  key.public_key = row->Text(1);
  key.sealed_by_passphrase = row->Text(2);
  key.sealed_by_recovery = row->Text(3);
  key.created_by = row->Int(4);
  key.created_at = row->Int(5);
  key.passphrase_set_at = row->Int(6);
  key.failed_attempts = row->Int(7);
  key.last_failed_at = row->Int(8);
  return key;
}

Status SurveysStore::RecordFormKeyFailure(surveys::FormId form, tenancy::StructureId structure,
                                          UnixMillis at, UnixMillis window_start) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO survey_key_failures (form_id, structure_id, failed_attempts, last_failed_at) "
      "VALUES (?, ?, 1, ?) ON CONFLICT (form_id, structure_id) DO UPDATE SET failed_attempts = "
      "CASE WHEN survey_key_failures.last_failed_at < ? THEN 1 "
      "ELSE survey_key_failures.failed_attempts + 1 END, last_failed_at = excluded.last_failed_at",
      {form, structure, at, window_start}));
  return Ok();
}

Status SurveysStore::UpdateFormKeyPassphrase(surveys::FormId form, tenancy::StructureId structure,
                                             const std::string& sealed_by_passphrase,
                                             UnixMillis at) {
  ENSEMBLE_TRY(
      db_.Execute("UPDATE survey_form_keys SET sealed_by_passphrase = ?, passphrase_set_at = ? "
                  "WHERE form_id = ? AND structure_id = ?",
                  {sealed_by_passphrase, at, form, structure}));
  return Ok();
}

Result<surveys::CollectorId> SurveysStore::InsertCollector(const surveys::Collector& c,
                                                           const std::string& token_hash) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO survey_collectors (structure_id, person_id, label, token_hash, created_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {c.structure, c.person, c.label, token_hash, c.created_at}));
  return row->Int(0);
}

Result<std::vector<surveys::Collector>> SurveysStore::CollectorsOf(
    tenancy::StructureId structure, std::optional<tenancy::PersonId> person) {
  std::vector<Value> params = {structure};
  std::string sql =
      std::string("SELECT ") + kCollectorColumns + " FROM survey_collectors WHERE structure_id = ?";
  if (person) {
    sql += " AND person_id = ?";
    params.emplace_back(*person);
  }
  const auto rows = ENSEMBLE_TRY(db_.Query(sql + " ORDER BY created_at DESC, id DESC", params));
  std::vector<surveys::Collector> collectors;
  for (const Row& row : rows) collectors.push_back(ToCollector(row));
  return collectors;
}

Result<std::optional<surveys::Collector>> SurveysStore::FindCollector(surveys::CollectorId id) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      std::string("SELECT ") + kCollectorColumns + " FROM survey_collectors WHERE id = ?", {id}));
  if (!row) return std::nullopt;
  return ToCollector(*row);
}

Status SurveysStore::RevokeCollector(surveys::CollectorId id, UnixMillis at) {
  ENSEMBLE_TRY(db_.Execute(
      "UPDATE survey_collectors SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {at, id}));
  return Ok();
}

Status SurveysStore::PresentCollectorToken(const std::string& token_hash) {
  // SQLite has no row-level security, hence nothing to present.
  if (db_.Dialect() != "postgresql") return Ok();
  ENSEMBLE_TRY(
      db_.Query("SELECT set_config('ensemble.collector_token_hash', ?, true)", {token_hash}));
  return Ok();
}

Result<std::optional<std::pair<surveys::Collector, std::string>>>
SurveysStore::FindLiveCollectorByTokenHash(const std::string& token_hash) {
  ENSEMBLE_TRY_STATUS(PresentCollectorToken(token_hash));
  const auto row = ENSEMBLE_TRY(
      db_.QueryOne(std::string("SELECT ") + kCollectorColumns +
                       " FROM survey_collectors WHERE token_hash = ? AND revoked_at IS NULL",
                   {token_hash}));
  if (!row) return std::nullopt;
  return std::make_pair(ToCollector(*row), row->Text(7));
}

Status SurveysStore::NoteCollectorUsed(const std::string& token_hash, UnixMillis now,
                                       UnixMillis every) {
  ENSEMBLE_TRY_STATUS(PresentCollectorToken(token_hash));
  ENSEMBLE_TRY(db_.Execute(
      "UPDATE survey_collectors SET last_used_at = ? WHERE token_hash = ? AND revoked_at IS NULL "
      "AND (last_used_at IS NULL OR last_used_at < ?)",
      {now, token_hash, now - every}));
  return Ok();
}

}  // namespace ensemble::storage
