#include "tests/notifications/test_people.h"

#include "components/mail/mail_queue.h"
#include "jobs/mail/send_mail.h"

namespace ensemble::notifications::testing {

void BackendTest::SetUp() {
  auto created = test_support::TestDatabase::Create(GetParam());
  ASSERT_TRUE(created.has_value()) << created.error().message << " " << created.error().context;
  database_ = std::move(*created);
  ASSERT_TRUE(kinds_.Declare({"file_shared", Channel::kInApp, "Dossier partage", "File shared"}));
  ASSERT_TRUE(
      kinds_.Declare({"deadline_soon", Channel::kDailyDigest, "Echeance proche", "Deadline soon"}));
  ASSERT_TRUE(kinds_.Declare(
      {"referral_received", Channel::kEmailNow, "Orientation recue", "Referral received"}));
}

tenancy::PersonId BackendTest::AddPerson(const std::string& name, const std::string& email) {
  return db()
      .InTransaction(storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
                     [&](storage::Transaction& tx) {
                       return tx.Tenancy().InsertPerson({0, name, email, false}, "x", kStart);
                     })
      .value();
}

tenancy::StructureId BackendTest::AddStructure(const std::string& name) {
  tenancy::Structure structure;
  structure.name = name;
  return db()
      .InTransaction(
          storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
          [&](storage::Transaction& tx) { return tx.Tenancy().InsertStructure(structure, 1); })
      .value();
}

storage::Job BackendTest::FindJob(storage::JobId id) {
  return db()
      .InTransaction(storage::TransactionMode::kRead, storage::Scope::WholeDatabase(),
                     [&](storage::Transaction& tx) { return tx.Jobs().FindJob(id); })
      .value()
      .value();
}

std::int64_t BackendTest::CountJobs(const std::string& kind) {
  return db()
      .InTransaction(storage::TransactionMode::kRead, storage::Scope::WholeDatabase(),
                     [&](storage::Transaction& tx) { return tx.Jobs().CountQueuedJobs(kind); })
      .value();
}

std::vector<storage::JobId> BackendTest::JobIds(const std::string& kind) {
  return db()
      .InTransaction(storage::TransactionMode::kRead, storage::Scope::WholeDatabase(),
                     [&](storage::Transaction& tx) -> Result<std::vector<storage::JobId>> {
                       const auto rows = ENSEMBLE_TRY(storage::RawSql(tx).Query(
                           "SELECT id FROM jobs WHERE kind = ? ORDER BY id", {kind}));
                       std::vector<storage::JobId> ids;
                       for (const auto& row : rows) ids.push_back(row.Int(0));
                       return ids;
                     })
      .value();
}

std::unique_ptr<jobs::JobRunner> BackendTest::Runner(mail::Mailer* mailer) {
  jobs::JobRunnerOptions options;
  options.worker_name = "worker-1";
  options.lease = 60'000;
  options.retry_delay = 10'000;
  auto runner = std::make_unique<jobs::JobRunner>(db(), clock_, options);
  runner->Register(std::string(mail::kMailJobKind), jobs::SendMailHandler(db(), clock_, mailer));
  return runner;
}

mail::SmtpOptions BackendTest::SinkOptions(std::uint16_t port) {
  mail::SmtpOptions options;
  options.host = "127.0.0.1";
  options.port = port;
  options.security = mail::SmtpSecurity::kNone;
  options.timeout = std::chrono::milliseconds(10'000);
  return options;
}

}  // namespace ensemble::notifications::testing
