// The audit log seen by people: a structure's export, a person's own account activity, and the
// platform administrator's view of sign-ins. The structure's paged log is ReadAuditLog
// (structure_use_cases.cc).
#include "app/tenancy/tenancy_use_cases.h"

namespace ensemble::app {
namespace {

using storage::TransactionMode;
using tenancy::Action;

}  // namespace

std::vector<audit::AuditParam> TenancyUseCases::FilterParams(const audit::AuditFilter& filter) {
  std::vector<audit::AuditParam> params;
  if (!filter.action.empty()) params.push_back({"action", filter.action});
  if (filter.person_id) params.push_back({"person_id", *filter.person_id});
  if (filter.from) params.push_back({"from", *filter.from});
  if (filter.to) params.push_back({"to", *filter.to});
  if (filter.hide_reads_of) params.push_back({"hide_own_reads", std::int64_t{1}});
  return params;
}

Result<std::vector<audit::AuditEntry>> TenancyUseCases::ExportAuditLog(const Actor& actor,
                                                                       audit::AuditFilter filter) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<audit::AuditEntry>> {
        // The same decision as the paged log: the same answers.
        tenancy::Target target;
        target.exists = ENSEMBLE_TRY(tx.Tenancy().FindStructure(filter.owner)).has_value();
        target.owner = filter.owner;
        ENSEMBLE_TRY_STATUS(
            gate.Check(Action::kReadAuditLog, target, std::to_string(filter.owner)));
        std::vector<audit::AuditEntry> lines;
        constexpr std::int64_t kPage = 1000;
        for (std::int64_t offset = 0; offset < kMaxAuditExport; offset += kPage) {
          auto page = ENSEMBLE_TRY(tx.Audit().ListAudit(filter, {offset, kPage}));
          for (auto& line : page.items) lines.push_back(std::move(line));
          if (static_cast<std::int64_t>(lines.size()) >= page.total) break;
        }
        if (static_cast<std::int64_t>(lines.size()) > kMaxAuditExport) {
          lines.resize(static_cast<std::size_t>(kMaxAuditExport));
        }
        auto params = FilterParams(filter);
        params.push_back({"format", std::string("csv")});
        params.push_back({"count", static_cast<std::int64_t>(lines.size())});
        ENSEMBLE_TRY_STATUS(Audit(tx, actor, filter.owner, "export", "audit_log",
                                  std::to_string(filter.owner), {.params = std::move(params)}));
        return lines;
      });
}

Result<Page<audit::AuditEntry>> TenancyUseCases::ListMyAccountActivity(const Actor& actor,
                                                                       std::string action,
                                                                       PageRequest page) {
  // A person reading her own sign-ins reads nobody else's data: not audited, so that looking
  // at the page does not fill the list it shows.
  return DecidedIn(TransactionMode::kRead, storage::Scope::OwnPlatformLines(actor.person_id), actor,
                   [&](storage::Transaction& tx, Gate& gate) -> Result<Page<audit::AuditEntry>> {
                     ENSEMBLE_TRY_STATUS(gate.Check(tenancy::Action::kReadOwnActivity, {}, ""));
                     audit::AccountActivityFilter filter;
                     filter.person_id = actor.person_id;
                     filter.action = std::move(action);
                     return tx.Audit().ListAccountActivity(filter, page);
                   });
}

Result<Page<audit::AuditEntry>> TenancyUseCases::ListSignIns(
    const Actor& actor, const audit::AccountActivityFilter& filter, PageRequest page) {
  // Addresses and times of people's sign-ins are personal data: the read is logged, in the chain
  // no structure owns, in the same transaction.
  return DecidedIn(TransactionMode::kAuditedRead, storage::Scope::Platform(), actor,
                   [&](storage::Transaction& tx, Gate& gate) -> Result<Page<audit::AuditEntry>> {
                     ENSEMBLE_TRY_STATUS(gate.Check(Action::kReadPlatformSignIns, {}, ""));
                     auto lines = ENSEMBLE_TRY(tx.Audit().ListAccountActivity(filter, page));
                     std::vector<audit::AuditParam> params;
                     if (filter.person_id) params.push_back({"person_id", *filter.person_id});
                     if (!filter.action.empty()) params.push_back({"action", filter.action});
                     ENSEMBLE_TRY_STATUS(Audit(tx, actor, std::nullopt, "read", "sign_ins", "",
                                               {.params = std::move(params)}));
                     return lines;
                   });
}

}  // namespace ensemble::app
