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

}  // namespace handlers
}  // namespace ensemble::http
