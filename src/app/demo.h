// The Roubaix demo network of PRODUCT.md: structures, collectives, people, roles, sharing and
// each module's records about them. Fictional people only. Each module loads its part with one
// line in demo.cc, after the modules it refers to, through its own store, so that every page has
// something true to show.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/app.h"
#include "storage/database.h"

namespace ensemble::app {

inline constexpr std::string_view kDemoPassword = "ensemble-demo-2026";

struct DemoSignIn {
  std::string email;
  std::string who;  // "Claire Dumont — direction, Centre social Alma"
};

// What the modules loaded so far: the keys later modules refer to.
struct DemoNetwork {
  UnixMillis now = 0;
  std::string password_hash;                                 // every demo person's
  std::map<std::string, tenancy::StructureId> structures;    // by key: "alma", "iciela", ...
  std::map<std::string, tenancy::PersonId> people;           // by e-mail
  std::map<std::string, tenancy::CollectiveId> collectives;  // by name
  std::vector<DemoSignIn> sign_ins;
};

// Each module's part (app/<module>/demo.cc).
Status LoadTenancyDemo(storage::Transaction& tx, DemoNetwork& demo);
Status LoadStaffingDemo(storage::Transaction& tx, DemoNetwork& demo);
Status LoadSurveysDemo(storage::Transaction& tx, DemoNetwork& demo);

// Loads the network into an empty, migrated database, in one transaction. Refuses a database
// that has structures.
Result<std::vector<DemoSignIn>> LoadDemoNetwork(App& app);

}  // namespace ensemble::app
