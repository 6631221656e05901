// The staffing module's API handlers: shared positions and their lending agreements. Each
// parses and validates its input, calls one use case, and shapes the answer; who may is decided
// in the use case.
#pragma once

#include "app/staffing/staffing_use_cases.h"
#include "http/api/router.h"

namespace ensemble::http {

// Adds the staffing module's routes (routes.cc beside this file).
void RegisterStaffingRoutes(Router& router, app::StaffingUseCases& staffing);

namespace handlers {

Result<Response> ListPositions(app::StaffingUseCases& app, RouteContext& context);
Result<Response> ListMyPositions(app::StaffingUseCases& app, RouteContext& context);
Result<Response> CreatePosition(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetPosition(app::StaffingUseCases& app, RouteContext& context);
Result<Response> CreateAgreement(app::StaffingUseCases& app, RouteContext& context);
Result<Response> UpdateAgreement(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetAgreementDocument(app::StaffingUseCases& app, RouteContext& context);
Result<Response> SignAgreement(app::StaffingUseCases& app, RouteContext& context);
Result<Response> EndAgreement(app::StaffingUseCases& app, RouteContext& context);
Result<Response> RecordMyDay(app::StaffingUseCases& app, RouteContext& context);
Result<Response> ListMyDays(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetPositionTime(app::StaffingUseCases& app, RouteContext& context);
// Money (cost_handlers.cc).
Result<Response> GetPositionCosts(app::StaffingUseCases& app, RouteContext& context);
Result<Response> PutSalary(app::StaffingUseCases& app, RouteContext& context);
Result<Response> PutPayroll(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetCarrierSettings(app::StaffingUseCases& app, RouteContext& context);
Result<Response> PutCarrierRates(app::StaffingUseCases& app, RouteContext& context);
Result<Response> PutVatSetting(app::StaffingUseCases& app, RouteContext& context);
Result<Response> PutSiteDistance(app::StaffingUseCases& app, RouteContext& context);
Result<Response> IssueStatements(app::StaffingUseCases& app, RouteContext& context);
Result<Response> CorrectStatement(app::StaffingUseCases& app, RouteContext& context);
Result<Response> ListStatements(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetStatement(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetStatementPdf(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetStatementXlsx(app::StaffingUseCases& app, RouteContext& context);
// ?month=2026-09, required (position_handlers.cc).
Result<app::Month> MonthParam(const RouteContext& context);
// The carrier's settings as answered by every settings route (cost_handlers.cc).
Response SettingsAnswer(const app::CarrierSettings& settings);
// Plans (plan_handlers.cc).
Result<Response> PutOpeningHours(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetPlanRules(app::StaffingUseCases& app, RouteContext& context);
Result<Response> PutPlanRules(app::StaffingUseCases& app, RouteContext& context);
Result<Response> RequestPlan(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetPlanRun(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetPositionPlan(app::StaffingUseCases& app, RouteContext& context);
Result<Response> GetMyPlan(app::StaffingUseCases& app, RouteContext& context);
// A collective's view of its members' shared positions (plan_handlers.cc).
Result<Response> GetCollectivePositions(app::StaffingUseCases& app, RouteContext& context);

}  // namespace handlers
}  // namespace ensemble::http
