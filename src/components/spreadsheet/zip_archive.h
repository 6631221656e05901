// A zip archive read from memory through libzip, entry by entry, within the Limits: the number
// of entries, and the bytes inflated over all the entries read (the zip-bomb guard counts what
// inflating actually yields, chunk by chunk, not the sizes the archive declares). Internal to the
// component. Not thread-safe: one reader owns it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "components/spreadsheet/spreadsheet.h"
#include "core/error.h"

struct zip;  // libzip's zip_t

namespace ensemble::spreadsheet::internal {

class ZipArchive {
 public:
  // The archive over `bytes`, which must outlive it. Refuses a damaged archive and one with too
  // many entries.
  static Result<ZipArchive> Open(std::string_view bytes, const Limits& limits);

  // Whether the archive has an entry of that name (compared without case, as OOXML part names
  // are).
  bool Has(const std::string& name) const;

  // The entry's bytes, or nullopt when there is none of that name. Refuses an encrypted entry,
  // one that does not inflate or fails its CRC, and one that would take the bytes inflated
  // over Limits::max_uncompressed_bytes.
  Result<std::optional<std::string>> Read(const std::string& name);

 private:
  struct Closer {
    void operator()(zip* archive) const;
  };

  ZipArchive(std::unique_ptr<zip, Closer> archive, std::size_t max_uncompressed)
      : archive_(std::move(archive)), left_(max_uncompressed), max_(max_uncompressed) {}

  Status CheckEntry(const std::string& name, std::int64_t index) const;
  Result<std::string> Inflate(const std::string& name, std::int64_t index);

  std::unique_ptr<zip, Closer> archive_;
  std::size_t left_;  // bytes that may still be inflated
  std::size_t max_;
};

}  // namespace ensemble::spreadsheet::internal
