#include "components/spreadsheet/zip_archive.h"

#include <zip.h>

#include <cstdint>
#include <utility>

#include "components/spreadsheet/budget.h"

namespace ensemble::spreadsheet::internal {
namespace {

// What is read from an entry at a time: the limit is checked between chunks, so inflating never
// goes more than one chunk past it.
constexpr std::size_t kChunkBytes = std::size_t{64} << 10;

struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

std::unexpected<Error> Damaged(const std::string& part) {
  return Fail(ErrorCode::kInvalidArgument,
              Message{"spreadsheet.xlsx.part_damaged", {{"part", part}}});
}

std::unexpected<Error> Encrypted(const std::string& part) {
  return Fail(ErrorCode::kInvalidArgument,
              Message{"spreadsheet.xlsx.encrypted_entry", {{"part", part}}});
}

}  // namespace

void ZipArchive::Closer::operator()(zip* archive) const { zip_discard(archive); }

Result<ZipArchive> ZipArchive::Open(std::string_view bytes, const Limits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Unavailable("libzip could not make a buffer source");
  }
  zip_t* opened = zip_open_from_source(source, ZIP_RDONLY, &error);
  const int code = zip_error_code_zip(&error);
  zip_error_fini(&error);
  if (opened == nullptr) {
    zip_source_free(source);  // zip_open_from_source only takes it on success
    if (code == ZIP_ER_MEMORY) return Unavailable("libzip ran out of memory opening an archive");
    return Fail(ErrorCode::kInvalidArgument, "spreadsheet.xlsx.damaged");
  }
  std::unique_ptr<zip, Closer> archive(opened);
  const zip_int64_t entries = zip_get_num_entries(opened, 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > limits.max_entries) {
    return Fail(ErrorCode::kPayloadTooLarge,
                Message{"spreadsheet.xlsx.too_many_entries", {{"max", limits.max_entries}}});
  }
  return ZipArchive(std::move(archive), limits.max_uncompressed_bytes);
}

bool ZipArchive::Has(const std::string& name) const {
  return zip_name_locate(archive_.get(), name.c_str(), ZIP_FL_NOCASE) >= 0;
}

Result<std::optional<std::string>> ZipArchive::Read(const std::string& name) {
  const zip_int64_t index = zip_name_locate(archive_.get(), name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::optional<std::string>{};
  ENSEMBLE_TRY_STATUS(CheckEntry(name, index));
  return ENSEMBLE_TRY(Inflate(name, index));
}

// What the central directory says, checked before inflating anything: encryption, and a
// declared size already over what is left (the cheap refusal of an honest bomb).
Status ZipArchive::CheckEntry(const std::string& name, std::int64_t index) const {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
    return Damaged(name);
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
    return Encrypted(name);
  }
  if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > left_) {
    return Fail(ErrorCode::kPayloadTooLarge,
                Message{"spreadsheet.xlsx.too_large_uncompressed",
                        {{"part", name}, {"max_mib", Mebibytes(max_)}}});
  }
  return Ok();
}

// Inflates the entry chunk by chunk, whatever size it declares, and stops as soon as the bytes
// inflated pass what is left of the limit.
Result<std::string> ZipArchive::Inflate(const std::string& name, std::int64_t index) {
  std::unique_ptr<zip_file_t, FileCloser> file(
      zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    const int code = zip_error_code_zip(zip_get_error(archive_.get()));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD) {
      return Encrypted(name);
    }
    if (code == ZIP_ER_MEMORY) return Unavailable("libzip ran out of memory opening an entry");
    return Damaged(name);
  }
  std::string bytes;
  for (;;) {
    const std::size_t at = bytes.size();
    bytes.resize(at + kChunkBytes);
    const zip_int64_t read = zip_fread(file.get(), bytes.data() + at, kChunkBytes);
    if (read < 0) return Damaged(name);
    bytes.resize(at + static_cast<std::size_t>(read));
    if (bytes.size() > left_) {
      return Fail(ErrorCode::kPayloadTooLarge,
                  Message{"spreadsheet.xlsx.too_large_uncompressed",
                          {{"part", name}, {"max_mib", Mebibytes(max_)}}});
    }
    if (read == 0) break;
  }
  left_ -= bytes.size();
  return bytes;
}

}  // namespace ensemble::spreadsheet::internal
