// Copies a whole SQLite database into an empty PostgreSQL one (`ensemble copy`), so that a
// collective that outgrows its embedded file moves without re-entering anything. Both sides
// must be migrated to the same schema version first. The copy runs in one target transaction:
// it lands whole or not at all. Afterwards each table's row count and an order-independent
// checksum of its rows are compared between the two sides. Rows are read a page at a time and
// written in multi-row INSERTs, so memory stays flat whatever the size of the audit log (only a
// table that refers to itself, the structures, is held whole to order parents first).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"
#include "storage/database.h"

namespace ensemble::storage {

struct TableCopy {
  std::string table;
  std::int64_t rows = 0;
  std::uint64_t checksum = 0;  // the same on both sides, or the copy fails
};

// Called after each batch of rows: the table, rows copied so far, rows in that table.
using CopyProgress =
    std::function<void(const std::string& table, std::int64_t done, std::int64_t total)>;

// Refuses (kFailedPrecondition-like kConflict) a target holding any row, a source or target
// of another schema version, and a target that is not PostgreSQL.
Result<std::vector<TableCopy>> CopySqliteToPostgres(Database& source, Database& target,
                                                    const CopyProgress& progress);

}  // namespace ensemble::storage
