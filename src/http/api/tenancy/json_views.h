// How each record looks in the API: one function per shape, matching docs/openapi.json.
#pragma once

#include <boost/json/value.hpp>

#include "app/tenancy/tenancy_use_cases.h"

namespace ensemble::http {

boost::json::value ToJson(const app::SessionView& session);
boost::json::value ToJson(const app::SessionSummary& session);
boost::json::value ToJson(const tenancy::Structure& structure,
                          const std::optional<tenancy::NamedRef>& managed_by);
boost::json::value ToJson(const app::StructureDetail& detail);
boost::json::value ToJson(const tenancy::StaffMember& member);
// With its codes worded in `language` beside them ("labels", audit_labels.h).
boost::json::value ToJson(const audit::AuditEntry& entry, Language language);
boost::json::value ToJson(const tenancy::PersonnelFile& file);
boost::json::value ToJson(const app::CollectiveSummary& summary);
boost::json::value ToJson(const app::CollectiveDetail& detail);
boost::json::value ToJson(const tenancy::MemberView& member);
boost::json::value ToJson(const app::MemberSharing& sharing);
boost::json::value ToJson(const tenancy::NamedRef& ref);

// {"items":[...]} and {"items":[...],"page","page_size","total"}.
template <typename T>
boost::json::value ItemsJson(const std::vector<T>& items) {
  boost::json::array array;
  for (const auto& item : items) array.push_back(ToJson(item));
  return boost::json::object{{"items", std::move(array)}};
}

}  // namespace ensemble::http
