// The demo network's people the HTTP suites sign in as (app/demo_network.cc), and their shared
// password.
#pragma once

namespace ensemble::testing_support::demo {

inline constexpr const char* kPassword = "ensemble-demo-2026";
inline constexpr const char* kAdmin = "admin@ensemble.example.org";
// Director of the Centre social Alma, whose records the refusal suites aim at.
inline constexpr const char* kClaire = "claire.dumont@alma.example.org";
// The multi-employer HR manager: one hat at Alma, one at the Association Iciela.
inline constexpr const char* kSophie = "sophie.lambert@rh.example.org";
// Director of the Centre social ECHO, a fellow member of « Bien Vieillir » with Alma.
inline constexpr const char* kMarc = "marc.lefebvre@echo.example.org";
// A funder: read-only viewer at the Département du Nord, in no collective.
inline constexpr const char* kAnne = "anne.deswarte@departement.example.org";

// The coordinator of « Bien Vieillir » at ECHO, who designs its questionnaires.
inline constexpr const char* kNadia = "nadia.benali@echo.example.org";
// Alma's referent in « Bien Vieillir », who collects the answers at Alma.
inline constexpr const char* kMartine = "martine.lemaire@alma.example.org";
// The federation's coordinator: a member of no collective Alma or ECHO belong to.
inline constexpr const char* kOlivier = "olivier.carpentier@federation.example.org";

}  // namespace ensemble::testing_support::demo
