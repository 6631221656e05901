// Errors as values. Every fallible function returns Result<T>; the code tells the caller what
// to do (retry, fix the input, sign in), the message is for people (an id of the catalogues and
// its parameters, rendered in the reader's language by i18n/), the field names the input at
// fault. The HTTP status is chosen from the code in one place: http/error_mapping.cc.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

#include "core/message.h"

namespace ensemble {

enum class ErrorCode {
  kInvalidArgument,   // The input is malformed or breaks a rule; fix it and send again.
  kNotFound,          // No such record, or one the acting person may not know exists.
  kAlreadyExists,     // A unique value is taken.
  kConflict,          // The record changed under you, or the state forbids the change.
  kPermissionDenied,  // Signed in, but this hat may not do this.
  kUnauthenticated,   // Not signed in, or the session expired.
  kCsrfFailed,        // The request did not prove it came from our own pages.
  kTooManyRequests,   // Throttled; wait and retry.
  kPayloadTooLarge,   // The body is over the limit.
  kUnsupportedMedia,  // Not JSON where JSON is expected.
  kMethodNotAllowed,  // The path exists, the method does not.
  kUnavailable,       // A dependency is down; retrying later may succeed.
  kInternal,          // A bug or a broken invariant; nothing the caller can fix.
};

std::string_view ToString(ErrorCode code);

// Which rule the database refused, so that a use case can tell a taken SIRET from a taken e-mail
// without guessing from the code alone. The code still decides what the caller does.
enum class StorageFailure {
  kNone,                  // Not a database failure.
  kUniqueViolation,       // A UNIQUE or PRIMARY KEY constraint.
  kForeignKeyViolation,   // A referenced row is missing, or a referencing row remains.
  kCheckViolation,        // A CHECK constraint.
  kNotNullViolation,      // A NOT NULL column left empty.
  kSerializationFailure,  // The snapshot went stale under a concurrent write; retry it all.
  kDeadlock,              // The server chose this transaction to break a deadlock; retry it.
  kLockTimeout,           // A lock stayed taken longer than the busy or lock timeout.
  kOther,                 // Any other database failure.
};

struct StorageCause {
  StorageFailure kind = StorageFailure::kNone;
  // The rule's name, the same on both backends where they can agree: "table.column" for a
  // one-column UNIQUE (SQLite's own words, and PostgreSQL's "<table>_<column>_key" rewritten)
  // and for NOT NULL; the name of a named CHECK. Where the backends cannot agree, each says its
  // own: an unnamed CHECK is its expression on SQLite and "<table>_<column>_check" on
  // PostgreSQL; a foreign key is PostgreSQL's "<table>_<column>_fkey" and empty on SQLite, which
  // never names it.
  std::string constraint;
  // PostgreSQL's SQLSTATE as the server gave it ("23505"); for SQLite, the extended result
  // code's name ("SQLITE_CONSTRAINT_UNIQUE").
  std::string sqlstate;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  Message message;
  std::string field;    // The offending input field, empty when none.
  std::string context;  // What was being done, added on the way up ("loading structure 12").
  // For kTooManyRequests and kUnavailable: how long to wait before trying again (the
  // Retry-After header).
  std::int64_t retry_after_seconds = 0;
  // Set by the storage backends only; kNone everywhere else.
  StorageCause storage = {};

  // Prepends what the caller was doing, so the log line reads from outermost to innermost.
  Error WithContext(std::string_view what) &&;
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(ErrorCode code, Message message, std::string field = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(field), {}});
}

// A broken invariant or a library that failed: people read "internal error"
// (core.internal); what happened, for the log, stays in English in the context.
inline std::unexpected<Error> Internal(std::string detail, std::string field = {}) {
  return std::unexpected(
      Error{ErrorCode::kInternal, Message{"core.internal"}, std::move(field), std::move(detail)});
}

// A dependency that is down or out of resources: people read "try again later"
// (core.unavailable); the detail stays in English in the context.
inline std::unexpected<Error> Unavailable(std::string detail, std::string field = {}) {
  return std::unexpected(Error{ErrorCode::kUnavailable, Message{"core.unavailable"},
                               std::move(field), std::move(detail)});
}

inline Status Ok() { return {}; }

}  // namespace ensemble

// Returns the error of a failed Result from the enclosing function; yields the value otherwise.
// A GCC statement expression (marked __extension__ for -Wpedantic): GCC and clang take it.
#define ENSEMBLE_CONCAT_INNER(a, b) a##b
#define ENSEMBLE_CONCAT(a, b) ENSEMBLE_CONCAT_INNER(a, b)
// Each expansion gets its own variable name, so nested uses do not shadow each other.
#define ENSEMBLE_TRY(expr) ENSEMBLE_TRY_NAMED(expr, ENSEMBLE_CONCAT(ensemble_try_, __COUNTER__))
#define ENSEMBLE_TRY_NAMED(expr, name)                 \
  __extension__({                                      \
    auto&& name = (expr);                              \
    if (!name) {                                       \
      return std::unexpected(std::move(name).error()); \
    }                                                  \
    std::move(name).value();                           \
  })

#define ENSEMBLE_TRY_STATUS(expr)                                      \
  do {                                                                 \
    auto&& ensemble_try_status_ = (expr);                              \
    if (!ensemble_try_status_) {                                       \
      return std::unexpected(std::move(ensemble_try_status_).error()); \
    }                                                                  \
  } while (false)
