// The surveys module's API handlers: questionnaires (an XLSForm uploaded as the request's body,
// the XForm downloaded) and their answers (each structure's own). Each parses its input, calls one
// use case, and shapes the answer; who may is decided in the use case.
#pragma once

#include "app/surveys/surveys_use_cases.h"
#include "http/api/router.h"

namespace ensemble::http {

// Adds the surveys module's routes (routes.cc beside this file).
void RegisterSurveysRoutes(Router& router, app::SurveysUseCases& surveys);

namespace handlers {

Result<Response> ListForms(app::SurveysUseCases& app, RouteContext& context);
Result<Response> CreateForm(app::SurveysUseCases& app, RouteContext& context);
Result<Response> GetForm(app::SurveysUseCases& app, RouteContext& context);
Result<Response> GetXForm(app::SurveysUseCases& app, RouteContext& context);
Result<Response> Submit(app::SurveysUseCases& app, RouteContext& context);
Result<Response> ListSubmissions(app::SurveysUseCases& app, RouteContext& context);
Result<Response> GetSubmissionFile(app::SurveysUseCases& app, RouteContext& context);

}  // namespace handlers
}  // namespace ensemble::http
