// Reads a submitted instance (the XML that ODK Collect, Enketo or @getodk/web-forms in our pages
// post for a form) and checks it against the form it claims to answer, so that the server
// stores a submission only when it fits the form: the root, the form's id and version, the
// instanceID, each element a question, group or repeat of the form, each value of its type,
// required answers present, and the constraints that need no XPath engine.
//
// What the server cannot know is not guessed. Relevance needs XPath: a question that is, or is
// inside, a group or repeat with a `relevant` may be absent or empty, and its required-ness is
// not checked (reported in `unchecked` when its value is empty); so is a `required` that is an
// expression other than "true()". choice_filter is not evaluated: a choice must be in the list.
// A value is checked only when present: an empty value is never a type or constraint violation.
//
// Constraints checked here, and only these (any other constraint is listed in `unchecked`):
//   - comparisons of `.` with a number literal, either side: `.` op n or n op `.`, op among
//     `=`, `!=`, `<`, `<=`, `>`, `>=` (the value taken as a number; for integer, decimal and
//     range questions only);
//   - `regex(., 'pattern')`: the pattern is an ECMAScript regular expression searched in the
//     value, unanchored, as @getodk/web-forms and Enketo run it (JavaScript's RegExp.test) and
//     as ODK Collect's Java regex finds it on their common syntax; write ^…$ to match the whole
//     value. Code points, not bytes, so that [À-ÿ] means what a French form means. Values
//     longer than kMaxRegexValueBytes and patterns longer than kMaxRegexPatternBytes, or that
//     std::regex refuses, are not checked;
//   - any of those joined by `and` and `or` (and before or), grouped by parentheses.
//
// ReadInstance refuses a DOCTYPE (so no entity can be declared: XXE and "billion laughs" have
// nothing to expand; pugixml never fetches nor expands declared entities anyway), input that is
// not UTF-8, and documents over the limits.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/message.h"
#include "domain/surveys/form.h"

namespace ensemble::surveys {

inline constexpr std::size_t kMaxRegexValueBytes = 1000;
inline constexpr std::size_t kMaxRegexPatternBytes = 256;

// Bounds on one submission: the HTTP layer bounds the body, these bound the work of reading it.
struct InstanceLimits {
  std::size_t max_bytes = 10 * 1024 * 1024;
  std::size_t max_elements = 50'000;
  std::size_t max_depth = 40;  // The root is at depth 1.
  std::size_t max_value_bytes = 256 * 1024;
};

// One element of the instance: a question with its value, or a group or repeat with its
// children. Attributes other than the root's are not kept (ODK writes none).
struct InstanceNode {
  std::string name;  // As written, prefix included ("orx:meta").
  // The element's text, entities replaced; for an element with children, "" unless it holds
  // text other than white space (which a checking then refuses).
  std::string text;
  std::vector<InstanceNode> children;

  bool operator==(const InstanceNode&) const = default;
};

// What ODK Collect posts for a form with a public key: the answers are in an encrypted file the
// server cannot read. https://docs.getodk.org/encryption/
struct EncryptedSubmission {
  std::string base64_encrypted_key;
  std::string encrypted_xml_file;                  // "submission.xml.enc": an attachment.
  std::vector<std::string> media_files;            // media/file: "photo.jpg.enc", attachments too.
  std::string base64_encrypted_element_signature;  // "" when absent.

  bool operator==(const EncryptedSubmission&) const = default;
};

struct Instance {
  InstanceNode root;          // The whole tree, meta included.
  std::string form_id;        // The root's `id` attribute ("" when absent).
  std::string version;        // The root's `version` attribute ("" when absent).
  std::string instance_id;    // meta/instanceID: "uuid:" and a UUID.
  std::string deprecated_id;  // meta/deprecatedID: the submission this one edits; "" if none.
  std::string instance_name;  // meta/instanceName; "" when absent.
  std::optional<EncryptedSubmission> encrypted;  // Set for an encrypted submission.

  bool operator==(const Instance&) const = default;
};

// Parses a submission. Errors (kInvalidArgument unless said), their field the element's path:
//   surveys.submission.too_large (kPayloadTooLarge) {max_bytes}, too_many_elements {max},
//   too_deep {max}, value_too_long {path, max}, not_xml {description, offset}, doctype,
//   not_one_root, not_utf8, control_character {path}, no_instance_id, bad_instance_id {value},
//   bad_deprecated_id {value}, encrypted_incomplete {element}, bad_file_name {path}.
Result<Instance> ReadInstance(std::string_view xml, const InstanceLimits& limits = {});

// The instance as XML again: the root with its id, version and encrypted attributes, then each
// element with its text. Reading what it writes gives back the same Instance.
std::string WriteInstance(const Instance& instance);

// "uuid:" followed by a UUID in its 8-4-4-4-12 hexadecimal form, as ODK writes instanceID.
bool IsInstanceId(std::string_view text);

// One finding of a checking. `path` names the element with 1-based repeat indexes
// ("/data/aidant[2]/heures"), "" for the submission as a whole; for `unchecked`, the question's
// path without indexes ("/data/aidant/heures"), once per question.
struct Violation {
  std::string path;
  Message message;  // surveys.submission.<id>, with the path among its params.

  bool operator==(const Violation&) const = default;
};

struct InstanceCheck {
  // Empty when the instance fits the form.
  std::vector<Violation> violations;
  // Rules the server could not evaluate for a present answer: surveys.submission.
  // constraint_not_checked {path, constraint} and required_not_checked {path, required}.
  std::vector<Violation> unchecked;
  // The file names the instance references (image, audio, video, file questions, meta/audit;
  // for an encrypted submission, the encrypted XML file and media), in order, without
  // duplicates: the caller checks that each was uploaded with the submission.
  std::vector<std::string> attachments;

  bool accepted() const { return violations.empty(); }
};

// Checks the instance against the form. Violations (surveys.submission.<id>, params in braces;
// each also has {path}):
//   wrong_root {expected, actual}, wrong_form {expected, actual}, wrong_version {expected,
//   actual}, not_encrypted_form, must_be_encrypted, unknown_element, not_repeated, not_a_value
//   (a question's element with children), text_in_group, required, and for a value {value}:
//   not_integer, not_decimal, not_date, not_time, not_datetime, not_geopoint, not_geotrace,
//   not_geoshape, not_choice, duplicate_choice, rank_incomplete, out_of_range {start, end},
//   off_step {step}, not_acknowledged, note_not_empty, not_file_name, constraint {constraint}.
InstanceCheck CheckInstance(const Form& form, const Instance& instance);

// One answer for aggregation: the question, where it is among repeats, and its value.
struct FlatAnswer {
  const Node* question = nullptr;
  std::string question_path;         // "/data/aidant/heures"
  std::vector<std::size_t> indexes;  // 1-based, one per enclosing repeat: {2}
  std::string path;                  // "/data/aidant[2]/heures"
  std::string value;

  bool operator==(const FlatAnswer&) const = default;
};

// The words of a space-separated value (select_multiple, rank, geopoint), XML's spaces (space,
// tab, line ends) between them.
std::vector<std::string_view> ListedWords(std::string_view value);

// The answers of the form's questions present in the instance (empty values included), in
// document order; elements the form does not define, and meta, are left out. An encrypted
// instance has none.
std::vector<FlatAnswer> Flatten(const Form& form, const Instance& instance);

}  // namespace ensemble::surveys
