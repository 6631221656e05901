// The Roubaix demo network of PRODUCT.md: structures, collectives, people, roles, sharing and
// a few personnel files. Fictional people only. Later capabilities add their demo data here,
// through the same repositories, so that every page has something true to show.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"

namespace ensemble::app {

inline constexpr std::string_view kDemoPassword = "ensemble-demo-2026";

struct DemoSignIn {
  std::string email;
  std::string who;  // "Claire Dumont — direction, Centre social Alma"
};

// Loads the network into an empty, migrated database. Refuses a database that has structures.
Result<std::vector<DemoSignIn>> LoadDemoNetwork(App& app);

}  // namespace ensemble::app
