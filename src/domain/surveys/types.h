// The surveys module's records: a questionnaire (a form) designed by one structure, for itself or
// for a collective whose members all collect it; its versions (the uploaded XLSForm and the
// XForm written from it); and the submissions, each owned by the structure that collected it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "domain/tenancy/types.h"

namespace ensemble::surveys {

using tenancy::CollectiveId;
using tenancy::PersonId;
using tenancy::StructureId;
using FormId = std::int64_t;
using SubmissionId = std::int64_t;

enum class FormState { kOpen, kClosed };
std::string_view ToString(FormState state);
std::optional<FormState> FormStateFrom(std::string_view text);

enum class SourceFormat { kXlsx, kCsv };
std::string_view ToString(SourceFormat format);
std::optional<SourceFormat> SourceFormatFrom(std::string_view text);

struct SurveyForm {
  FormId id = 0;
  StructureId owner = 0;  // The structure that designs it and publishes its versions.
  std::optional<CollectiveId> collective;  // Its members collect it; none: the owner alone.
  std::string title;
  std::string xform_id;  // The XForm's id (settings form_id): unique on the server.
  FormState state = FormState::kOpen;
  int current_version = 1;  // The number of the version people fill.
  UnixMillis created_at = 0;
  // Counts below it are suppressed in the results: its collective's when it was created, kept.
  std::int64_t threshold = 5;
};

struct FormVersion {
  FormId form = 0;
  int number = 1;       // 1, 2, ... in upload order.
  std::string version;  // The XForm's version attribute (settings version, or the number).
  SourceFormat source_format = SourceFormat::kXlsx;
  std::string source;  // The file as uploaded.
  std::string file_name;
  std::string xform;      // The XForm written from it.
  std::string xform_md5;  // Hex MD5 of the XForm: OpenRosa's form list gives it as the hash.
  PersonId created_by = 0;
  UnixMillis created_at = 0;
};

struct Submission {
  SubmissionId id = 0;
  FormId form = 0;
  int form_version = 1;
  StructureId structure = 0;                 // Who collected it: the answer is that structure's.
  std::string instance_id;                   // meta/instanceID ("uuid:...").
  std::optional<std::string> deprecated_id;  // The instance it corrects.
  std::optional<PersonId> submitted_by;
  UnixMillis submitted_at = 0;
  std::string xml;      // The instance as submitted.
  bool current = true;  // False once a later edit (deprecatedID) replaced it.
};

// How many of a structure's current answers to a form chose `choice` at the single-choice
// question `question_path`; the question "" with choice "" counts its answers.
struct AnswerCount {
  std::string question_path;
  std::string choice;
  std::int64_t answers = 0;
};

// The answers that gave both choices: `first_path` sorts before `second_path`.
struct PairCount {
  std::string first_path;
  std::string first_choice;
  std::string second_path;
  std::string second_choice;
  std::int64_t answers = 0;
};

// How many of a structure's current answers to a form gave the value `hundredths` / 100 at the
// number question `question_path`.
struct NumberCount {
  std::string question_path;
  std::int64_t hundredths = 0;
  std::int64_t answers = 0;
  bool operator==(const NumberCount&) const = default;
};

// What one answer adds to its structure's counts.
struct AnswerTally {
  // (question path, choice): the choice of each single-choice question it answers, and each
  // choice it gives to a multiple-choice one.
  std::vector<std::pair<std::string, std::string>> choices;
  // The pairs of its single choices (counts.h: CountedPairs).
  std::vector<PairCount> pairs;
  // The value of each number question it answers, `answers` 1. A negative value is left out:
  // sums are of non-negative contributions (components/disclosure), and a diagnostic's
  // numbers (ages, persons, euros, hours) are.
  std::vector<NumberCount> numbers;
  // The text of each free-text question it answers: its words are counted by the app
  // (app/surveys/results.h: CountWords), each once per answer, as choices of that question.
  std::vector<std::pair<std::string, std::string>> texts;
};

using CollectorId = std::int64_t;

// A device collecting for one structure with ODK Collect ("app user" in ODK Central): one
// person's, known by a secret URL.
struct Collector {
  CollectorId id = 0;
  StructureId structure = 0;
  PersonId person = 0;
  std::string label;  // "Tablette de l'accueil"
  UnixMillis created_at = 0;
  std::optional<UnixMillis> revoked_at;
  std::optional<UnixMillis> last_used_at;
};

// A structure's key for an encrypted questionnaire: the public half its collectors' form carries,
// the private half sealed by its passphrase and by its recovery code
// (app/surveys/odk_encryption.h).
struct FormKey {
  FormId form = 0;
  StructureId structure = 0;
  std::string tag;         // 8 hex digits of the public key's SHA-256: the served version's suffix
  std::string public_key;  // base64 SubjectPublicKeyInfo
  std::string sealed_by_passphrase;
  std::string sealed_by_recovery;
  PersonId created_by = 0;
  UnixMillis created_at = 0;
  UnixMillis passphrase_set_at = 0;
  // Wrong passphrases and recovery codes tried since the window began (app/surveys's limits).
  std::int64_t failed_attempts = 0;
  UnixMillis last_failed_at = 0;
};

// An export of a structure's answers made in the background, for the person who asked: its
// job's progress is the job's own; once done, the file waits for her download a day at most.
using ExportId = std::int64_t;
enum class ExportState { kQueued, kRunning, kDone, kFailed };
std::string_view ToString(ExportState state);
std::optional<ExportState> ExportStateFrom(std::string_view text);

struct AnswersExportRun {
  ExportId id = 0;
  FormId form = 0;
  StructureId structure = 0;
  PersonId requested_by = 0;
  std::string format;    // "csv" or "xlsx"
  std::string language;  // "fr" or "en"
  ExportState state = ExportState::kQueued;
  std::int64_t job_id = 0;
  std::string file_name;  // once done
  std::int64_t answers = 0;
  std::int64_t bytes = 0;
  std::string error;  // a message id, once failed
  UnixMillis requested_at = 0;
  std::optional<UnixMillis> finished_at;
};

// A file a submission references by name: a photo, a recording, the audit log, an encrypted
// submission's submission.xml.enc.
struct Attachment {
  SubmissionId submission = 0;
  std::string name;  // As the instance names it: a file name, never a path.
  std::string content_type;
  std::string data;  // Empty when listed without their contents.
  std::int64_t bytes = 0;
  std::string sha256;  // Hex.
};

}  // namespace ensemble::surveys
