// What the surveys module's use cases share across their files (surveys_use_cases.cc,
// key_use_cases.cc): finding a form as the policy lets the actor see it, and reading a stored
// version's form again.
#pragma once

#include <string>
#include <string_view>

#include "app/app.h"
#include "app/surveys/odk_encryption.h"
#include "app/surveys/surveys_use_cases.h"
#include "core/workbook.h"
#include "domain/surveys/form.h"
#include "domain/surveys/types.h"
#include "storage/database.h"

namespace ensemble::app {

// The form, once the gate lets the actor read it (hidden as a missing one otherwise); its facts
// in `target` when asked.
Result<surveys::SurveyForm> FoundForm(storage::Transaction& tx, Gate& gate, surveys::FormId id,
                                      access::Target* target = nullptr);
// The workbook of an uploaded file: XLSX or pyxform's CSV; an old .xls or anything else is
// refused with what to do instead.
Result<Workbook> WorkbookOf(std::string_view bytes);
// The form a version was written from, as its submissions were filled: its uploaded file read
// again, with the id and version the server gave it when the file had none.
Result<surveys::Form> FormOfVersion(const surveys::SurveyForm& record,
                                    const surveys::FormVersion& version);
// A file's name from a text of outside (the form's id): its ASCII letters, digits, '_', '-' and
// '.', the rest as '_'.
std::string AsciiFileName(std::string_view text);

// The version a structure's collectors get once it has its key: "<version>-<tag>" (ODK clients
// tell a form's versions by that string).
std::string KeyedVersion(std::string_view version, std::string_view tag);

// The XForm `structure`'s collectors get of the version: the version's own, or, once the
// structure has its key for the form, the same form under that key and KeyedVersion. `version`
// may come without its source (it is read when needed, once per version and key: the keyed
// XForms made are kept).
Result<XFormDocument> ServedXForm(storage::Transaction& tx, const surveys::SurveyForm& record,
                                  const surveys::FormVersion& version, StructureId structure);
// The same when the structure's key, if any, is already at hand.
Result<XFormDocument> ServedXForm(storage::Transaction& tx, const surveys::SurveyForm& record,
                                  const surveys::FormVersion& version,
                                  const std::optional<surveys::FormKey>& key);

// A stored submission decrypted with the structure's private key (DER), its files read from the
// store; nullopt when it is not encrypted.
Result<std::optional<DecryptedSubmission>> DecryptStored(storage::Transaction& tx,
                                                         const surveys::Submission& submission,
                                                         const std::string& private_key);

}  // namespace ensemble::app
