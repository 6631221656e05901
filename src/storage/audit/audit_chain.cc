#include "storage/audit/audit_chain.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <chrono>
#include <map>

#include "storage/audit/audit_store.h"

namespace ensemble::storage {
namespace {

// Sealers and purges wait for each other on PostgreSQL (writers that only append never take it).
// They run in READ COMMITTED (kQueue), so each statement after the lock sees the last seal.
// The key follows the backend's own ("ensembl" and a number: 01 retired, 02 migrations).
constexpr std::int64_t kAuditSealLock = 0x656e73656d626c03;
constexpr std::int64_t kVerifyPage = 1000;

constexpr const char* kLineColumns =
    "id, at, person_id, acting_structure_id, owner_structure_id, action, record_kind, record_id, "
    "params, changes, chain_seq, hash";

void Field(std::string& out, std::string_view name, const std::optional<std::int64_t>& value) {
  out += name;
  out += value ? fmt::format("=i{};", *value) : std::string("=n;");
}

void Field(std::string& out, std::string_view name, std::string_view value) {
  out += fmt::format("{}=s{}:", name, value.size());
  out += value;
  out += ';';
}

Status SerialiseSealers(Connection& db) {
  if (db.Dialect() == "postgresql") {
    ENSEMBLE_TRY(db.Query("SELECT pg_advisory_xact_lock(?)", {kAuditSealLock}));
  }
  return Ok();
}

struct Head {
  std::int64_t seq = 0;
  std::string hash;
};

Result<std::optional<Head>> Checkpoint(Connection& db, std::int64_t chain) {
  auto row = ENSEMBLE_TRY(
      db.QueryOne("SELECT last_seq, last_hash FROM audit_checkpoints WHERE chain = ?", {chain}));
  if (!row) return std::optional<Head>{};
  return std::optional(Head{row->Int(0), row->Text(1)});
}

// The last sealed line of a chain, else its checkpoint, else its start.
Result<Head> HeadOf(Connection& db, std::int64_t chain) {
  auto last = ENSEMBLE_TRY(db.QueryOne(
      "SELECT chain_seq, hash FROM audit_log WHERE coalesce(owner_structure_id, 0) = ? AND "
      "chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1",
      {chain}));
  if (last) return Head{last->Int(0), last->Text(1)};
  if (auto checkpoint = ENSEMBLE_TRY(Checkpoint(db, chain))) return *checkpoint;
  return Head{0, GenesisHash()};
}

bool FromHex(const std::string& hex, std::array<unsigned char, crypto_hash_sha256_BYTES>& bytes) {
  std::size_t written = 0;
  return hex.size() == 2 * bytes.size() &&
         sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &written,
                        nullptr) == 0 &&
         written == bytes.size();
}

}  // namespace

std::int64_t ChainOf(const AuditEntry& entry) { return entry.owner_structure_id.value_or(0); }

std::string CanonicalAuditLine(const AuditEntry& e, std::int64_t chain, std::int64_t seq) {
  std::string out = "ensemble-audit-line-v1;";
  Field(out, "chain", chain);
  Field(out, "seq", seq);
  Field(out, "id", e.id);
  Field(out, "at", e.at);
  Field(out, "person_id", e.person_id);
  Field(out, "acting_structure_id", e.acting_structure_id);
  Field(out, "owner_structure_id", e.owner_structure_id);
  Field(out, "action", e.action);
  Field(out, "record_kind", e.record_kind);
  Field(out, "record_id", e.record_id);
  Field(out, "params", e.params);
  Field(out, "changes", e.changes);
  return out;
}

std::string ChainHash(const std::string& previous_hash, const std::string& canonical) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> previous{};
  // A malformed previous hash (a tampered row) hashes as zeros: the result cannot match anyway.
  if (!FromHex(previous_hash, previous)) previous.fill(0);
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, previous.data(), previous.size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(canonical.data()),
                            canonical.size());
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::array<char, 2 * crypto_hash_sha256_BYTES + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), 2 * crypto_hash_sha256_BYTES);
}

const std::string& GenesisHash() {
  static const std::string kGenesis(2 * crypto_hash_sha256_BYTES, '0');
  return kGenesis;
}

Result<std::int64_t> AuditStore::SealAuditLines(std::int64_t limit) {
  ENSEMBLE_TRY_STATUS(SerialiseSealers(db_));
  const auto rows = ENSEMBLE_TRY(db_.Query(std::string("SELECT ") + kLineColumns +
                                               " FROM audit_log WHERE chain_seq IS NULL "
                                               "ORDER BY id LIMIT ?",
                                           {limit}));
  std::map<std::int64_t, Head> heads;
  for (const Row& row : rows) {
    const AuditEntry line = AuditLineOf(row);
    const std::int64_t chain = ChainOf(line);
    auto head = heads.find(chain);
    if (head == heads.end()) head = heads.emplace(chain, ENSEMBLE_TRY(HeadOf(db_, chain))).first;
    const std::int64_t seq = head->second.seq + 1;
    std::string hash = ChainHash(head->second.hash, CanonicalAuditLine(line, chain, seq));
    const auto sealed = ENSEMBLE_TRY(db_.Execute(
        "UPDATE audit_log SET chain_seq = ?, hash = ? WHERE id = ? AND chain_seq IS NULL",
        {seq, hash, line.id}));
    if (sealed != 1) {
      return std::unexpected(
          Error{ErrorCode::kConflict,
                Message{"core.audit.sealed_meanwhile"},
                {},
                fmt::format("audit line {} was sealed by another sealer meanwhile", line.id)});
    }
    head->second = Head{seq, std::move(hash)};
  }
  return static_cast<std::int64_t>(rows.size());
}

Result<VerifyReport> AuditStore::VerifyAuditChains() {
  VerifyReport report;
  const auto unsealed =
      ENSEMBLE_TRY(db_.QueryOne("SELECT count(*) FROM audit_log WHERE chain_seq IS NULL", {}));
  report.unsealed = unsealed ? unsealed->Int(0) : 0;
  const auto chains = ENSEMBLE_TRY(db_.Query(
      "SELECT coalesce(owner_structure_id, 0) AS chain FROM audit_log WHERE chain_seq IS NOT "
      "NULL UNION SELECT chain FROM audit_checkpoints ORDER BY chain",
      {}));
  for (const Row& chain_row : chains) {
    ChainReport chain;
    chain.chain = chain_row.Int(0);
    if (chain.chain != 0) {
      const auto name =
          ENSEMBLE_TRY(db_.QueryOne("SELECT name FROM structures WHERE id = ?", {chain.chain}));
      if (name) chain.chain_name = name->Text(0);
    }
    Head head{0, GenesisHash()};
    if (auto checkpoint = ENSEMBLE_TRY(Checkpoint(db_, chain.chain))) head = *checkpoint;
    chain.checkpoint_seq = head.seq;
    chain.last_seq = head.seq;
    while (!report.broken) {
      const auto page = ENSEMBLE_TRY(db_.Query(
          std::string("SELECT ") + kLineColumns +
              " FROM audit_log WHERE coalesce(owner_structure_id, 0) = ? AND chain_seq > ? "
              "ORDER BY chain_seq LIMIT ?",
          {chain.chain, head.seq, kVerifyPage}));
      for (const Row& row : page) {
        const AuditEntry line = AuditLineOf(row);
        const std::int64_t seq = line.chain_seq.value_or(0);
        if (seq != head.seq + 1) {
          report.broken = BrokenLine{
              chain.chain, line.id, seq,
              fmt::format("sequence {} follows {}: the lines between are missing", seq, head.seq)};
          break;
        }
        const std::string expected =
            ChainHash(head.hash, CanonicalAuditLine(line, chain.chain, seq));
        if (line.hash.value_or("") != expected) {
          report.broken =
              BrokenLine{chain.chain, line.id, seq,
                         "its hash does not match its content and the line before it: the line "
                         "was changed, or one before it was"};
          break;
        }
        head = Head{seq, expected};
        ++chain.lines;
        chain.last_seq = seq;
      }
      if (static_cast<std::int64_t>(page.size()) < kVerifyPage) break;
    }
    report.chains.push_back(std::move(chain));
    if (report.broken) break;
  }
  return report;
}

Result<PurgeReport> AuditStore::PurgeAuditLines(UnixMillis before, UnixMillis now) {
  ENSEMBLE_TRY_STATUS(SerialiseSealers(db_));
  PurgeReport report;
  const auto chains = ENSEMBLE_TRY(
      db_.Query("SELECT DISTINCT coalesce(owner_structure_id, 0) AS chain FROM audit_log WHERE "
                "chain_seq IS NOT NULL AND at < ? ORDER BY chain",
                {before}));
  for (const Row& chain_row : chains) {
    const std::int64_t chain = chain_row.Int(0);
    const auto checkpoint = ENSEMBLE_TRY(Checkpoint(db_, chain));
    const std::int64_t purged_to = checkpoint ? checkpoint->seq : 0;
    // The prefix ends before the first line young enough to keep: a line sealed late among
    // older ones stops the purge there rather than leave a hole in the chain.
    const auto first_kept = ENSEMBLE_TRY(
        db_.QueryOne("SELECT min(chain_seq) FROM audit_log WHERE coalesce(owner_structure_id, 0) = "
                     "? AND chain_seq IS NOT NULL AND at >= ?",
                     {chain, before}));
    std::int64_t last = 0;
    if (first_kept && !first_kept->IsNull(0)) {
      last = first_kept->Int(0) - 1;
    } else {
      const auto max_seq = ENSEMBLE_TRY(db_.QueryOne(
          "SELECT max(chain_seq) FROM audit_log WHERE coalesce(owner_structure_id, 0) = ?",
          {chain}));
      last = max_seq ? max_seq->Int(0) : 0;
    }
    if (last <= purged_to) continue;
    const auto last_line = ENSEMBLE_TRY(
        db_.QueryOne("SELECT hash, at FROM audit_log WHERE coalesce(owner_structure_id, 0) = ? AND "
                     "chain_seq = ?",
                     {chain, last}));
    if (!last_line) continue;
    const auto removed = ENSEMBLE_TRY(
        db_.QueryOne("SELECT count(*) FROM audit_log WHERE coalesce(owner_structure_id, 0) = ? AND "
                     "chain_seq IS NOT NULL AND chain_seq <= ?",
                     {chain, last}));
    const std::int64_t lines = removed ? removed->Int(0) : 0;
    // The checkpoint first: the schema lets a line go only when a checkpoint covers it.
    if (checkpoint) {
      ENSEMBLE_TRY(db_.Execute(
          "UPDATE audit_checkpoints SET last_seq = ?, last_hash = ?, last_at = ?, purged = purged "
          "+ ?, updated_at = ? WHERE chain = ?",
          {last, last_line->Text(0), last_line->Int(1), lines, now, chain}));
    } else {
      ENSEMBLE_TRY(db_.Execute(
          "INSERT INTO audit_checkpoints (chain, last_seq, last_hash, last_at, purged, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {chain, last, last_line->Text(0), last_line->Int(1), lines, now}));
    }
    ENSEMBLE_TRY(
        db_.Execute("DELETE FROM audit_log WHERE coalesce(owner_structure_id, 0) = ? AND chain_seq "
                    "IS NOT NULL AND chain_seq <= ?",
                    {chain, last}));
    ++report.chains;
    report.lines += lines;
  }
  return report;
}

UnixMillis MonthsBefore(UnixMillis now, int months) {
  using namespace std::chrono;
  const sys_days today = floor<days>(sys_time<milliseconds>(milliseconds(now)));
  year_month_day date{today};
  date = date - std::chrono::months(months);
  if (!date.ok()) date = date.year() / date.month() / last;
  return duration_cast<milliseconds>(sys_days{date}.time_since_epoch()).count();
}

}  // namespace ensemble::storage
