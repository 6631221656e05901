// Sniff(): the kind of file from its bytes. Old Office files are OLE compound files (CFB,
// [MS-CFB]); what they hold is only known from the names in their directory, so this reads the
// directory entries without following the allocation tables: every directory entry starts at a
// multiple of 128 bytes after the header, whatever the sector size (512 or 4096), and carries its
// name in UTF-16LE with the name's length and the entry's type beside it.
#include <algorithm>
#include <cstddef>
#include <string_view>

#include "components/spreadsheet/spreadsheet.h"
#include "core/text.h"

namespace ensemble::spreadsheet {
namespace {

constexpr std::string_view kCfbMagic{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};
constexpr std::size_t kCfbHeaderBytes = 512;
constexpr std::size_t kDirectoryEntryBytes = 128;
constexpr std::size_t kNameLengthOffset = 64;  // uint16: bytes of the name, its NUL included
constexpr std::size_t kObjectTypeOffset = 66;  // 1 storage, 2 stream, 5 root
constexpr unsigned char kStream = 2;

unsigned char Byte(std::string_view bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes[at]);
}

// Whether the directory entry at `at` is a stream named `name` (ASCII, compared without case as
// CFB compares names).
bool IsStreamNamed(std::string_view bytes, std::size_t at, std::string_view name) {
  const std::size_t length = Byte(bytes, at + kNameLengthOffset) +
                             (std::size_t{Byte(bytes, at + kNameLengthOffset + 1)} << 8);
  if (length != (name.size() + 1) * 2 || Byte(bytes, at + kObjectTypeOffset) != kStream) {
    return false;
  }
  const auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c + 0; };
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (Byte(bytes, at + 2 * i + 1) != 0 ||
        lower(Byte(bytes, at + 2 * i)) != lower(static_cast<unsigned char>(name[i]))) {
      return false;
    }
  }
  return true;
}

bool HasStream(std::string_view bytes, std::string_view name) {
  for (std::size_t at = kCfbHeaderBytes; at + kDirectoryEntryBytes <= bytes.size();
       at += kDirectoryEntryBytes) {
    if (IsStreamNamed(bytes, at, name)) return true;
  }
  return false;
}

Format SniffCompoundFile(std::string_view bytes) {
  // An OOXML file encrypted with a password to open ([MS-OFFCRYPTO] 2.3.4) is a compound file
  // holding its description and the encrypted zip.
  if (HasStream(bytes, "EncryptionInfo") || HasStream(bytes, "EncryptedPackage")) {
    return Format::kEncryptedOffice;
  }
  // BIFF8 (Excel 97 and later) names its stream "Workbook", BIFF5 (Excel 5 and 95) "Book".
  if (HasStream(bytes, "Workbook") || HasStream(bytes, "Book")) return Format::kXls;
  return Format::kUnknown;  // A .doc, a .ppt, an .msg: not a spreadsheet at all.
}

bool LooksLikeText(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (bytes.empty() || bytes.find('\0') != std::string_view::npos) return false;
  if (!IsValidUtf8(bytes)) return false;
  // HTML or XML saved under a .csv or .xls name (web exports often are) is not a table of text.
  const auto first = std::find_if(bytes.begin(), bytes.end(), [](char c) {
    return c != ' ' && c != '\t' && c != '\r' && c != '\n';
  });
  return first == bytes.end() || *first != '<';
}

}  // namespace

Format Sniff(std::string_view bytes) {
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06")) return Format::kXlsx;
  if (bytes.starts_with(kCfbMagic)) return SniffCompoundFile(bytes);
  if (LooksLikeText(bytes)) return Format::kCsv;
  return Format::kUnknown;
}

}  // namespace ensemble::spreadsheet
