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

  // clang-format off
  router.Add({"GET",  "/api/v1/surveys/forms",            kSignedIn, use(h::ListForms)});
  router.Add({"POST", "/api/v1/surveys/forms",            kSignedIn, use(h::CreateForm)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}",       kSignedIn, use(h::GetForm)});
  router.Add({"GET",  "/api/v1/surveys/forms/{id}/xform", kSignedIn, use(h::GetXForm)});
  // clang-format on
}

}  // namespace ensemble::http
