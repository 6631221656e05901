// What a use case gets: a transaction that offers each module's typed store and no SQL. This
// header is the storage layer's registry: a module's store joins with one accessor here.
//
// Thread-safety: a Transaction belongs to the thread that began it.
#pragma once

#include <string_view>
#include <utility>

#include "storage/audit/audit_store.h"
#include "storage/calendar/calendar_store.h"
#include "storage/jobs/job_store.h"
#include "storage/notifications/notification_store.h"
#include "storage/sql/database.h"
#include "storage/staffing/staffing_store.h"
#include "storage/surveys/surveys_store.h"
#include "storage/tenancy/session_store.h"
#include "storage/tenancy/tenancy_store.h"

namespace ensemble::storage {

class Transaction {
 public:
  explicit Transaction(SqlTransaction& sql) : sql_(sql) {}

  // One line per module.
  TenancyStore Tenancy() { return TenancyStore(sql_); }
  SessionStore Sessions() { return SessionStore(sql_); }
  AuditStore Audit() { return AuditStore(sql_); }
  JobStore Jobs() { return JobStore(sql_); }
  NotificationStore Notifications() { return NotificationStore(sql_); }
  CalendarStore Calendar() { return CalendarStore(sql_); }
  StaffingStore Staffing() { return StaffingStore(sql_); }
  SurveysStore Surveys() { return SurveysStore(sql_); }

  std::string_view Dialect() const { return sql_.Dialect(); }

 private:
  friend SqlTransaction& RawSql(Transaction& tx);
  SqlTransaction& sql_;
};

// The SQL under a typed transaction, for storage/ and the tests only (the layering test refuses
// it anywhere else).
inline SqlTransaction& RawSql(Transaction& tx) { return tx.sql_; }
inline SqlTransaction& RawSql(SqlTransaction& tx) { return tx; }

template <typename Work>
auto Database::InTransaction(TransactionMode mode, Scope scope, Work&& work)
    -> decltype(work(std::declval<Transaction&>())) {
  return InSqlTransaction(mode, scope, [&](SqlTransaction& sql) {
    Transaction tx(sql);
    return work(tx);
  });
}

}  // namespace ensemble::storage
