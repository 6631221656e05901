// The surveys module's API handlers: questionnaires (an XLSForm uploaded as the request's body,
// the XForm downloaded) and their answers (each structure's own). Each parses its input, calls one
// use case, and shapes the answer; who may is decided in the use case.
#pragma once

#include "app/surveys/surveys_use_cases.h"
#include "http/api/router.h"

namespace ensemble::http {

// Adds the surveys module's routes (routes.cc beside this file).
void RegisterSurveysRoutes(Router& router, app::SurveysUseCases& surveys,
                           const RouterOptions& options);

namespace handlers {

Result<Response> ListForms(app::SurveysUseCases& app, RouteContext& context);
Result<Response> CreateForm(app::SurveysUseCases& app, RouteContext& context);
Result<Response> GetForm(app::SurveysUseCases& app, RouteContext& context);
Result<Response> GetXForm(app::SurveysUseCases& app, RouteContext& context);
Result<Response> SetFormState(app::SurveysUseCases& app, RouteContext& context);
// A closed questionnaire's results across its collecting structures (results_handlers.cc).
Result<Response> ExportReportPdf(app::SurveysUseCases& app, RouteContext& context);
Result<Response> GetResults(app::SurveysUseCases& app, RouteContext& context);
Result<Response> GetCrossResults(app::SurveysUseCases& app, RouteContext& context);
Result<Response> ExportCrossCsv(app::SurveysUseCases& app, RouteContext& context);
Result<Response> ExportCrossXlsx(app::SurveysUseCases& app, RouteContext& context);
// A file the surveys module made (answers, results, a cross table), in the reader's language.
Response ExportResponse(app::AnswersFile file, app::AnswersFormat format);
// The same as files: CSV (one long table) and XLSX (a sheet per table) (submission_handlers.cc).
Result<Response> ExportResultsCsv(app::SurveysUseCases& app, RouteContext& context);
Result<Response> ExportResultsXlsx(app::SurveysUseCases& app, RouteContext& context);
Result<Response> Submit(app::SurveysUseCases& app, RouteContext& context);
Result<Response> ListSubmissions(app::SurveysUseCases& app, RouteContext& context);
// The acting structure's answers as CSV (the submissions) or XLSX (a sheet per repeat too).
Result<Response> ExportAnswersCsv(app::SurveysUseCases& app, RouteContext& context);
Result<Response> ExportAnswersXlsx(app::SurveysUseCases& app, RouteContext& context);
// The acting structure's key for an encrypted questionnaire, and its answers decrypted.
Result<Response> CreateFormKey(app::SurveysUseCases& app, RouteContext& context);
Result<Response> ResetFormKeyPassphrase(app::SurveysUseCases& app, RouteContext& context);
Result<Response> ExportDecryptedCsv(app::SurveysUseCases& app, RouteContext& context);
Result<Response> ExportDecryptedXlsx(app::SurveysUseCases& app, RouteContext& context);
Result<Response> RequestAnswersExport(app::SurveysUseCases& app, RouteContext& context);
Result<Response> GetAnswersExport(app::SurveysUseCases& app, RouteContext& context);
Result<Response> DownloadAnswersExport(app::SurveysUseCases& app, RouteContext& context);
// The current version written back as an XLSForm, for its authors.
Result<Response> ExportXlsFormXlsx(app::SurveysUseCases& app, RouteContext& context);
Result<Response> ExportXlsFormCsv(app::SurveysUseCases& app, RouteContext& context);
Result<Response> GetSubmissionFile(app::SurveysUseCases& app, RouteContext& context);
// A submission's body, as our pages and OpenRosa clients send it: text/xml, or multipart/form-data
// with the part xml_submission_file and the files.
Result<app::SubmissionUpload> SubmissionUploadOf(const Request& request);

// Devices collecting with ODK Collect.
Result<Response> CreateCollector(app::SurveysUseCases& app, const RouterOptions& options,
                                 RouteContext& context);
Result<Response> ListCollectors(app::SurveysUseCases& app, RouteContext& context);
Result<Response> RevokeCollector(app::SurveysUseCases& app, RouteContext& context);

// OpenRosa (https://docs.getodk.org/openrosa/), under /openrosa/{token}: the form list, a
// form's download, HEAD and POST of a submission. Every answer, refusals included, is an
// OpenRosa XML document with the X-OpenRosa-Version header, as ODK Collect expects.
Result<Response> OpenRosaFormList(app::SurveysUseCases& app, const RouterOptions& options,
                                  RouteContext& context);
Result<Response> OpenRosaForm(app::SurveysUseCases& app, RouteContext& context);
Result<Response> OpenRosaSubmissionHead(app::SurveysUseCases& app, const RouterOptions& options,
                                        RouteContext& context);
Result<Response> OpenRosaSubmit(app::SurveysUseCases& app, RouteContext& context);

}  // namespace handlers
}  // namespace ensemble::http
