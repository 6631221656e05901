// The surveys module's routes. docs/openapi.json describes the same table; a test checks that
// they agree.
#include "http/api/surveys/handlers.h"

namespace ensemble::http {

void RegisterSurveysRoutes(Router& router, app::SurveysUseCases& surveys) {
  namespace h = handlers;
  auto use = [&surveys](auto handler) {
    return [&surveys, handler](RouteContext& context) { return handler(surveys, context); };
  };
  constexpr Access kSignedIn = Access::kSignedIn;
  constexpr bool kUpload = true;

  // clang-format off
  router.Add({"GET",  "/api/v1/surveys/forms",            kSignedIn, use(h::ListForms)});
  router.Add({"POST", "/api/v1/surveys/forms",            kSignedIn, use(h::CreateForm), kUpload});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}",       kSignedIn, use(h::GetForm)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/xform", kSignedIn, use(h::GetXForm)});
  router.Add({"POST", "/api/v1/surveys/forms/{id}/submissions", kSignedIn, use(h::Submit), kUpload});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/submissions", kSignedIn, use(h::ListSubmissions)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/submissions/{submission_id}/files/{name}",
              kSignedIn, use(h::GetSubmissionFile)});
  // clang-format on
}

}  // namespace ensemble::http
