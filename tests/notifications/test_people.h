// What the notification tests share: a database on the backend under test, people in it, the
// job runner with the SMTP mailer aimed at a sink, and a kind registry of their own.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "components/mail/smtp_mailer.h"
#include "components/notifications/notification_kinds.h"
#include "core/clock.h"
#include "jobs/job_runner.h"
#include "storage/database.h"
#include "tests/support/test_database.h"

namespace ensemble::notifications::testing {

inline constexpr UnixMillis kStart = 1'790'000'000'000;

class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;

  storage::Database& db() { return database_->db(); }
  tenancy::PersonId AddPerson(const std::string& name, const std::string& email);
  tenancy::StructureId AddStructure(const std::string& name);
  storage::Job FindJob(storage::JobId id);
  std::int64_t CountJobs(const std::string& kind);
  // Every job of the kind, in id order, whatever its state.
  std::vector<storage::JobId> JobIds(const std::string& kind);
  // A runner with short delays over the test's clock; `mailer` may be null.
  std::unique_ptr<jobs::JobRunner> Runner(mail::Mailer* mailer);
  static mail::SmtpOptions SinkOptions(std::uint16_t port);

  FakeClock clock_{kStart};
  NotificationKindRegistry kinds_;
  std::unique_ptr<test_support::TestDatabase> database_;
};

}  // namespace ensemble::notifications::testing
