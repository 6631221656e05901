// The staffing module's routes. docs/openapi.json describes the same table; a test checks that
// they agree.
#include "http/api/staffing/handlers.h"

namespace ensemble::http {

void RegisterStaffingRoutes(Router& router, app::StaffingUseCases& staffing) {
  namespace h = handlers;
  auto use = [&staffing](auto handler) {
    return [&staffing, handler](RouteContext& context) { return handler(staffing, context); };
  };
  constexpr Access kSignedIn = Access::kSignedIn;

  // clang-format off
  router.Add({"GET",  "/api/v1/staffing/positions",                  kSignedIn, use(h::ListPositions)});
  router.Add({"POST", "/api/v1/staffing/positions",                  kSignedIn, use(h::CreatePosition)});
  router.Add({"GET",  "/api/v1/staffing/positions/{id}",             kSignedIn, use(h::GetPosition)});
  router.Add({"POST", "/api/v1/staffing/positions/{id}/agreements",  kSignedIn, use(h::CreateAgreement)});
  router.Add({"PUT",  "/api/v1/staffing/agreements/{id}",            kSignedIn, use(h::UpdateAgreement)});
  router.Add({"GET",  "/api/v1/staffing/agreements/{id}/document.pdf", kSignedIn, use(h::GetAgreementDocument)});
  router.Add({"POST", "/api/v1/staffing/agreements/{id}/signatures", kSignedIn, use(h::SignAgreement)});
  router.Add({"POST", "/api/v1/staffing/agreements/{id}/end",        kSignedIn, use(h::EndAgreement)});
  router.Add({"GET",  "/api/v1/staffing/positions/{id}/time",        kSignedIn, use(h::GetPositionTime)});
  router.Add({"GET",  "/api/v1/me/positions",                        kSignedIn, use(h::ListMyPositions)});
  router.Add({"GET",  "/api/v1/me/positions/{id}/days",              kSignedIn, use(h::ListMyDays)});
  router.Add({"PUT",  "/api/v1/me/positions/{id}/days/{day}",        kSignedIn, use(h::RecordMyDay)});
  router.Add({"GET",  "/api/v1/staffing/positions/{id}/costs",       kSignedIn, use(h::GetPositionCosts)});
  router.Add({"PUT",  "/api/v1/staffing/positions/{id}/salary/{day}", kSignedIn, use(h::PutSalary)});
  router.Add({"PUT",  "/api/v1/staffing/positions/{id}/payroll/{month}", kSignedIn, use(h::PutPayroll)});
  router.Add({"GET",  "/api/v1/staffing/settings",                   kSignedIn, use(h::GetCarrierSettings)});
  router.Add({"PUT",  "/api/v1/staffing/settings/rates/{day}",       kSignedIn, use(h::PutCarrierRates)});
  router.Add({"PUT",  "/api/v1/staffing/settings/vat",               kSignedIn, use(h::PutVatSetting)});
  router.Add({"PUT",  "/api/v1/staffing/settings/distances/{site_a}/{site_b}", kSignedIn, use(h::PutSiteDistance)});
  router.Add({"POST", "/api/v1/staffing/agreements/{id}/statements", kSignedIn, use(h::IssueStatements)});
  router.Add({"GET",  "/api/v1/staffing/statements",                 kSignedIn, use(h::ListStatements)});
  router.Add({"GET",  "/api/v1/staffing/statements/{id}",            kSignedIn, use(h::GetStatement)});
  router.Add({"GET",  "/api/v1/staffing/statements/{id}/document.pdf", kSignedIn, use(h::GetStatementPdf)});
  router.Add({"GET",  "/api/v1/staffing/statements/{id}/document.xlsx", kSignedIn, use(h::GetStatementXlsx)});
  router.Add({"POST", "/api/v1/staffing/statements/{id}/corrections", kSignedIn, use(h::CorrectStatement)});
  router.Add({"PUT",  "/api/v1/staffing/settings/opening-hours",     kSignedIn, use(h::PutOpeningHours)});
  router.Add({"GET",  "/api/v1/staffing/positions/{id}/plan-rules",  kSignedIn, use(h::GetPlanRules)});
  router.Add({"PUT",  "/api/v1/staffing/positions/{id}/plan-rules",  kSignedIn, use(h::PutPlanRules)});
  router.Add({"POST", "/api/v1/staffing/positions/{id}/plans",       kSignedIn, use(h::RequestPlan)});
  router.Add({"GET",  "/api/v1/staffing/positions/{id}/plan",        kSignedIn, use(h::GetPositionPlan)});
  router.Add({"GET",  "/api/v1/staffing/plans/{id}",                 kSignedIn, use(h::GetPlanRun)});
  router.Add({"GET",  "/api/v1/me/plan",                             kSignedIn, use(h::GetMyPlan)});
  router.Add({"GET",  "/api/v1/collectives/{id}/staffing/positions", kSignedIn, use(h::GetCollectivePositions)});
  // clang-format on
}

}  // namespace ensemble::http
