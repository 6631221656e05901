// The tenancy module's API handlers: each parses and validates its input, calls one use case, and
// shapes the answer. Authorisation is not decided here but in the use case.
#pragma once

#include "app/tenancy/tenancy_use_cases.h"
#include "http/api/router.h"

namespace ensemble::http::handlers {

// Session and sign-in.
Result<Response> SignIn(app::TenancyUseCases& app, const RouterOptions& options,
                        RouteContext& context);
Result<Response> GetSession(app::TenancyUseCases& app, RouteContext& context);
Result<Response> SignOut(app::TenancyUseCases& app, const RouterOptions& options,
                         RouteContext& context);
Result<Response> ChooseActingStructure(app::TenancyUseCases& app, RouteContext& context);
Result<Response> ChangePassword(app::TenancyUseCases& app, RouteContext& context);
Result<Response> ChooseLanguage(app::TenancyUseCases& app, RouteContext& context);
Result<Response> RequestPasswordReset(app::TenancyUseCases& app, RouteContext& context);
Result<Response> ConfirmPasswordReset(app::TenancyUseCases& app, RouteContext& context);
Result<Response> ListMySessions(app::TenancyUseCases& app, RouteContext& context);
Result<Response> EndMySession(app::TenancyUseCases& app, const RouterOptions& options,
                              RouteContext& context);
Result<Response> EndAllMySessions(app::TenancyUseCases& app, const RouterOptions& options,
                                  RouteContext& context);

// Structures.
Result<Response> ListStructures(app::TenancyUseCases& app, RouteContext& context);
Result<Response> CreateStructure(app::TenancyUseCases& app, RouteContext& context);
Result<Response> GetStructure(app::TenancyUseCases& app, RouteContext& context);
Result<Response> UpdateStructure(app::TenancyUseCases& app, RouteContext& context);
Result<Response> ListStaff(app::TenancyUseCases& app, RouteContext& context);
Result<Response> ListPersonnelFiles(app::TenancyUseCases& app, RouteContext& context);
Result<Response> CreatePersonnelFile(app::TenancyUseCases& app, RouteContext& context);
Result<Response> GetPersonnelFile(app::TenancyUseCases& app, RouteContext& context);
Result<Response> UpdatePersonnelFile(app::TenancyUseCases& app, RouteContext& context);

// The audit log.
Result<Response> ReadAuditLog(app::TenancyUseCases& app, RouteContext& context);
Result<Response> ExportAuditLogCsv(app::TenancyUseCases& app, RouteContext& context);
Result<Response> ListMyActivity(app::TenancyUseCases& app, RouteContext& context);
Result<Response> ListSignIns(app::TenancyUseCases& app, RouteContext& context);

// Collectives.
Result<Response> ListMyCollectives(app::TenancyUseCases& app, RouteContext& context);
Result<Response> GetCollective(app::TenancyUseCases& app, RouteContext& context);
Result<Response> GetSharing(app::TenancyUseCases& app, RouteContext& context);
Result<Response> SetSharing(app::TenancyUseCases& app, RouteContext& context);
Result<Response> SetDisclosureThreshold(app::TenancyUseCases& app, RouteContext& context);
Result<Response> SetReferent(app::TenancyUseCases& app, RouteContext& context);

}  // namespace ensemble::http::handlers

namespace ensemble::http {

// Adds the tenancy module's routes (routes.cc beside this file).
void RegisterTenancyRoutes(Router& router, app::TenancyUseCases& tenancy,
                           const RouterOptions& options);

}  // namespace ensemble::http
