#include "storage/sql/database.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace ensemble::storage {

Value Nullable(const std::optional<std::int64_t>& value) {
  if (value) return *value;
  return std::monostate{};
}

Value Nullable(const std::optional<std::string>& value) {
  if (value) return *value;
  return std::monostate{};
}

bool Row::IsNull(std::size_t column) const {
  return std::holds_alternative<std::monostate>(values_.at(column));
}

std::int64_t Row::Int(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* real = std::get_if<double>(&value)) return static_cast<std::int64_t>(*real);
  if (const auto* text = std::get_if<std::string>(&value)) return std::stoll(*text);
  return 0;
}

double Row::Real(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  return 0.0;
}

std::string Row::Text(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  return {};
}

std::optional<std::int64_t> Row::OptionalInt(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::optional<std::string> Row::OptionalText(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

Result<std::optional<Row>> Connection::QueryOne(std::string_view sql,
                                                std::span<const Value> params) {
  auto rows = ENSEMBLE_TRY(Query(sql, params));
  if (rows.empty()) return std::optional<Row>{};
  return std::optional<Row>(std::move(rows.front()));
}

bool IsRetryable(TransactionMode mode, const Error& error) {
  if (mode == TransactionMode::kQueue) return false;
  return error.storage.kind == StorageFailure::kSerializationFailure ||
         error.storage.kind == StorageFailure::kDeadlock;
}

void BackOffBeforeRetry(int attempt) {
  constexpr int kFirstMicros = 1'000;
  constexpr int kMaxMicros = 50'000;
  const int cap = std::min(kMaxMicros, kFirstMicros << std::min(attempt, 10));
  thread_local std::minstd_rand random{std::random_device{}()};
  std::uniform_int_distribution<int> micros(0, cap);
  std::this_thread::sleep_for(std::chrono::microseconds(micros(random)));
}

Error ConflictAfterRetries(Error last) {
  Error error;
  error.code = ErrorCode::kConflict;
  error.message = Message{"core.storage.conflict_retries", {{"attempts", kTransactionAttempts}}};
  error.context = "transaction given up after " + std::to_string(kTransactionAttempts) +
                  " attempts: " + last.context;
  error.storage = std::move(last.storage);
  return error;
}

}  // namespace ensemble::storage
