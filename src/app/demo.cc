#include "app/demo.h"

#include "app/passwords.h"

namespace ensemble::app {

Result<std::vector<DemoSignIn>> LoadDemoNetwork(App& app) {
  DemoNetwork demo;
  demo.now = app.clock().Now();
  demo.password_hash = ENSEMBLE_TRY(HashPassword(kDemoPassword, app.options().password_cost));
  return app.database().InTransaction(
      storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
      [&](storage::Transaction& tx) -> Result<std::vector<DemoSignIn>> {
        // One line per module, in dependency order.
        ENSEMBLE_TRY_STATUS(LoadTenancyDemo(tx, demo));
        ENSEMBLE_TRY_STATUS(LoadStaffingDemo(tx, demo));
        ENSEMBLE_TRY_STATUS(LoadSurveysDemo(tx, demo));
        return demo.sign_ins;
      });
}

}  // namespace ensemble::app
