// The audit log's hash chains. Each owner structure's lines form one chain, and the lines that no
// structure owns (sign-ins, sign-outs, platform administration) form one more, chain 0. A sealed
// line carries its sequence number in its chain and
//
//   hash = SHA-256(previous hash ‖ CanonicalAuditLine(line))
//
// where the previous hash is the raw 32 bytes of the line before it (32 zero bytes for the
// first line of a chain, or the checkpoint's hash once a purge removed the lines before), and
// the canonical encoding is a versioned, length-prefixed list of the line's stored fields, the
// same bytes on both backends. Hashes are stored as 64 lower-case hex digits.
//
// Lines are appended unsealed and sealed afterwards by the sealing job (jobs/audit_sealing.h)
// rather than by the transaction that writes them: a read of personal data writes a line, and
// sealing it inline would make every such read of one structure wait for the head of that
// structure's chain. Only sealers wait for each other (an advisory lock on PostgreSQL; the
// single writer on SQLite), and the unique index on (chain, sequence) refuses a second seal of
// the same place should two ever race. A sealer takes every unsealed line, oldest id first: on
// PostgreSQL concurrent transactions commit their lines out of id order, and a line committed
// after a later one was sealed is sealed next, after its chain's head; verification follows the
// sequence, so the chain stays whole.
//
// A purge (retention) removes the oldest lines of a chain and keeps, in audit_checkpoints, the
// sequence number and hash of the last one it removed, so the rest still verifies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "domain/audit/audit_line.h"

namespace ensemble::storage {

using audit::AuditEntry;

// The chain a line belongs to: its owner structure, 0 when none owns it.
std::int64_t ChainOf(const AuditEntry& entry);

// The bytes a line's hash covers after the previous hash.
std::string CanonicalAuditLine(const AuditEntry& entry, std::int64_t chain, std::int64_t seq);

// hex(SHA-256(unhex(previous_hash) ‖ canonical)).
std::string ChainHash(const std::string& previous_hash, const std::string& canonical);

// The hash before a chain's first line: 64 zeros.
const std::string& GenesisHash();

struct ChainReport {
  std::int64_t chain = 0;           // structure id, 0 for the lines no structure owns
  std::string chain_name;           // the structure's name, "" for chain 0
  std::int64_t checkpoint_seq = 0;  // lines up to this one were purged (0: none)
  std::int64_t lines = 0;           // sealed lines checked
  std::int64_t last_seq = 0;
};

struct BrokenLine {
  std::int64_t chain = 0;
  std::int64_t id = 0;
  std::int64_t seq = 0;
  std::string reason;
};

struct VerifyReport {
  std::vector<ChainReport> chains;
  std::int64_t unsealed = 0;         // lines not sealed yet, not checked
  std::optional<BrokenLine> broken;  // the first broken line met, which ends the verification
};

struct PurgeReport {
  std::int64_t chains = 0;  // chains that lost lines
  std::int64_t lines = 0;   // lines removed
};

// `months` calendar months before the UTC day of `now`, at midnight UTC (a day that the earlier
// month lacks becomes its last day: 31 March less one month is 28 or 29 February).
UnixMillis MonthsBefore(UnixMillis now, int months);

}  // namespace ensemble::storage
