#include "http/api/tenancy/json_views.h"

#include <boost/json.hpp>

#include "http/api/tenancy/audit_labels.h"

namespace ensemble::http {
namespace {

namespace json = boost::json;

json::array RolesJson(const std::vector<tenancy::Role>& roles) {
  json::array array;
  for (const auto role : roles) array.emplace_back(tenancy::ToString(role));
  return array;
}

json::array ActionsJson(const std::vector<std::string>& actions) {
  json::array array;
  for (const auto& action : actions) array.emplace_back(action);
  return array;
}

template <typename T>
json::value OrNull(const std::optional<T>& value) {
  if (!value) return nullptr;
  return json::value_from(*value);
}

}  // namespace

json::value ToJson(const tenancy::NamedRef& ref) {
  return json::object{{"id", ref.id}, {"name", ref.name}};
}

json::value ToJson(const app::SessionView& session) {
  json::array hats;
  for (const auto& hat : session.hats) {
    hats.push_back(json::object{{"structure_id", hat.structure_id},
                                {"structure_name", hat.structure_name},
                                {"structure_kind", tenancy::ToString(hat.structure_kind)},
                                {"roles", RolesJson(hat.roles)}});
  }
  return json::object{
      {"person", json::object{{"id", session.person.id},
                              {"display_name", session.person.display_name},
                              {"email", session.person.email},
                              {"platform_admin", session.person.platform_admin}}},
      {"hats", std::move(hats)},
      {"acting_structure_id", OrNull(session.acting_structure_id)},
      {"acting_roles", RolesJson(session.acting_roles)},
      {"actions", ActionsJson(session.actions)},
      {"language", ToString(session.person.language)},
      {"csrf_token", session.csrf_token},
      {"expires_at", FormatIso8601(session.expires_at)},
  };
}

json::value ToJson(const app::SessionSummary& session) {
  return json::object{{"id", session.id},
                      {"created_at", FormatIso8601(session.created_at)},
                      {"last_seen_at", FormatIso8601(session.last_seen_at)},
                      {"address", session.address},
                      {"user_agent", session.user_agent},
                      {"current", session.current}};
}

json::value ToJson(const tenancy::Structure& s,
                   const std::optional<tenancy::NamedRef>& managed_by) {
  return json::object{
      {"id", s.id},
      {"kind", tenancy::ToString(s.kind)},
      {"name", s.name},
      {"siret", OrNull(s.siret)},
      {"address", s.address},
      {"commune_insee", s.commune_insee},
      {"territory", s.territory},
      {"managed_by", managed_by ? ToJson(*managed_by) : json::value(nullptr)},
  };
}

json::value ToJson(const app::StructureDetail& detail) {
  json::value value = ToJson(detail.structure, detail.managed_by);
  json::array manages;
  for (const auto& ref : detail.manages) manages.push_back(ToJson(ref));
  json::array collectives;
  for (const auto& ref : detail.collectives) collectives.push_back(ToJson(ref));
  value.as_object()["manages"] = std::move(manages);
  value.as_object()["collectives"] = std::move(collectives);
  value.as_object()["actions"] = ActionsJson(detail.actions);
  return value;
}

json::value ToJson(const tenancy::StaffMember& member) {
  return json::object{{"person_id", member.person.id},
                      {"display_name", member.person.display_name},
                      {"email", member.person.email},
                      {"roles", RolesJson(member.roles)}};
}

// Stored JSON (params, changes), as the value it encodes; `fallback` should a stored text ever
// not parse.
json::value StoredJson(const std::string& text, json::value fallback) {
  boost::system::error_code error;
  json::value value = json::parse(text, error);
  return error ? fallback : value;
}

json::value ToJson(const audit::AuditEntry& e, Language language) {
  return json::object{{"id", e.id},
                      {"at", FormatIso8601(e.at)},
                      {"person_id", OrNull(e.person_id)},
                      {"person_name", e.person_name},
                      {"acting_structure_id", OrNull(e.acting_structure_id)},
                      {"acting_structure_name", e.acting_structure_name},
                      {"owner_structure_id", OrNull(e.owner_structure_id)},
                      {"action", e.action},
                      {"record_kind", e.record_kind},
                      {"record_id", e.record_id},
                      {"params", StoredJson(e.params, json::object{})},
                      {"changes", StoredJson(e.changes, json::array{})},
                      {"sequence", OrNull(e.chain_seq)},
                      {"labels", AuditLabels(e, language)}};
}

json::value ToJson(const tenancy::PersonnelFile& file) {
  return json::object{{"id", file.id},
                      {"structure_id", file.structure_id},
                      {"employee_name", file.employee_name},
                      {"job_title", file.job_title},
                      {"contract", file.contract},
                      {"notes", file.notes},
                      {"version", file.version}};
}

json::value ToJson(const app::CollectiveSummary& summary) {
  return json::object{{"id", summary.collective.id},
                      {"name", summary.collective.name},
                      {"purpose", summary.collective.purpose},
                      {"coordinating_structure", ToJson(summary.coordinating_structure)},
                      {"member_count", summary.member_count}};
}

json::value ToJson(const tenancy::MemberView& member) {
  json::value referent = nullptr;
  if (member.referent_id) {
    referent =
        json::object{{"person_id", *member.referent_id}, {"display_name", member.referent_name}};
  }
  return json::object{{"structure_id", member.structure_id},
                      {"structure_name", member.structure_name},
                      {"structure_kind", tenancy::ToString(member.structure_kind)},
                      {"referent", std::move(referent)},
                      {"actions", ActionsJson(member.actions)}};
}

json::value ToJson(const app::CollectiveDetail& detail) {
  json::array members;
  for (const auto& member : detail.members) members.push_back(ToJson(member));
  return json::object{{"id", detail.collective.id},
                      {"name", detail.collective.name},
                      {"purpose", detail.collective.purpose},
                      {"coordinating_structure", ToJson(detail.coordinating_structure)},
                      {"disclosure_threshold", detail.collective.disclosure_threshold},
                      {"members", std::move(members)},
                      {"actions", ActionsJson(detail.actions)}};
}

json::value ToJson(const app::MemberSharing& sharing) {
  json::object levels;
  for (const auto& [kind, level] : sharing.levels) {
    levels[tenancy::ToString(kind)] = tenancy::ToString(level);
  }
  return json::object{{"structure_id", sharing.structure_id},
                      {"structure_name", sharing.structure_name},
                      {"levels", std::move(levels)},
                      {"actions", ActionsJson(sharing.actions)}};
}

}  // namespace ensemble::http
