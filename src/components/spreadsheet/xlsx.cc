// ReadXlsx: the parts of an XLSX that hold what people typed (ECMA-376 part 1): the list of
// sheets (xl/workbook.xml), where each sheet's part is (xl/_rels/workbook.xml.rels), the shared
// strings and each sheet's cells. Styles, formulas, drawings and the rest are not read. Element
// and attribute names are matched by their local name, so that a file writing
// <x:sheetData> with a prefix reads as one writing <sheetData>.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "components/spreadsheet/budget.h"
#include "components/spreadsheet/spreadsheet.h"
#include "components/spreadsheet/xlsx_text.h"
#include "components/spreadsheet/zip_archive.h"
#include "core/text.h"

namespace ensemble::spreadsheet {
namespace {

using internal::CellPosition;
using internal::SlotBudget;
using internal::ZipArchive;

constexpr const char* kWorkbookPart = "xl/workbook.xml";
constexpr const char* kWorkbookRelationships = "xl/_rels/workbook.xml.rels";
constexpr const char* kDefaultSharedStrings = "xl/sharedStrings.xml";

std::unexpected<Error> Invalid(Message message) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message));
}

// ---- XML, by local names ------------------------------------------------------------------

std::string_view LocalName(const char* name) {
  const std::string_view full(name);
  const std::size_t colon = full.rfind(':');
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

pugi::xml_node NextNamed(pugi::xml_node node, std::string_view local) {
  while (node && (node.type() != pugi::node_element || LocalName(node.name()) != local)) {
    node = node.next_sibling();
  }
  return node;
}

pugi::xml_node Child(pugi::xml_node parent, std::string_view local) {
  return NextNamed(parent.first_child(), local);
}

// Calls `visit` on each child element of that local name, in order, until it fails.
template <typename Visit>
Status ForEachChild(pugi::xml_node parent, std::string_view local, Visit visit) {
  for (pugi::xml_node node = Child(parent, local); node;
       node = NextNamed(node.next_sibling(), local)) {
    ENSEMBLE_TRY_STATUS(visit(node));
  }
  return Ok();
}

std::optional<std::string_view> Attribute(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute attribute : node.attributes()) {
    if (LocalName(attribute.name()) == local) return std::string_view(attribute.value());
  }
  return std::nullopt;
}

// The character data directly inside an element (text and CDATA), joined.
std::string TextOf(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
      text += child.value();
  }
  return text;
}

// A string item (<si> of the shared strings, <is> of an inline string): its plain <t>, or the
// <t> of each rich text run <r> in order. Phonetic runs (<rPh>, Japanese readings) are not
// part of the text a person typed, as Excel shows it.
std::string StringItemText(pugi::xml_node item) {
  std::string text;
  for (pugi::xml_node child : item.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = LocalName(child.name());
    if (name == "t") text += TextOf(child);
    if (name == "r") {
      for (pugi::xml_node t = Child(child, "t"); t; t = NextNamed(t.next_sibling(), "t")) {
        text += TextOf(t);
      }
    }
  }
  return internal::DecodeEscapes(text);
}

// A part parsed in place: the document points into its bytes, which it keeps.
struct XmlPart {
  std::string bytes;
  pugi::xml_document document;
};

// The part as XML, nullptr when the archive has no such part. Whitespace that is an element's
// only content is kept: <t xml:space="preserve"> </t> is a cell holding a space.
Result<std::unique_ptr<XmlPart>> ParsePart(ZipArchive& archive, const std::string& name) {
  std::optional<std::string> bytes = ENSEMBLE_TRY(archive.Read(name));
  if (!bytes) return std::unique_ptr<XmlPart>{};
  auto part = std::make_unique<XmlPart>();
  part->bytes = std::move(*bytes);
  const pugi::xml_parse_result parsed = part->document.load_buffer_inplace(
      part->bytes.data(), part->bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (parsed.status == pugi::status_out_of_memory) {
    return Unavailable("pugixml ran out of memory parsing " + name);
  }
  if (!parsed) return Invalid(Message{"spreadsheet.xlsx.malformed_xml", {{"part", name}}});
  return part;
}

// ---- What kind of file -----------------------------------------------------------------------

// Bytes that are no zip at all: an old .xls, a password-protected file, or anything else.
Status RefuseOtherFormats(std::string_view bytes) {
  switch (Sniff(bytes)) {
    case Format::kXlsx:
      return Ok();
    case Format::kXls:
      return Invalid("spreadsheet.xls_legacy");
    case Format::kEncryptedOffice:
      return Invalid("spreadsheet.encrypted");
    case Format::kCsv:
    case Format::kUnknown:
      break;
  }
  return Invalid("spreadsheet.not_xlsx");
}

// A zip that is no spreadsheet: say what it is when it is another office file.
Status CheckIsSpreadsheet(const ZipArchive& archive) {
  if (archive.Has(kWorkbookPart)) return Ok();
  if (archive.Has("word/document.xml")) return Invalid("spreadsheet.xlsx.word_document");
  if (archive.Has("ppt/presentation.xml")) return Invalid("spreadsheet.xlsx.presentation");
  if (archive.Has("mimetype") && archive.Has("content.xml")) {
    return Invalid("spreadsheet.xlsx.opendocument");
  }
  return Invalid("spreadsheet.xlsx.no_workbook");
}

// ---- The workbook and its relationships ------------------------------------------------------

struct SheetEntry {
  std::string name;
  std::string relationship;  // r:id
};

Result<std::vector<SheetEntry>> ReadSheetList(ZipArchive& archive, SlotBudget& budget) {
  const auto part = ENSEMBLE_TRY(ParsePart(archive, kWorkbookPart));
  if (!part) return Invalid("spreadsheet.xlsx.no_workbook");
  std::vector<SheetEntry> sheets;
  std::set<std::string, std::less<>> names;
  const pugi::xml_node list = Child(Child(part->document, "workbook"), "sheets");
  ENSEMBLE_TRY(ForEachChild(list, "sheet", [&](pugi::xml_node sheet) -> Status {
    const auto name = Attribute(sheet, "name");
    const auto id = Attribute(sheet, "id");  // r:id, in the relationships namespace
    if (!name || !id)
      return Invalid(Message{"spreadsheet.xlsx.malformed_xml", {{"part", kWorkbookPart}}});
    if (!IsValidUtf8(*name))
      return Invalid(Message{"spreadsheet.xlsx.not_utf8", {{"part", kWorkbookPart}}});
    if (!names.emplace(*name).second) {
      return Invalid(Message{"spreadsheet.sheet_repeated", {{"sheet", *name}}});
    }
    ENSEMBLE_TRY_STATUS(budget.Take(1));
    sheets.push_back({std::string(*name), std::string(*id)});
    return Ok();
  }));
  return sheets;
}

struct Relationship {
  std::string type;
  std::string target;
  bool external = false;
};
using Relationships = std::map<std::string, Relationship, std::less<>>;

Result<Relationships> ReadRelationships(ZipArchive& archive) {
  const auto part = ENSEMBLE_TRY(ParsePart(archive, kWorkbookRelationships));
  Relationships relationships;
  if (!part) return relationships;  // Then no sheet can be found: each says so.
  const pugi::xml_node root = Child(part->document, "Relationships");
  ENSEMBLE_TRY(ForEachChild(root, "Relationship", [&](pugi::xml_node node) -> Status {
    const auto id = Attribute(node, "Id");
    if (!id) return Ok();
    relationships.emplace(std::string(*id),
                          Relationship{std::string(Attribute(node, "Type").value_or("")),
                                       std::string(Attribute(node, "Target").value_or("")),
                                       Attribute(node, "TargetMode") == "External"});
    return Ok();
  }));
  return relationships;
}

// A relationship's target as a part name: relative to xl/ (the workbook's folder), or from the
// package's root when it starts with '/'. nullopt when ".." climbs out of the package.
std::optional<std::string> PartName(std::string_view target) {
  std::vector<std::string_view> segments;
  if (!target.starts_with('/')) segments.push_back("xl");
  while (!target.empty()) {
    const std::size_t slash = target.find('/');
    const std::string_view segment = target.substr(0, slash);
    target.remove_prefix(slash == std::string_view::npos ? target.size() : slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment != "..") {
      segments.push_back(segment);
    } else if (segments.empty()) {
      return std::nullopt;
    } else {
      segments.pop_back();
    }
  }
  std::string name;
  for (const std::string_view segment : segments) {
    if (!name.empty()) name += '/';
    name += segment;
  }
  return name;
}

Result<std::string> SheetPartName(const Relationships& relationships, const SheetEntry& sheet) {
  const auto found = relationships.find(sheet.relationship);
  if (found == relationships.end()) {
    return Invalid(Message{"spreadsheet.xlsx.sheet_missing", {{"sheet", sheet.name}}});
  }
  const std::optional<std::string> name =
      found->second.external ? std::nullopt : PartName(found->second.target);
  if (!name) return Invalid(Message{"spreadsheet.xlsx.path_escapes", {{"sheet", sheet.name}}});
  return *name;
}

// ---- Shared strings --------------------------------------------------------------------------

// The shared strings' part: the one the workbook's relationships name, else where Excel puts it.
std::string SharedStringsPartName(const Relationships& relationships) {
  for (const auto& [id, relationship] : relationships) {
    if (!relationship.external && relationship.type.ends_with("/sharedStrings")) {
      if (auto name = PartName(relationship.target)) return *name;
    }
  }
  return kDefaultSharedStrings;
}

// Every shared string, in order. A workbook cannot use more distinct strings than it has cells,
// so their number is held to Limits::max_cells too.
Result<std::vector<std::string>> ReadSharedStrings(ZipArchive& archive,
                                                   const Relationships& relationships,
                                                   const Limits& limits) {
  const std::string name = SharedStringsPartName(relationships);
  const auto part = ENSEMBLE_TRY(ParsePart(archive, name));
  std::vector<std::string> strings;
  if (!part) return strings;
  SlotBudget budget(limits.max_cells);
  ENSEMBLE_TRY(ForEachChild(Child(part->document, "sst"), "si", [&](pugi::xml_node item) -> Status {
    ENSEMBLE_TRY_STATUS(budget.Take(1));
    std::string text = StringItemText(item);
    if (!IsValidUtf8(text)) return Invalid(Message{"spreadsheet.xlsx.not_utf8", {{"part", name}}});
    strings.push_back(std::move(text));
    return Ok();
  }));
  return strings;
}

// ---- Worksheets ------------------------------------------------------------------------------

std::string Reference(CellPosition position) {
  return ColumnLetters(position.column + 1) + std::to_string(position.row + 1);
}

// One sheet's cells as they are read, placed at their positions, every slot counted first.
class SheetBuilder {
 public:
  SheetBuilder(std::string name, std::string part, const std::vector<std::string>& shared,
               SlotBudget& budget, const Limits& limits)
      : sheet_{std::move(name), {}},
        part_(std::move(part)),
        shared_(shared),
        budget_(budget),
        limits_(limits) {}

  // A row at its number, or, without one (the r attribute is optional), after the previous.
  Status AddRow(pugi::xml_node row) {
    std::size_t index = next_row_;
    if (const auto number = Attribute(row, "r")) {
      const auto parsed = internal::ParseRowNumber(*number);
      if (!parsed) return BadReference(*number);
      index = *parsed;
    }
    next_ = {index, 0};
    next_row_ = index + 1;
    return ForEachChild(row, "c", [&](pugi::xml_node cell) { return AddCell(cell); });
  }

  Sheet Take() && { return std::move(sheet_); }

 private:
  // A cell at its reference, or, without one (the r attribute is optional), after the previous.
  Status AddCell(pugi::xml_node cell) {
    CellPosition position = next_;
    if (const auto reference = Attribute(cell, "r")) {
      const auto parsed = internal::ParseCellReference(*reference);
      if (!parsed) return BadReference(*reference);
      position = *parsed;
    } else if (position.row >= internal::kMaxRows || position.column >= internal::kMaxColumns) {
      return BadReference(Reference(position));  // counted past Excel's grid
    }
    next_ = {position.row, position.column + 1};
    std::string text = ENSEMBLE_TRY(CellText(cell, position));
    if (text.empty()) return Ok();  // A styled empty cell: nothing to hold.
    if (!IsValidUtf8(text)) return Invalid(Message{"spreadsheet.xlsx.not_utf8", {{"part", part_}}});
    if (text.size() > limits_.max_cell_bytes) {
      return Invalid(Message{"spreadsheet.xlsx.cell_too_long",
                             {{"sheet", sheet_.name},
                              {"cell", Reference(position)},
                              {"max", limits_.max_cell_bytes}}});
    }
    return Place(position, std::move(text));
  }

  // The text a person sees, by the cell's type (ECMA-376 §18.18.11, ST_CellType).
  Result<std::string> CellText(pugi::xml_node cell, CellPosition position) const {
    const std::string_view type = Attribute(cell, "t").value_or("n");
    const std::string value = TextOf(Child(cell, "v"));
    if (type == "s") return SharedString(value, position);
    if (type == "inlineStr") {
      const pugi::xml_node item = Child(cell, "is");
      return item ? StringItemText(item) : internal::DecodeEscapes(value);
    }
    if (type == "str") return internal::DecodeEscapes(value);
    if (type == "b") return BooleanText(value);
    if (type == "e" || type == "d") return value;  // "#N/A"; an ISO 8601 date as written
    return internal::NumberText(value);
  }

  static std::string BooleanText(const std::string& value) {
    if (value == "1" || value == "true") return "TRUE";
    if (value == "0" || value == "false") return "FALSE";
    return value;
  }

  Result<std::string> SharedString(const std::string& value, CellPosition position) const {
    std::size_t index = 0;
    bool digits = !value.empty() && value.size() <= 10;
    for (const char c : value) {
      digits = digits && c >= '0' && c <= '9';
      if (digits) index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    if (!digits || index >= shared_.size()) {
      return Invalid(Message{"spreadsheet.xlsx.shared_string_missing",
                             {{"sheet", sheet_.name}, {"cell", Reference(position)}}});
    }
    return shared_[index];
  }

  Status Place(CellPosition position, std::string text) {
    std::vector<std::vector<std::string>>& rows = sheet_.rows;
    if (position.row >= rows.size()) {
      ENSEMBLE_TRY_STATUS(budget_.Take(position.row + 1 - rows.size()));
      rows.resize(position.row + 1);
    }
    std::vector<std::string>& row = rows[position.row];
    if (position.column >= row.size()) {
      ENSEMBLE_TRY_STATUS(budget_.Take(position.column + 1 - row.size()));
      row.resize(position.column + 1);
    }
    row[position.column] = std::move(text);
    return Ok();
  }

  Status BadReference(std::string_view reference) const {
    return Invalid(
        Message{"spreadsheet.xlsx.bad_reference",
                {{"sheet", sheet_.name}, {"cell", std::string(reference.substr(0, 20))}}});
  }

  Sheet sheet_;
  std::string part_;
  const std::vector<std::string>& shared_;
  SlotBudget& budget_;
  const Limits& limits_;
  std::size_t next_row_ = 0;
  CellPosition next_;  // where a cell without a reference goes
};

Result<Sheet> ReadWorksheet(ZipArchive& archive, const SheetEntry& entry,
                            const std::string& part_name, const std::vector<std::string>& shared,
                            SlotBudget& budget, const Limits& limits) {
  const auto part = ENSEMBLE_TRY(ParsePart(archive, part_name));
  if (!part) return Invalid(Message{"spreadsheet.xlsx.sheet_missing", {{"sheet", entry.name}}});
  SheetBuilder builder(entry.name, part_name, shared, budget, limits);
  const pugi::xml_node data = Child(Child(part->document, "worksheet"), "sheetData");
  ENSEMBLE_TRY(ForEachChild(data, "row", [&](pugi::xml_node row) { return builder.AddRow(row); }));
  return std::move(builder).Take();
}

}  // namespace

Result<Workbook> ReadXlsx(std::string_view bytes, const Limits& limits) {
  ENSEMBLE_TRY_STATUS(internal::CheckFileSize(bytes.size(), limits.max_file_bytes));
  ENSEMBLE_TRY_STATUS(RefuseOtherFormats(bytes));
  ZipArchive archive = ENSEMBLE_TRY(ZipArchive::Open(bytes, limits));
  ENSEMBLE_TRY_STATUS(CheckIsSpreadsheet(archive));
  SlotBudget budget(limits.max_cells);
  const std::vector<SheetEntry> entries = ENSEMBLE_TRY(ReadSheetList(archive, budget));
  const Relationships relationships = ENSEMBLE_TRY(ReadRelationships(archive));
  const std::vector<std::string> shared =
      ENSEMBLE_TRY(ReadSharedStrings(archive, relationships, limits));
  Workbook workbook;
  workbook.sheets.reserve(entries.size());
  for (const SheetEntry& entry : entries) {
    const std::string part_name = ENSEMBLE_TRY(SheetPartName(relationships, entry));
    workbook.sheets.push_back(
        ENSEMBLE_TRY(ReadWorksheet(archive, entry, part_name, shared, budget, limits)));
  }
  return workbook;
}

}  // namespace ensemble::spreadsheet
