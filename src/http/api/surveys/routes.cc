// The surveys module's routes: the JSON API, and OpenRosa for ODK Collect. docs/openapi.json
// describes the same table; a test checks that they agree.
#include "http/api/surveys/handlers.h"

namespace ensemble::http {

void RegisterSurveysRoutes(Router& router, app::SurveysUseCases& surveys,
                           const RouterOptions& options) {
  namespace h = handlers;
  auto use = [&surveys](auto handler) {
    return [&surveys, handler](RouteContext& context) { return handler(surveys, context); };
  };
  auto with_options = [&surveys, options](auto handler) {
    return [&surveys, options, handler](RouteContext& context) {
      return handler(surveys, options, context);
    };
  };
  constexpr Access kSignedIn = Access::kSignedIn;
  constexpr Access kSecretPath = Access::kSecretPath;
  constexpr bool kUpload = true;

  // clang-format off
  router.Add({"GET",  "/api/v1/surveys/forms",            kSignedIn, use(h::ListForms)});
  router.Add({"POST", "/api/v1/surveys/forms",            kSignedIn, use(h::CreateForm), kUpload});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}",       kSignedIn, use(h::GetForm)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/xform", kSignedIn, use(h::GetXForm)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/xlsform.xlsx", kSignedIn, use(h::ExportXlsFormXlsx)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/xlsform.csv", kSignedIn, use(h::ExportXlsFormCsv)});
  router.Add({"POST", "/api/v1/surveys/forms/{id}/key", kSignedIn, use(h::CreateFormKey)});
  router.Add({"PUT",  "/api/v1/surveys/forms/{id}/key/passphrase", kSignedIn, use(h::ResetFormKeyPassphrase)});
  router.Add({"PUT",  "/api/v1/surveys/forms/{id}/state", kSignedIn, use(h::SetFormState)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/results", kSignedIn, use(h::GetResults)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/crosstab", kSignedIn, use(h::GetCrossResults)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/crosstab.csv", kSignedIn, use(h::ExportCrossCsv)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/crosstab.xlsx", kSignedIn, use(h::ExportCrossXlsx)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/results.csv", kSignedIn, use(h::ExportResultsCsv)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/results.xlsx", kSignedIn, use(h::ExportResultsXlsx)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/report.pdf", kSignedIn, use(h::ExportReportPdf)});
  router.Add({"POST", "/api/v1/surveys/forms/{id}/submissions", kSignedIn, use(h::Submit), kUpload});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/submissions", kSignedIn, use(h::ListSubmissions)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/submissions.csv", kSignedIn, use(h::ExportAnswersCsv)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/submissions.xlsx", kSignedIn, use(h::ExportAnswersXlsx)});
  router.Add({"POST", "/api/v1/surveys/forms/{id}/submissions/decrypted.csv", kSignedIn, use(h::ExportDecryptedCsv)});
  router.Add({"POST", "/api/v1/surveys/forms/{id}/submissions/decrypted.xlsx", kSignedIn, use(h::ExportDecryptedXlsx)});
  router.Add({"POST", "/api/v1/surveys/forms/{id}/exports", kSignedIn, use(h::RequestAnswersExport)});
  router.Add({"GET",  "/api/v1/surveys/exports/{id}", kSignedIn, use(h::GetAnswersExport)});
  router.Add({"GET",  "/api/v1/surveys/exports/{id}/file", kSignedIn, use(h::DownloadAnswersExport)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/submissions/{submission_id}/files/{name}",
              kSignedIn, use(h::GetSubmissionFile)});
  router.Add({"POST",   "/api/v1/surveys/collectors",      kSignedIn, with_options(h::CreateCollector)});
  router.Add({"GET",    "/api/v1/surveys/collectors",      kSignedIn, use(h::ListCollectors)});
  router.Add({"DELETE", "/api/v1/surveys/collectors/{id}", kSignedIn, use(h::RevokeCollector)});
  // ODK Collect, with a collector's secret as its server URL.
  router.Add({"GET",  "/openrosa/{token}/formList",           kSecretPath, with_options(h::OpenRosaFormList)});
  router.Add({"GET",  "/openrosa/{token}/forms/{id}/form.xml", kSecretPath, use(h::OpenRosaForm)});
  router.Add({"HEAD", "/openrosa/{token}/submission",         kSecretPath, with_options(h::OpenRosaSubmissionHead)});
  router.Add({"POST", "/openrosa/{token}/submission",         kSecretPath, use(h::OpenRosaSubmit), kUpload});
  // clang-format on
}

}  // namespace ensemble::http
