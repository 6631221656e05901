// The tenancy module's routes: sessions, accounts, structures, personnel files, the audit log,
// collectives and sharing. docs/openapi.json describes the same table; a test checks that they
// agree.
#include "http/api/tenancy/handlers.h"

namespace ensemble::http {

void RegisterTenancyRoutes(Router& router, app::TenancyUseCases& tenancy,
                           const RouterOptions& options) {
  namespace h = handlers;
  auto use = [&tenancy](auto handler) {
    return [&tenancy, handler](RouteContext& context) { return handler(tenancy, context); };
  };
  constexpr Access kPublic = Access::kPublic;
  constexpr Access kSignedIn = Access::kSignedIn;

  // clang-format off
  router.Add({"POST",   "/api/v1/session",                            kPublic,
              [&tenancy, options](RouteContext& c) { return h::SignIn(tenancy, options, c); }});
  router.Add({"GET",    "/api/v1/session",                            kSignedIn, use(h::GetSession)});
  router.Add({"DELETE", "/api/v1/session",                            kSignedIn,
              [&tenancy, options](RouteContext& c) { return h::SignOut(tenancy, options, c); }});
  router.Add({"PUT",    "/api/v1/session/acting-structure",           kSignedIn, use(h::ChooseActingStructure)});
  router.Add({"PUT",    "/api/v1/me/password",                        kSignedIn, use(h::ChangePassword)});
  router.Add({"PUT",    "/api/v1/me/language",                        kSignedIn, use(h::ChooseLanguage)});
  router.Add({"POST",   "/api/v1/password-reset",                     kPublic, use(h::RequestPasswordReset)});
  router.Add({"POST",   "/api/v1/password-reset/confirm",             kPublic, use(h::ConfirmPasswordReset)});
  router.Add({"GET",    "/api/v1/me/sessions",                        kSignedIn, use(h::ListMySessions)});
  router.Add({"DELETE", "/api/v1/me/sessions",                        kSignedIn,
              [&tenancy, options](RouteContext& c) { return h::EndAllMySessions(tenancy, options, c); }});
  router.Add({"DELETE", "/api/v1/me/sessions/{session_id}",           kSignedIn,
              [&tenancy, options](RouteContext& c) { return h::EndMySession(tenancy, options, c); }});
  router.Add({"GET",    "/api/v1/me/activity",                        kSignedIn, use(h::ListMyActivity)});
  router.Add({"GET",    "/api/v1/admin/sign-ins",                     kSignedIn, use(h::ListSignIns)});

  router.Add({"GET",    "/api/v1/structures",                         kSignedIn, use(h::ListStructures)});
  router.Add({"POST",   "/api/v1/structures",                         kSignedIn, use(h::CreateStructure)});
  router.Add({"GET",    "/api/v1/structures/{id}",                    kSignedIn, use(h::GetStructure)});
  router.Add({"PATCH",  "/api/v1/structures/{id}",                    kSignedIn, use(h::UpdateStructure)});
  router.Add({"GET",    "/api/v1/structures/{id}/staff",              kSignedIn, use(h::ListStaff)});
  router.Add({"GET",    "/api/v1/structures/{id}/audit",              kSignedIn, use(h::ReadAuditLog)});
  router.Add({"GET",    "/api/v1/structures/{id}/audit.csv",          kSignedIn, use(h::ExportAuditLogCsv)});
  router.Add({"GET",    "/api/v1/structures/{id}/personnel",          kSignedIn, use(h::ListPersonnelFiles)});
  router.Add({"POST",   "/api/v1/structures/{id}/personnel",          kSignedIn, use(h::CreatePersonnelFile)});
  router.Add({"GET",    "/api/v1/personnel/{id}",                     kSignedIn, use(h::GetPersonnelFile)});
  router.Add({"PATCH",  "/api/v1/personnel/{id}",                     kSignedIn, use(h::UpdatePersonnelFile)});

  router.Add({"GET",    "/api/v1/collectives",                        kSignedIn, use(h::ListMyCollectives)});
  router.Add({"GET",    "/api/v1/collectives/{id}",                   kSignedIn, use(h::GetCollective)});
  router.Add({"GET",    "/api/v1/collectives/{id}/sharing",           kSignedIn, use(h::GetSharing)});
  router.Add({"PUT",    "/api/v1/collectives/{id}/disclosure",        kSignedIn, use(h::SetDisclosureThreshold)});
  router.Add({"PUT",    "/api/v1/collectives/{id}/sharing/{structure_id}", kSignedIn, use(h::SetSharing)});
  router.Add({"PUT",    "/api/v1/collectives/{id}/members/{structure_id}/referent", kSignedIn,
              use(h::SetReferent)});
  // clang-format on
}

}  // namespace ensemble::http
