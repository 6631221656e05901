// An audit line's codes worded in the reader's language, beside the codes themselves: the
// action, the record kind, the names of its parameters and fields, and the values that are codes
// (the action a refused attempt tried, its reason, a sharing level, a language). A code the
// catalogues do not know stays as it is.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "core/language.h"
#include "domain/audit/audit_line.h"

namespace ensemble::http {

// {"action", "record_kind", "params": {name: label}, "param_values": {name: label},
//  "fields": {field: label}, "field_values": {field: {"old", "new"}}}
boost::json::object AuditLabels(const audit::AuditEntry& entry, Language language);

// The same, as one line each for a spreadsheet: "Action tentée : lire le journal d'audit; …".
std::string ReadableParams(const audit::AuditEntry& entry, Language language);
std::string ReadableChanges(const audit::AuditEntry& entry, Language language);

// The label of a code under a catalogue prefix ("tenancy.audit.action."), or the code.
std::string CodeLabel(std::string_view prefix, std::string_view code, Language language);

}  // namespace ensemble::http
