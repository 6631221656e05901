// The API handlers: each parses and validates its input, calls one use case, and shapes the
// answer. Authorisation is not decided here but in the use case.
#pragma once

#include "app/app.h"
#include "http/api/router.h"

namespace ensemble::http::handlers {

// Session and sign-in.
Result<Response> Health(app::App& app, RouteContext& context);
Result<Response> SignIn(app::App& app, const RouterOptions& options, RouteContext& context);
Result<Response> GetSession(app::App& app, RouteContext& context);
Result<Response> SignOut(app::App& app, const RouterOptions& options, RouteContext& context);
Result<Response> ChooseActingStructure(app::App& app, RouteContext& context);
Result<Response> ChangePassword(app::App& app, RouteContext& context);
Result<Response> ListMySessions(app::App& app, RouteContext& context);
Result<Response> EndMySession(app::App& app, const RouterOptions& options, RouteContext& context);
Result<Response> EndAllMySessions(app::App& app, const RouterOptions& options,
                                  RouteContext& context);

// Structures.
Result<Response> ListStructures(app::App& app, RouteContext& context);
Result<Response> CreateStructure(app::App& app, RouteContext& context);
Result<Response> GetStructure(app::App& app, RouteContext& context);
Result<Response> UpdateStructure(app::App& app, RouteContext& context);
Result<Response> ListStaff(app::App& app, RouteContext& context);
Result<Response> ListPersonnelFiles(app::App& app, RouteContext& context);
Result<Response> CreatePersonnelFile(app::App& app, RouteContext& context);
Result<Response> GetPersonnelFile(app::App& app, RouteContext& context);
Result<Response> UpdatePersonnelFile(app::App& app, RouteContext& context);

// The audit log.
Result<Response> ReadAuditLog(app::App& app, RouteContext& context);
Result<Response> ExportAuditLogCsv(app::App& app, RouteContext& context);
Result<Response> ListMyActivity(app::App& app, RouteContext& context);
Result<Response> ListSignIns(app::App& app, RouteContext& context);

// Collectives.
Result<Response> ListMyCollectives(app::App& app, RouteContext& context);
Result<Response> GetCollective(app::App& app, RouteContext& context);
Result<Response> GetSharing(app::App& app, RouteContext& context);
Result<Response> SetSharing(app::App& app, RouteContext& context);
Result<Response> SetReferent(app::App& app, RouteContext& context);

}  // namespace ensemble::http::handlers
