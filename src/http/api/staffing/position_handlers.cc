#include <array>
#include <boost/json.hpp>

#include "domain/staffing/validation.h"
#include "http/api/handler_support.h"
#include "http/api/json_body.h"
#include "http/api/staffing/body_fields.h"
#include "http/api/staffing/handlers.h"

namespace ensemble::http::handlers {
namespace {

using staffing::Agreement;
using staffing::Position;

constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

boost::json::array Strings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const std::string& value : values) out.emplace_back(value);
  return out;
}

boost::json::array WeekdaysJson(staffing::WeekdayMask mask) {
  boost::json::array days;
  for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
    if ((mask & (1u << i)) != 0) days.emplace_back(kWeekdays[i]);
  }
  return days;
}

boost::json::object AgreementJson(const app::AgreementView& view) {
  const Agreement& a = view.agreement;
  boost::json::array shares;
  for (const staffing::AgreementShare& share : a.shares) {
    shares.push_back(
        boost::json::object{{"structure_id", share.structure}, {"share_bp", share.share_bp}});
  }
  boost::json::array signatures;
  for (const staffing::Signature& s : a.signatures) {
    signatures.push_back(boost::json::object{{"structure_id", s.structure},
                                             {"signer_name", s.signer_name},
                                             {"signer_role", s.signer_role},
                                             {"signed_on", staffing::IsoDate(s.signed_on)},
                                             {"document_sha256", s.document_sha256}});
  }
  return boost::json::object{
      {"id", a.id},
      {"starts_on", staffing::IsoDate(a.starts_on)},
      {"ends_on", staffing::IsoDate(a.ends_on)},
      {"ended_on", a.ended_on ? boost::json::value(staffing::IsoDate(*a.ended_on))
                              : boost::json::value(nullptr)},
      {"billing", staffing::ToString(a.billing)},
      {"travel_paid_by", staffing::ToString(a.travel)},
      {"shares", std::move(shares)},
      {"signatures", std::move(signatures)},
      {"state", staffing::ToString(view.state)},
      {"version", a.version},
      {"actions", Strings(view.actions)}};
}

boost::json::object PositionJson(const app::PositionDetail& detail) {
  const Position& p = detail.position;
  boost::json::array employments;
  for (const staffing::Employment& e : p.employments) {
    employments.push_back(
        boost::json::object{{"structure_id", e.employer}, {"weekly_minutes", e.weekly_minutes}});
  }
  boost::json::array agreements;
  for (const app::AgreementView& view : detail.agreements)
    agreements.push_back(AgreementJson(view));
  return boost::json::object{{"id", p.id},
                             {"title", p.title},
                             {"kind", staffing::ToString(p.kind)},
                             {"carrier_id", p.carrier},
                             {"person_id", p.person_id},
                             {"person_name", p.person_name},
                             {"qualification", p.qualification},
                             {"tasks", p.tasks},
                             {"working_days", WeekdaysJson(p.working_days)},
                             {"employments", std::move(employments)},
                             {"agreements", std::move(agreements)},
                             {"actions", Strings(detail.actions)}};
}

Response PositionsJson(const std::vector<app::PositionDetail>& details) {
  boost::json::array items;
  for (const app::PositionDetail& detail : details) items.push_back(PositionJson(detail));
  return JsonAnswer(boost::json::object{{"items", std::move(items)}});
}

Result<staffing::WeekdayMask> WorkingDays(const JsonBody& body) {
  const auto* value = body.object().if_contains("working_days");
  if (value == nullptr) return staffing::kMondayToFriday;
  staffing::WeekdayMask mask = 0;
  const auto refuse = [] {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.position.bad_working_days"},
                "working_days");
  };
  if (!value->is_array() || value->as_array().size() > kWeekdays.size()) return refuse();
  for (const boost::json::value& day : value->as_array()) {
    if (!day.is_string()) return refuse();
    const auto found = std::find(kWeekdays.begin(), kWeekdays.end(), day.as_string());
    if (found == kWeekdays.end()) return refuse();
    const auto bit = static_cast<staffing::WeekdayMask>(1u << (found - kWeekdays.begin()));
    if ((mask & bit) != 0) return refuse();  // a day twice is a typing slip, said as such
    mask = static_cast<staffing::WeekdayMask>(mask | bit);
  }
  return mask;
}

Result<std::vector<staffing::Employment>> Employments(const JsonBody& body) {
  std::vector<staffing::Employment> employments;
  for (const JsonBody& item : ENSEMBLE_TRY(body.RequiredObjects("employments", 10))) {
    ENSEMBLE_TRY_STATUS(In("employments", item.AllowOnly({"structure_id", "weekly_minutes"})));
    staffing::Employment e;
    e.employer = ENSEMBLE_TRY(In("employments", item.RequiredInt("structure_id")));
    e.weekly_minutes =
        ENSEMBLE_TRY(SmallInt("employments.weekly_minutes",
                              ENSEMBLE_TRY(In("employments", item.RequiredInt("weekly_minutes")))));
    employments.push_back(e);
  }
  return employments;
}

Result<std::vector<staffing::AgreementShare>> Shares(const JsonBody& body) {
  std::vector<staffing::AgreementShare> shares;
  for (const JsonBody& item :
       ENSEMBLE_TRY(body.RequiredObjects("shares", staffing::kMaxAgreementParties))) {
    ENSEMBLE_TRY_STATUS(In("shares", item.AllowOnly({"structure_id", "share_bp"})));
    staffing::AgreementShare share;
    share.structure = ENSEMBLE_TRY(In("shares", item.RequiredInt("structure_id")));
    share.share_bp = ENSEMBLE_TRY(
        SmallInt("shares.share_bp", ENSEMBLE_TRY(In("shares", item.RequiredInt("share_bp")))));
    shares.push_back(share);
  }
  return shares;
}

// The terms of an agreement as a body gives them; `with_version` for a change.
Result<Agreement> Terms(const JsonBody& body, bool with_version) {
  if (with_version) {
    ENSEMBLE_TRY_STATUS(
        body.AllowOnly({"starts_on", "ends_on", "billing", "travel_paid_by", "shares", "version"}));
  } else {
    ENSEMBLE_TRY_STATUS(
        body.AllowOnly({"starts_on", "ends_on", "billing", "travel_paid_by", "shares"}));
  }
  Agreement terms;
  terms.starts_on = ENSEMBLE_TRY(DateField(body, "starts_on"));
  terms.ends_on = ENSEMBLE_TRY(DateField(body, "ends_on"));
  const auto billing =
      staffing::BillingPeriodFrom(ENSEMBLE_TRY(body.OptionalString("billing")).value_or("monthly"));
  if (!billing) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.bad_billing"}, "billing");
  }
  terms.billing = *billing;
  const auto travel = staffing::TravelPaidByFrom(
      ENSEMBLE_TRY(body.OptionalString("travel_paid_by")).value_or("visited_structure"));
  if (!travel) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.bad_travel"},
                "travel_paid_by");
  }
  terms.travel = *travel;
  terms.shares = ENSEMBLE_TRY(Shares(body));
  if (with_version) {
    terms.version = ENSEMBLE_TRY(SmallInt("version", ENSEMBLE_TRY(body.RequiredInt("version"))));
  }
  return terms;
}

boost::json::object DayJson(const staffing::DayRecord& day) {
  boost::json::array entries;
  for (const staffing::TimeEntry& e : day.entries) {
    entries.push_back(boost::json::object{{"structure_id", e.structure}, {"minutes", e.minutes}});
  }
  boost::json::value absence = nullptr;
  if (day.absence) {
    absence = boost::json::object{
        {"kind", day.absence->kind_withheld
                     ? boost::json::value(nullptr)
                     : boost::json::value(staffing::ToString(day.absence->kind))},
        {"minutes", day.absence->minutes}};
  }
  return boost::json::object{{"day", staffing::IsoDate(day.day)},
                             {"entries", std::move(entries)},
                             {"absence", std::move(absence)},
                             {"worked_minutes", day.WorkedMinutes()}};
}

Result<staffing::DayRecord> DayBody(const JsonBody& body) {
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"entries", "absence"}));
  staffing::DayRecord record;
  for (const JsonBody& item : ENSEMBLE_TRY(body.RequiredObjects("entries", 10))) {
    ENSEMBLE_TRY_STATUS(In("entries", item.AllowOnly({"structure_id", "minutes"})));
    staffing::TimeEntry entry;
    entry.structure = ENSEMBLE_TRY(In("entries", item.RequiredInt("structure_id")));
    entry.minutes = ENSEMBLE_TRY(
        SmallInt("entries.minutes", ENSEMBLE_TRY(In("entries", item.RequiredInt("minutes")))));
    record.entries.push_back(entry);
  }
  const auto* absence = body.object().if_contains("absence");
  if (absence != nullptr && !absence->is_null()) {
    const JsonBody inner = ENSEMBLE_TRY(body.RequiredBody("absence"));
    ENSEMBLE_TRY_STATUS(In("absence", inner.AllowOnly({"kind", "minutes"})));
    const auto kind =
        staffing::AbsenceKindFrom(ENSEMBLE_TRY(In("absence", inner.RequiredString("kind"))));
    if (!kind) {
      return Fail(ErrorCode::kInvalidArgument, Message{"staffing.time.bad_absence_kind"},
                  "absence.kind");
    }
    const int minutes = ENSEMBLE_TRY(
        SmallInt("absence.minutes", ENSEMBLE_TRY(In("absence", inner.RequiredInt("minutes")))));
    record.absence = staffing::Absence{*kind, minutes};
  }
  return record;
}

}  // namespace

Result<app::Month> MonthParam(const RouteContext& context) {
  const auto month = context.request.QueryParam("month");
  if (!month) {
    return Fail(ErrorCode::kInvalidArgument, Message{"core.json.required", {{"field", "month"}}},
                "month");
  }
  return app::ParseMonth(*month, "month");
}

Result<Response> RecordMyDay(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const auto day = staffing::ParseIsoDate(context.params.Get("day"));
  if (!day) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.bad_date"}, "day");
  }
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  auto record = ENSEMBLE_TRY(DayBody(body));
  record.day = *day;
  return JsonAnswer(DayJson(ENSEMBLE_TRY(app.RecordMyDay(context.actor(), id, std::move(record)))));
}

Result<Response> ListMyDays(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const auto month = ENSEMBLE_TRY(MonthParam(context));
  boost::json::array items;
  for (const auto& day : ENSEMBLE_TRY(app.MyDays(context.actor(), id, month))) {
    items.push_back(DayJson(day));
  }
  return JsonAnswer(boost::json::object{{"items", std::move(items)}});
}

Result<Response> GetPositionTime(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const auto month = ENSEMBLE_TRY(MonthParam(context));
  const auto view = ENSEMBLE_TRY(app.PositionTime(context.actor(), id, month));
  boost::json::array days;
  for (const auto& day : view.days) days.push_back(DayJson(day));
  boost::json::array totals;
  for (const auto& t : view.totals) {
    totals.push_back(boost::json::object{{"structure_id", t.structure}, {"minutes", t.minutes}});
  }
  return JsonAnswer(boost::json::object{{"days", std::move(days)},
                                        {"totals", std::move(totals)},
                                        {"absence_minutes", view.absence_minutes}});
}

Result<Response> ListPositions(app::StaffingUseCases& app, RouteContext& context) {
  return PositionsJson(ENSEMBLE_TRY(app.ListPositions(context.actor())));
}

Result<Response> ListMyPositions(app::StaffingUseCases& app, RouteContext& context) {
  return PositionsJson(ENSEMBLE_TRY(app.MyPositions(context.actor())));
}

Result<Response> CreatePosition(app::StaffingUseCases& app, RouteContext& context) {
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly(
      {"title", "kind", "person_id", "qualification", "tasks", "working_days", "employments"}));
  Position draft;
  draft.title = ENSEMBLE_TRY(body.RequiredString("title"));
  const auto kind = staffing::PositionKindFrom(ENSEMBLE_TRY(body.RequiredString("kind")));
  if (!kind) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.position.bad_kind"}, "kind");
  }
  draft.kind = *kind;
  draft.person_id = ENSEMBLE_TRY(body.RequiredInt("person_id"));
  draft.qualification = ENSEMBLE_TRY(body.OptionalString("qualification")).value_or("");
  draft.tasks = ENSEMBLE_TRY(body.OptionalString("tasks")).value_or("");
  draft.working_days = ENSEMBLE_TRY(WorkingDays(body));
  draft.employments = ENSEMBLE_TRY(Employments(body));
  return JsonAnswer(PositionJson(ENSEMBLE_TRY(app.CreatePosition(context.actor(), draft))), 201);
}

Result<Response> GetPosition(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(PositionJson(ENSEMBLE_TRY(app.GetPosition(context.actor(), id))));
}

Result<Response> CreateAgreement(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  auto terms = ENSEMBLE_TRY(Terms(body, false));
  return JsonAnswer(
      PositionJson(ENSEMBLE_TRY(app.CreateAgreement(context.actor(), id, std::move(terms)))), 201);
}

Result<Response> UpdateAgreement(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  auto terms = ENSEMBLE_TRY(Terms(body, true));
  return JsonAnswer(
      PositionJson(ENSEMBLE_TRY(app.UpdateAgreement(context.actor(), id, std::move(terms)))));
}

Result<Response> GetAgreementDocument(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto pdf = ENSEMBLE_TRY(app.AgreementDocumentPdf(context.actor(), id));
  Response response;
  response.status = 200;
  response.body = std::move(pdf.bytes);
  response.SetHeader("Content-Type", "application/pdf");
  response.SetHeader("Content-Disposition",
                     "attachment; filename=\"convention-" + std::to_string(id) + ".pdf\"");
  // What a signature records: the digest of exactly these bytes.
  response.SetHeader("X-Document-SHA256", pdf.sha256);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Result<Response> SignAgreement(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(
      body.AllowOnly({"signer_name", "signer_role", "signed_on", "document_sha256", "version"}));
  app::SignatureInput input;
  input.signer_name = ENSEMBLE_TRY(body.RequiredString("signer_name"));
  input.signer_role = ENSEMBLE_TRY(body.RequiredString("signer_role"));
  input.signed_on = ENSEMBLE_TRY(DateField(body, "signed_on"));
  input.document_sha256 = ENSEMBLE_TRY(body.RequiredString("document_sha256"));
  input.version = ENSEMBLE_TRY(SmallInt("version", ENSEMBLE_TRY(body.RequiredInt("version"))));
  return JsonAnswer(
      PositionJson(ENSEMBLE_TRY(app.SignAgreement(context.actor(), id, std::move(input)))), 201);
}

Result<Response> EndAgreement(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"ended_on", "version"}));
  const auto ended_on = ENSEMBLE_TRY(DateField(body, "ended_on"));
  const int version = ENSEMBLE_TRY(SmallInt("version", ENSEMBLE_TRY(body.RequiredInt("version"))));
  return JsonAnswer(
      PositionJson(ENSEMBLE_TRY(app.EndAgreement(context.actor(), id, ended_on, version))));
}

}  // namespace ensemble::http::handlers
