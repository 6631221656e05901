// The surveys module's use cases: questionnaires designed once (an XLSForm uploaded, read and
// written as the ODK XForm) for a structure or for a collective whose members collect them.
// Every decision goes through the module's policy (domain/surveys/policy.h); answers are read
// only by the structure that collected them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/surveys/policy.h"
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

struct FormSummary {
  surveys::SurveyForm form;
  std::string owner_name;
  std::string collective_name;   // Empty when the form is the owner's alone.
  std::string version;           // The current version's XForm version.
  std::int64_t own_answers = 0;  // The acting structure's answers (current ones).
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

 private:
  template <typename Work>
  auto Decided(storage::TransactionMode mode, const Actor& actor, Work&& work) {
    return app_.Decided(mode, actor, std::forward<Work>(work));
  }
  Result<FormSummary> SummaryOf(storage::Transaction& tx, const Actor& actor,
                                const surveys::SurveyForm& form);

  App& app_;
};

// The hex MD5 of a text: the hash OpenRosa's form list and manifests give.
std::string Md5Hex(std::string_view text);

}  // namespace ensemble::app
