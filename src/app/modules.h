// The app layer's registry: one use-case object per module, all over one App. A module joins
// with one member here.
#pragma once

#include "app/app.h"
#include "app/tenancy/tenancy_use_cases.h"

namespace ensemble::app {

struct Modules {
  explicit Modules(App& app) : tenancy(app) {}

  TenancyUseCases tenancy;
};

}  // namespace ensemble::app
