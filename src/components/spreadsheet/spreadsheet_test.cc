// The readers on files made by the real tools: openpyxl (inline strings, ISO dates, errors),
// libxlsxwriter (shared strings, rich text, formula results, serial dates), Python's csv and
// zipfile, and, for what no installed tool writes (phonetic runs, prefixed elements, odd part
// names, bombs, damaged archives, OLE compound files), archives assembled by Python's zipfile
// or bytes laid out here by the specifications.
#include "components/spreadsheet/spreadsheet.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "components/spreadsheet/xlsx_text.h"

namespace ensemble::spreadsheet {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Debian's interpreter, which has python3-openpyxl; the one on PATH may not.
constexpr const char* kPython = "/usr/bin/python3";

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t read = 0;
  while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, read);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// A directory removed when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = std::filesystem::temp_directory_path() / "spreadsheet-test-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::ofstream(File(name), std::ios::binary) << bytes;
    return File(name);
  }

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// Runs a Python script with the path of the file it makes as argv[1] (and `argument` as
// argv[2]); returns that file's bytes.
std::string MakeWithPython(const std::string& script, const std::string& argument = "") {
  ScratchDir dir;
  const std::string out = dir.File("made");
  const CommandResult result =
      RunCommand(std::string(kPython) + " " + dir.Write("make.py", script) + " " + out + " " +
                 argument + " 2>&1");
  EXPECT_EQ(result.exit_code, 0) << result.out;
  return ReadFile(out);
}

// Python helpers for archives written part by part: the smallest package Excel opens, with
// the sheets, relationships and shared strings each test gives.
constexpr const char* kPackagePrelude = R"PY(
import struct, sys, zipfile
MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
NS = 'xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"' % MAIN
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
def workbook(sheets):
    return '<?xml version="1.0" encoding="UTF-8"?><workbook %s><sheets>%s</sheets></workbook>' % (
        NS, ''.join('<sheet name="%s" sheetId="%d" r:id="%s"/>' % (n, i + 1, r)
                    for i, (n, r) in enumerate(sheets)))
def rels(targets):
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">%s</Relationships>') % ''.join(
        '<Relationship Id="%s" Type="%s%s" Target="%s"%s/>' % (t + ('',) * (5 - len(t)))
        for t in targets)
def worksheet(rows):
    return '<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, rows)
def sst(items):
    return '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s">%s</sst>' % (MAIN, items)
def package(parts):
    with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
def simple(rows, shared=None):
    parts = {'[Content_Types].xml': CT, 'xl/workbook.xml': workbook([('survey', 'rId1')]),
             'xl/_rels/workbook.xml.rels': rels([('rId1', REL, 'worksheet', 'worksheets/sheet1.xml')]),
             'xl/worksheets/sheet1.xml': worksheet(rows)}
    if shared is not None:
        parts['xl/sharedStrings.xml'] = shared
    return parts
# Sets the 32-bit field at `offset` of the local header and `cd_offset` of the central
# directory entry of `name`, as a hand-edited or hostile archive would.
def patch(path, name, offset, cd_offset, value, size=4):
    data = bytearray(open(path, 'rb').read())
    for signature, at, name_at, length_at in ((b'PK\x03\x04', offset, 30, 26),
                                              (b'PK\x01\x02', cd_offset, 46, 28)):
        i = data.find(signature)
        while i >= 0:
            n = struct.unpack_from('<H', data, i + length_at)[0]
            if bytes(data[i + name_at:i + name_at + n]) == name.encode():
                struct.pack_into('<I' if size == 4 else '<H', data, i + at, value)
            i = data.find(signature, i + 4)
    open(path, 'wb').write(data)
)PY";

std::string MakePackage(const std::string& body, const std::string& argument = "") {
  return MakeWithPython(std::string(kPackagePrelude) + body, argument);
}

template <typename T>
void ExpectRefused(const Result<T>& result, ErrorCode code, const Message& message) {
  ASSERT_FALSE(result.has_value()) << "accepted; expected " << message;
  EXPECT_EQ(result.error().code, code) << result.error().message;
  EXPECT_EQ(result.error().message, message);
}

const Sheet& SheetNamed(const Workbook& workbook, std::string_view name) {
  static const Sheet kNone;
  const Sheet* sheet = workbook.Find(name);
  EXPECT_NE(sheet, nullptr) << name;
  return sheet != nullptr ? *sheet : kNone;
}

std::vector<std::string> SheetNames(const Workbook& workbook) {
  std::vector<std::string> names;
  for (const Sheet& sheet : workbook.sheets) names.push_back(sheet.name);
  return names;
}

// ---- openpyxl ---------------------------------------------------------------------------------

// openpyxl 3.0 writes strings inline (t="inlineStr") and, with iso_dates, dates as ISO text.
std::string OpenpyxlWorkbook() {
  return MakeWithPython(R"PY(
import sys, datetime, openpyxl
wb = openpyxl.Workbook(iso_dates=True)
settings = wb.active
settings.title = 'settings'
settings.append(['form_title', 'form_id'])
settings.append(['Enquête « été » 🌞', 'ete_2026'])
survey = wb.create_sheet('survey')
survey.append(['type', 'name', 'label'])
survey.append(['integer', 'age', 'Quel âge avez-vous ?'])
survey['A3'] = 3
survey['B3'] = 1.5
survey['C3'] = -0.25
survey['D3'] = True
survey['E3'] = False
survey['C5'] = 'sauté'
survey['AB6'] = 'colonne AB'
survey['A7'] = '#N/A'
survey['B7'] = datetime.date(2026, 9, 21)
survey['C7'] = 12345678901234
survey['D7'] = 1e-10
survey['E7'] = '=1+2'
survey['A8'] = '  espaces  '
survey['B8'] = 'ligne 1\nligne 2'
choices = wb.create_sheet('choices', 0)
choices.append(['list_name', 'name', 'label'])
choices.append(['yn', 'yes', 'Oui'])
wb.move_sheet('survey', offset=-2)
wb.save(sys.argv[1])
)PY");
}

TEST(ReadXlsx, ReadsWhatOpenpyxlWrites) {
  const auto workbook = ReadXlsx(OpenpyxlWorkbook());
  ASSERT_TRUE(workbook) << workbook.error().message;
  EXPECT_EQ(SheetNames(*workbook), (std::vector<std::string>{"survey", "choices", "settings"}));
  std::vector<std::string> row6(27);
  row6.push_back("colonne AB");
  const Rows survey = {
      {"type", "name", "label"},
      {"integer", "age", "Quel âge avez-vous ?"},
      {"3", "1.5", "-0.25", "TRUE", "FALSE"},
      {},  // row 4: empty, still in its place
      {"", "", "sauté"},
      row6,
      // An error as Excel writes it, a date as openpyxl's ISO text, a formula without a cached
      // value (E7) as nothing.
      {"#N/A", "2026-09-21", "12345678901234", "1e-10"},
      {"  espaces  ", "ligne 1\nligne 2"},
  };
  EXPECT_EQ(SheetNamed(*workbook, "survey").rows, survey);
  EXPECT_EQ(SheetNamed(*workbook, "survey").Cell(5, 27), "colonne AB");
  EXPECT_EQ(SheetNamed(*workbook, "choices").rows,
            (Rows{{"list_name", "name", "label"}, {"yn", "yes", "Oui"}}));
  EXPECT_EQ(SheetNamed(*workbook, "settings").rows,
            (Rows{{"form_title", "form_id"}, {"Enquête « été » 🌞", "ete_2026"}}));
  EXPECT_EQ(Sniff(OpenpyxlWorkbook()), Format::kXlsx);
}

// ---- libxlsxwriter ----------------------------------------------------------------------------

// libxlsxwriter writes as Excel does: shared strings, rich text runs, a formula's cached
// string result (t="str"), numbers with %.16G ("1E-10"), dates as serial numbers.
std::string XlsxwriterWorkbook() {
  ScratchDir dir;
  const std::string path = dir.File("xlsxwriter.xlsx");
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Données");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* date = workbook_add_format(book);
  format_set_num_format(date, "dd/mm/yyyy");
  worksheet_write_string(sheet, 0, 0, "nom", nullptr);
  worksheet_write_string(sheet, 0, 1, "nom", nullptr);  // one shared string, used twice
  worksheet_write_string(sheet, 0, 2, " à gauche", nullptr);
  char bon[] = "Bon";
  char jour[] = "jour à tous ";
  lxw_rich_string_tuple first{bold, bon};
  lxw_rich_string_tuple second{nullptr, jour};
  lxw_rich_string_tuple* runs[] = {&first, &second, nullptr};
  worksheet_write_rich_string(sheet, 1, 0, runs, nullptr);
  worksheet_write_formula_str(sheet, 1, 1, "=A1&\"!\"", nullptr, "nom!");
  worksheet_write_number(sheet, 2, 0, 1e-10, nullptr);
  worksheet_write_number(sheet, 2, 1, 1e20, nullptr);
  worksheet_write_number(sheet, 2, 2, 0.1, nullptr);
  worksheet_write_number(sheet, 2, 3, 42, nullptr);
  worksheet_write_boolean(sheet, 2, 4, 1, nullptr);
  lxw_datetime day{2026, 9, 21, 0, 0, 0};
  worksheet_write_datetime(sheet, 3, 0, &day, date);
  worksheet_write_string(sheet, 3, 1, "😀 émoji", nullptr);
  lxw_worksheet* empty = workbook_add_worksheet(book, "Vide");
  worksheet_write_blank(empty, 4, 4, bold);  // styled, empty: nothing to hold
  EXPECT_EQ(workbook_close(book), LXW_NO_ERROR);
  return ReadFile(path);
}

TEST(ReadXlsx, ReadsSharedAndRichStringsFromLibxlsxwriter) {
  const auto workbook = ReadXlsx(XlsxwriterWorkbook());
  ASSERT_TRUE(workbook) << workbook.error().message;
  EXPECT_EQ(SheetNames(*workbook), (std::vector<std::string>{"Données", "Vide"}));
  const Rows data = {
      {"nom", "nom", " à gauche"},
      {"Bonjour à tous ", "nom!"},
      {"1e-10", "100000000000000000000", "0.1", "42", "TRUE"},
      // Under a date style Excel stores a serial number; it stays one (days since 1899-12-30).
      {"46286", "😀 émoji"},
  };
  EXPECT_EQ(SheetNamed(*workbook, "Données").rows, data);
  EXPECT_TRUE(SheetNamed(*workbook, "Vide").rows.empty());
}

// ---- Parts written by hand: what neither tool writes -----------------------------------------

TEST(ReadXlsx, ReadsWhatOtherWritersDo) {
  const std::string bytes = MakePackage(R"PY(
shared = sst(
    '<si><t>simple</t></si>'
    '<si><r><rPr><b/></rPr><t>Bon</t></r><r><t xml:space="preserve">jour </t></r><r><t>à tous</t></r></si>'
    '<si><t>日本</t><rPh sb="0" eb="2"><t>にほん</t></rPh></si>'
    '<si><t>a_x000D_b_x005F_x0041_c</t></si>'
    '<si><t xml:space="preserve">   </t></si>'
    '<si><t><![CDATA[<cdata> & co]]></t></si>')
first = worksheet(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
    '<row r="3"><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c t="str"><f>A1&amp;"!"</f><v>simple!</v></c></row>'
    '<row><c><v>42.50</v></c><c t="b"><v>0</v></c><c t="e"><v>#DIV/0!</v></c><c t="s"><v>5</v></c></row>'
    '<row r="6"><c r="D6" s="3"/><c r="E6" t="d"><v>2026-09-21T08:00:00</v></c></row>')
prefixed = ('<x:worksheet xmlns:x="%s"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr">'
            '<x:is><x:t>préfixe</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>' % MAIN)
numbers = worksheet('<row r="1"><c r="A1"><v>1.0E+20</v></c><c r="B1"><v>2.2000000000000002</v></c>'
                    '<c r="C1"><v>-0</v></c><c r="D1"><v>0.000</v></c><c r="E1"><v>007</v></c></row>')
package({
    '[Content_Types].xml': CT,
    'xl/workbook.xml': workbook([('Feuil1', 'rId1'), ('Données', 'rId2'), ('Nombres', 'rId3')]),
    'xl/_rels/workbook.xml.rels': rels([
        ('rId1', REL, 'worksheet', '/xl/worksheets/sheet1.xml'),
        ('rId2', REL, 'worksheet', 'worksheets/./other/../data.xml'),
        ('rId3', REL, 'worksheet', '../xl/worksheets/numbers.xml'),
        ('rId9', REL, 'sharedStrings', 'strings/shared.xml')]),
    'xl/strings/shared.xml': shared,
    'xl/worksheets/sheet1.xml': first,
    'xl/worksheets/data.xml': prefixed,
    'xl/worksheets/numbers.xml': numbers,
})
)PY");
  const auto workbook = ReadXlsx(bytes);
  ASSERT_TRUE(workbook) << workbook.error().message;
  EXPECT_EQ(SheetNames(*workbook), (std::vector<std::string>{"Feuil1", "Données", "Nombres"}));
  const Rows first = {
      {"simple", "Bonjour à tous", "日本"},  // the phonetic reading is not the text
      {},
      {"a\rb_x0041_c", "   ", "simple!"},            // cells without a reference follow each other
      {"42.5", "FALSE", "#DIV/0!", "<cdata> & co"},  // a row without a number follows too
      {},
      {"", "", "", "", "2026-09-21T08:00:00"},
  };
  EXPECT_EQ(SheetNamed(*workbook, "Feuil1").rows, first);
  EXPECT_EQ(SheetNamed(*workbook, "Données").rows, (Rows{{}, {"", "préfixe"}}));
  EXPECT_EQ(SheetNamed(*workbook, "Nombres").rows,
            (Rows{{"100000000000000000000", "2.2", "0", "0", "7"}}));
}

// ---- Refusals ---------------------------------------------------------------------------------

// A minimal OLE compound file ([MS-CFB] version 3): its header, then one directory sector with
// the root entry and one stream entry per name. No installed tool writes one; Sniff reads only
// the directory.
std::string CompoundFile(const std::vector<std::string>& streams) {
  std::string bytes(512, '\0');
  bytes.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  bytes[24] = 0x3E;  // minor version
  bytes[26] = 3;     // major version: 512-byte sectors
  bytes[28] = '\xFE';
  bytes[29] = '\xFF';
  bytes[30] = 9;  // sector shift
  bytes[32] = 6;  // mini sector shift
  const auto entry = [](const std::string& name, char type) {
    std::string block(128, '\0');
    for (std::size_t i = 0; i < name.size(); ++i) block[2 * i] = name[i];
    block[64] = static_cast<char>((name.size() + 1) * 2);
    block[66] = type;
    return block;
  };
  std::string directory = entry("Root Entry", 5);
  for (const std::string& name : streams) directory += entry(name, 2);
  directory.resize(512 * ((directory.size() + 511) / 512), '\0');
  return bytes + directory;
}

TEST(ReadXlsx, SaysWhatOtherFilesAre) {
  const std::string encrypted =
      CompoundFile({"\x06"
                    "DataSpaces",
                    "EncryptionInfo", "EncryptedPackage"});
  EXPECT_EQ(Sniff(encrypted), Format::kEncryptedOffice);
  ExpectRefused(ReadXlsx(encrypted), ErrorCode::kInvalidArgument, "spreadsheet.encrypted");
  const std::string xls = CompoundFile({"Workbook", "\x05SummaryInformation"});
  EXPECT_EQ(Sniff(xls), Format::kXls);
  ExpectRefused(ReadXlsx(xls), ErrorCode::kInvalidArgument, "spreadsheet.xls_legacy");
  EXPECT_EQ(Sniff(CompoundFile({"Book"})), Format::kXls);  // Excel 5 and 95
  const std::string doc = CompoundFile({"WordDocument", "1Table"});
  EXPECT_EQ(Sniff(doc), Format::kUnknown);
  ExpectRefused(ReadXlsx(doc), ErrorCode::kInvalidArgument, "spreadsheet.not_xlsx");
  // "Workbook" as text of a document is no stream of its directory.
  EXPECT_EQ(Sniff(std::string(CompoundFile({"WordDocument"})) + "W\0o\0r\0k\0b\0o\0o\0k\0"),
            Format::kUnknown);
  ExpectRefused(ReadXlsx("type,name\ntext,q1\n"), ErrorCode::kInvalidArgument,
                "spreadsheet.not_xlsx");
  ExpectRefused(ReadXlsx(""), ErrorCode::kInvalidArgument, "spreadsheet.not_xlsx");
}

TEST(ReadXlsx, RefusesZipsThatAreNoWorkbook) {
  const std::string docx = MakePackage(R"PY(
package({'[Content_Types].xml': CT, '_rels/.rels': rels([]),
         'word/document.xml': '<w:document xmlns:w="x"/>'})
)PY");
  ExpectRefused(ReadXlsx(docx), ErrorCode::kInvalidArgument, "spreadsheet.xlsx.word_document");
  const std::string renamed = MakePackage("package({'notes.txt': 'bonjour'})\n");
  ExpectRefused(ReadXlsx(renamed), ErrorCode::kInvalidArgument, "spreadsheet.xlsx.no_workbook");
  const std::string ods = MakePackage(R"PY(
package({'mimetype': 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>'})
)PY");
  ExpectRefused(ReadXlsx(ods), ErrorCode::kInvalidArgument, "spreadsheet.xlsx.opendocument");
}

TEST(ReadXlsx, RefusesDamagedArchives) {
  const std::string whole = OpenpyxlWorkbook();
  ExpectRefused(ReadXlsx(whole.substr(0, whole.size() / 2)), ErrorCode::kInvalidArgument,
                "spreadsheet.xlsx.damaged");
  ExpectRefused(ReadXlsx(std::string("PK\x03\x04", 4) + "not really"), ErrorCode::kInvalidArgument,
                "spreadsheet.xlsx.damaged");
  // A flipped byte inside the compressed sheet: inflating fails or the CRC does not match.
  std::string flipped = whole;
  const std::size_t sheet = flipped.find("xl/worksheets/sheet1.xml");
  ASSERT_NE(sheet, std::string::npos);
  flipped[sheet + 24 + 40] = static_cast<char>(flipped[sheet + 24 + 40] ^ 0x55);
  ExpectRefused(ReadXlsx(flipped), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.part_damaged", {{"part", "xl/worksheets/sheet1.xml"}}});
}

TEST(ReadXlsx, RefusesMalformedParts) {
  const std::string strings = MakePackage(R"PY(
package(simple('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', '<sst><si><t>oops</sst>'))
)PY");
  ExpectRefused(ReadXlsx(strings), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.malformed_xml", {{"part", "xl/sharedStrings.xml"}}});
  const std::string sheet = MakePackage(R"PY(
parts = simple('')
parts['xl/worksheets/sheet1.xml'] = '<worksheet><sheetData><row></worksheet>'
package(parts)
)PY");
  ExpectRefused(ReadXlsx(sheet), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.malformed_xml", {{"part", "xl/worksheets/sheet1.xml"}}});
  const std::string latin1 = MakeWithPython(std::string(kPackagePrelude) + R"PY(
parts = simple('')
parts['xl/worksheets/sheet1.xml'] = worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>X</t></is></c></row>').encode().replace(b'>X<', b'>caf\xe9<')
package(parts)
)PY");
  ExpectRefused(ReadXlsx(latin1), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.not_utf8", {{"part", "xl/worksheets/sheet1.xml"}}});
}

TEST(ReadXlsx, RefusesCellsThatPointNowhere) {
  const std::string out_of_range = MakePackage(R"PY(
package(simple('<row r="2"><c r="B2" t="s"><v>7</v></c></row>', sst('<si><t>seule</t></si>')))
)PY");
  ExpectRefused(
      ReadXlsx(out_of_range), ErrorCode::kInvalidArgument,
      Message{"spreadsheet.xlsx.shared_string_missing", {{"sheet", "survey"}, {"cell", "B2"}}});
  const std::string no_strings = MakePackage(R"PY(
package(simple('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))
)PY");
  ExpectRefused(
      ReadXlsx(no_strings), ErrorCode::kInvalidArgument,
      Message{"spreadsheet.xlsx.shared_string_missing", {{"sheet", "survey"}, {"cell", "A1"}}});
  const std::string bad_reference = MakePackage(R"PY(
package(simple('<row r="1"><c r="A0"><v>1</v></c></row>'))
)PY");
  ExpectRefused(ReadXlsx(bad_reference), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.bad_reference", {{"sheet", "survey"}, {"cell", "A0"}}});
  const std::string beyond_grid = MakePackage(R"PY(
package(simple('<row r="1"><c r="XFE1"><v>1</v></c></row>'))
)PY");
  ExpectRefused(ReadXlsx(beyond_grid), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.bad_reference", {{"sheet", "survey"}, {"cell", "XFE1"}}});
  // Cells without a reference counted past the last column, XFD.
  const std::string past_grid = MakePackage(R"PY(
package(simple('<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row>'))
)PY");
  ExpectRefused(ReadXlsx(past_grid), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.bad_reference", {{"sheet", "survey"}, {"cell", "XFE1"}}});
}

TEST(ReadXlsx, RefusesSheetsOutsideThePackage) {
  const std::string escaping = MakePackage(R"PY(
parts = simple('')
parts['xl/_rels/workbook.xml.rels'] = rels([('rId1', REL, 'worksheet', '../../etc/passwd')])
package(parts)
)PY");
  ExpectRefused(ReadXlsx(escaping), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.path_escapes", {{"sheet", "survey"}}});
  const std::string external = MakePackage(R"PY(
parts = simple('')
parts['xl/_rels/workbook.xml.rels'] = rels([('rId1', REL, 'worksheet', 'http://example.org/s.xml', ' TargetMode="External"')])
package(parts)
)PY");
  ExpectRefused(ReadXlsx(external), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.path_escapes", {{"sheet", "survey"}}});
  const std::string missing = MakePackage(R"PY(
parts = simple('')
parts['xl/_rels/workbook.xml.rels'] = rels([('rId1', REL, 'worksheet', 'worksheets/absent.xml')])
package(parts)
)PY");
  ExpectRefused(ReadXlsx(missing), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.sheet_missing", {{"sheet", "survey"}}});
  const std::string no_relationship = MakePackage(R"PY(
parts = simple('')
parts['xl/workbook.xml'] = workbook([('survey', 'rId7')])
package(parts)
)PY");
  ExpectRefused(ReadXlsx(no_relationship), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.xlsx.sheet_missing", {{"sheet", "survey"}}});
  const std::string twice = MakePackage(R"PY(
parts = simple('')
parts['xl/workbook.xml'] = workbook([('survey', 'rId1'), ('survey', 'rId1')])
package(parts)
)PY");
  ExpectRefused(ReadXlsx(twice), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.sheet_repeated", {{"sheet", "survey"}}});
}

TEST(ReadXlsx, RefusesEncryptedEntries) {
  // The general purpose flag's bit 0 says the entry is encrypted (PKWARE's APPNOTE 4.4.4), as
  // `zip -e` sets it.
  const std::string flagged = MakePackage(R"PY(
package(simple('<row r="1"><c r="A1"><v>1</v></c></row>'))
patch(sys.argv[1], 'xl/worksheets/sheet1.xml', 6, 8, 1, size=2)
)PY");
  ExpectRefused(
      ReadXlsx(flagged), ErrorCode::kInvalidArgument,
      Message{"spreadsheet.xlsx.encrypted_entry", {{"part", "xl/worksheets/sheet1.xml"}}});
  if (RunCommand("command -v zip >/dev/null 2>&1").exit_code != 0) return;
  ScratchDir dir;
  std::filesystem::create_directories(dir.File("tree/xl/_rels"));
  std::filesystem::create_directories(dir.File("tree/xl/worksheets"));
  dir.Write("tree/xl/workbook.xml",
            R"(<workbook xmlns:r="r"><sheets><sheet name="s" r:id="rId1"/></sheets></workbook>)");
  dir.Write(
      "tree/xl/_rels/workbook.xml.rels",
      R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)");
  dir.Write("tree/xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>");
  const std::string zipped = dir.File("locked.xlsx");
  ASSERT_EQ(RunCommand("cd " + dir.File("tree") + " && zip -q -r -P secret " + zipped +
                       " xl/_rels xl/workbook.xml xl/worksheets")
                .exit_code,
            0);
  const auto result = ReadXlsx(ReadFile(zipped));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message.id, "spreadsheet.xlsx.encrypted_entry");
}

// A sheet of 200 MB of zeros deflates to about 200 KB: an upload well within the file limit.
constexpr const char* kBomb = R"PY(
parts = simple('')
del parts['xl/worksheets/sheet1.xml']
package(parts)
with zipfile.ZipFile(sys.argv[1], 'a', zipfile.ZIP_DEFLATED) as z:
    with z.open('xl/worksheets/sheet1.xml', 'w') as f:
        chunk = b'\0' * (1 << 20)
        for _ in range(200):
            f.write(chunk)
if sys.argv[2] == 'lying':
    patch(sys.argv[1], 'xl/worksheets/sheet1.xml', 22, 24, 1000)
)PY";

TEST(ReadXlsx, RefusesZipBombs) {
  const Message bomb{"spreadsheet.xlsx.too_large_uncompressed",
                     {{"part", "xl/worksheets/sheet1.xml"}, {"max_mib", 64}}};
  const std::string honest = MakePackage(kBomb, "honest");
  ASSERT_LT(honest.size(), std::size_t{1} << 20);
  ExpectRefused(ReadXlsx(honest), ErrorCode::kPayloadTooLarge, bomb);
  // The archive claims 1,000 bytes: inflating stops at the limit all the same.
  const std::string lying = MakePackage(kBomb, "lying");
  ExpectRefused(ReadXlsx(lying), ErrorCode::kPayloadTooLarge, bomb);
}

TEST(ReadXlsx, CountsTheUncompressedBytesOfEveryPartRead) {
  // Two sheets of one part of 700 KB each: the second read passes 1 MiB.
  const std::string bytes = MakePackage(R"PY(
parts = simple('<row r="1"><c r="A1"><v>1</v></c></row>' + ' ' * 700000)
parts['xl/workbook.xml'] = workbook([('survey', 'rId1'), ('encore', 'rId1')])
package(parts)
)PY");
  Limits limits;
  limits.max_uncompressed_bytes = std::size_t{1} << 20;
  ExpectRefused(ReadXlsx(bytes, limits), ErrorCode::kPayloadTooLarge,
                Message{"spreadsheet.xlsx.too_large_uncompressed",
                        {{"part", "xl/worksheets/sheet1.xml"}, {"max_mib", 1}}});
  EXPECT_TRUE(ReadXlsx(bytes));
}

TEST(ReadXlsx, KeepsToTheLimits) {
  const std::string bytes = OpenpyxlWorkbook();
  ASSERT_TRUE(ReadXlsx(bytes));
  Limits small_file;
  small_file.max_file_bytes = 100;
  ExpectRefused(ReadXlsx(bytes, small_file), ErrorCode::kPayloadTooLarge,
                Message{"spreadsheet.too_large", {{"max_mib", 1}}});
  Limits few_entries;
  few_entries.max_entries = 3;
  ExpectRefused(ReadXlsx(bytes, few_entries), ErrorCode::kPayloadTooLarge,
                Message{"spreadsheet.xlsx.too_many_entries", {{"max", 3}}});
  Limits few_cells;
  few_cells.max_cells = 20;
  ExpectRefused(ReadXlsx(bytes, few_cells), ErrorCode::kPayloadTooLarge,
                Message{"spreadsheet.too_many_cells", {{"max", 20}}});
  Limits short_cells;
  short_cells.max_cell_bytes = 3;
  ExpectRefused(
      ReadXlsx(bytes, short_cells), ErrorCode::kInvalidArgument,
      Message{"spreadsheet.xlsx.cell_too_long", {{"sheet", "survey"}, {"cell", "A1"}, {"max", 3}}});
  // One cell at the far corner of the grid is a grid of a million rows.
  const std::string corner = MakePackage(R"PY(
package(simple('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
)PY");
  Limits cells;
  cells.max_cells = 100'000;
  ExpectRefused(ReadXlsx(corner, cells), ErrorCode::kPayloadTooLarge,
                Message{"spreadsheet.too_many_cells", {{"max", 100'000}}});
}

// ---- Text rules of the cells -----------------------------------------------------------------

TEST(XlsxText, WritesNumbersAsPeopleRead) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"3", "3"},
      {"3.0", "3"},
      {"1.5", "1.5"},
      {"-0.25", "-0.25"},
      {"1.50", "1.5"},
      {"007", "7"},
      {"-0", "0"},
      {"-0.000", "0"},
      {"0.1", "0.1"},
      {"1E-3", "0.001"},
      {"1e-10", "1e-10"},
      {"1.0E+20", "100000000000000000000"},
      {"1E+21", "1e+21"},
      {"-1.5E-3", "-0.0015"},
      {"1.25E2", "125"},
      {"2.2000000000000002", "2.2"},
      {"0.30000000000000004", "0.30000000000000004"},
      {"123456789012345", "123456789012345"},
      {"12345678901234567890", "12345678901234567000"},
      {"abc", "abc"},
      {"", ""},
      {"+1", "+1"},
      {"1e999", "1e999"},
      {"nan", "nan"},
      {"1.", "1"},
  };
  for (const auto& [value, text] : cases) EXPECT_EQ(internal::NumberText(value), text) << value;
}

TEST(XlsxText, PlacesReferencesOnExcelsGrid) {
  using internal::ParseCellReference;
  EXPECT_EQ(ParseCellReference("A1")->row, 0u);
  EXPECT_EQ(ParseCellReference("A1")->column, 0u);
  EXPECT_EQ(ParseCellReference("AB7")->row, 6u);
  EXPECT_EQ(ParseCellReference("AB7")->column, 27u);
  EXPECT_EQ(ParseCellReference("XFD1048576")->column, 16'383u);
  EXPECT_EQ(ParseCellReference("XFD1048576")->row, 1'048'575u);
  for (const char* bad :
       {"", "A", "1", "A0", "A01", "a1", "1A", "XFE1", "AAAA1", "A1048577", "A1 ", "$A$1", "A-1"}) {
    EXPECT_FALSE(ParseCellReference(bad)) << bad;
  }
  EXPECT_EQ(ColumnLetters(28), "AB");
}

TEST(XlsxText, DecodesEscapes) {
  EXPECT_EQ(internal::DecodeEscapes("a_x000D__x000A_b"), "a\r\nb");
  EXPECT_EQ(internal::DecodeEscapes("_x005F_x0041_"), "_x0041_");
  EXPECT_EQ(internal::DecodeEscapes("_x00e9_t_x00E9_"), "été");
  EXPECT_EQ(internal::DecodeEscapes("_xD800_ _x12_ _x"), "_xD800_ _x12_ _x");
}

// ---- CSV ---------------------------------------------------------------------------------------

TEST(ReadCsv, ReadsWhatPythonsCsvWrites) {
  const std::string bytes = MakeWithPython(R"PY(
import csv, sys
rows = [['nom', 'remarque', 'nombre'],
        ['Élise', 'dit "bonjour", puis part', '3'],
        ['Zoé', 'ligne 1\nligne 2', ''],
        [],
        ['', ' espaces ', '1,5'],
        ['🌞', ';', '"']]
with open(sys.argv[1], 'w', newline='', encoding='utf-8') as f:
    csv.writer(f).writerows(rows)
)PY");
  const auto sheet = ReadCsv(bytes, "membres");
  ASSERT_TRUE(sheet) << sheet.error().message;
  EXPECT_EQ(sheet->name, "membres");
  const Rows rows = {{"nom", "remarque", "nombre"},
                     {"Élise", "dit \"bonjour\", puis part", "3"},
                     {"Zoé", "ligne 1\nligne 2"},  // the empty last cell is not kept
                     {},
                     {"", " espaces ", "1,5"},
                     {"🌞", ";", "\""}};
  EXPECT_EQ(sheet->rows, rows);
  EXPECT_EQ(Sniff(bytes), Format::kCsv);
}

TEST(ReadCsv, ReadsFrenchExcelsSemicolonsBomAndCrlf) {
  const std::string bytes =
      "\xEF\xBB\xBFnom;âge;ville\r\nÉlise;34;\"Saint-Étienne; "
      "Loire\"\r\nLéo;;\"deux\r\nlignes\"\r\n";
  EXPECT_EQ(Sniff(bytes), Format::kCsv);
  const auto sheet = ReadCsv(bytes, "feuille");
  ASSERT_TRUE(sheet) << sheet.error().message;
  EXPECT_EQ(sheet->rows, (Rows{{"nom", "âge", "ville"},
                               {"Élise", "34", "Saint-Étienne; Loire"},
                               {"Léo", "", "deux\nlignes"}}));
  // A first line with a comma keeps the comma, semicolons and all.
  EXPECT_EQ(ReadCsv("a;b,c\n1;2,3", "s")->rows, (Rows{{"a;b", "c"}, {"1;2", "3"}}));
  // Old Mac line ends, no final line break, a quote inside an unquoted field kept as text.
  EXPECT_EQ(ReadCsv("a,b\r5\" écran,x", "s")->rows, (Rows{{"a", "b"}, {"5\" écran", "x"}}));
  EXPECT_TRUE(ReadCsv("", "vide")->rows.empty());
  EXPECT_EQ(ReadCsv("\"\"\nx", "s")->rows, (Rows{{}, {"x"}}));
}

TEST(ReadCsv, RefusesWithTheLine) {
  // The quoted line break makes the bad byte's line the fourth.
  ExpectRefused(ReadCsv("a,b\n\"x\ny\",z\n\xC3\x28,ok\n", "s"), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.csv.not_utf8", {{"line", 4}}});
  ExpectRefused(ReadCsv("a\nb\n\xE9t\xE9\n", "s"), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.csv.not_utf8", {{"line", 3}}});
  ExpectRefused(ReadCsv("a,b\nc,\"open\nstill open", "s"), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.csv.unclosed_quote", {{"line", 2}}});
  ExpectRefused(ReadCsv("a\n\"quoted\"text,b", "s"), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.csv.text_after_quote", {{"line", 2}}});
  Limits limits;
  limits.max_cell_bytes = 4;
  ExpectRefused(ReadCsv("abcd\nabcde", "s", limits), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.csv.cell_too_long", {{"line", 2}, {"max", 4}}});
  ExpectRefused(ReadCsv("\"abcd\"\n\"abc\nde\"", "s", limits), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.csv.cell_too_long", {{"line", 2}, {"max", 4}}});
  limits = {};
  limits.max_cells = 5;
  ExpectRefused(ReadCsv("a,b\nc,d\ne", "s", limits), ErrorCode::kPayloadTooLarge,
                Message{"spreadsheet.too_many_cells", {{"max", 5}}});
  limits = {};
  limits.max_file_bytes = 3;
  ExpectRefused(ReadCsv("a,b\n", "s", limits), ErrorCode::kPayloadTooLarge,
                Message{"spreadsheet.too_large", {{"max_mib", 1}}});
}

// The layout pyxform itself writes (convert_file_to_csv_string): the sheet's name alone on a
// line, then its header and rows each after an empty first field.
TEST(ReadCsvWorkbook, ReadsPyxformsLayout) {
  const std::string bytes =
      "survey\r\n"
      ",type,name,label\r\n"
      ",text,nom,Votre nom\r\n"
      ",,,\r\n"
      ",integer,age,\"Âge, en années\"\r\n"
      "choices,list_name,name,label\r\n"  // the name and the header on one line
      ",oui_non,oui,Oui\r\n"
      "\r\n"
      "settings,,\r\n"
      ",,\r\n"  // before the header: dropped, so that the header is the first row
      ",form_title,form_id\r\n"
      ",Enquête 🌞,enquete\r\n"
      ",,\r\n";
  const auto workbook = ReadCsvWorkbook(bytes);
  ASSERT_TRUE(workbook) << workbook.error().message;
  EXPECT_EQ(SheetNames(*workbook), (std::vector<std::string>{"survey", "choices", "settings"}));
  EXPECT_EQ(SheetNamed(*workbook, "survey").rows, (Rows{{"type", "name", "label"},
                                                        {"text", "nom", "Votre nom"},
                                                        {},
                                                        {"integer", "age", "Âge, en années"}}));
  EXPECT_EQ(SheetNamed(*workbook, "choices").rows,
            (Rows{{"list_name", "name", "label"}, {"oui_non", "oui", "Oui"}}));
  EXPECT_EQ(SheetNamed(*workbook, "settings").rows,
            (Rows{{"form_title", "form_id"}, {"Enquête 🌞", "enquete"}}));
}

TEST(ReadCsvWorkbook, TakesASheetUpAgainUnderTheSameHeader) {
  const std::string bytes =
      "survey,type,name\n,text,a\nchoices,list_name,name\n,l,x\nsurvey,type,name\n,text,b\n";
  const auto workbook = ReadCsvWorkbook(bytes);
  ASSERT_TRUE(workbook) << workbook.error().message;
  EXPECT_EQ(SheetNamed(*workbook, "survey").rows,
            (Rows{{"type", "name"}, {"text", "a"}, {"text", "b"}}));
  ExpectRefused(ReadCsvWorkbook("survey,type,name\n,text,a\nsurvey,name,type\n,b,text\n"),
                ErrorCode::kInvalidArgument,
                Message{"spreadsheet.csv.header_changed", {{"sheet", "survey"}, {"line", 3}}});
}

// A line per sheet name: looking each up in a list would take quadratic time.
TEST(ReadCsvWorkbook, ReadsManySheetsInLinearTime) {
  std::string bytes;
  for (int i = 0; i < 100'000; ++i) bytes += "s" + std::to_string(i % 50'000) + ",v\n";
  const auto workbook = ReadCsvWorkbook(bytes);
  ASSERT_TRUE(workbook) << workbook.error().message;
  EXPECT_EQ(workbook->sheets.size(), 50'000u);
  EXPECT_EQ(workbook->sheets[7].rows, (Rows{{"v"}}));
}

TEST(ReadCsvWorkbook, RefusesRowsBeforeAnySheet) {
  ExpectRefused(ReadCsvWorkbook("\n,type,name\nsurvey\n"), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.csv.no_sheet", {{"line", 2}}});
  ExpectRefused(ReadCsvWorkbook("survey\n,ok\n,\xFF\n"), ErrorCode::kInvalidArgument,
                Message{"spreadsheet.csv.not_utf8", {{"line", 3}}});
  EXPECT_TRUE(ReadCsvWorkbook("")->sheets.empty());
}

TEST(Sniff, TellsTextFromTheRest) {
  EXPECT_EQ(Sniff("a,b\n"), Format::kCsv);
  EXPECT_EQ(Sniff("\xEF\xBB\xBF"
                  "a;b"),
            Format::kCsv);
  EXPECT_EQ(Sniff(""), Format::kUnknown);
  EXPECT_EQ(Sniff("  <html><table></table></html>"), Format::kUnknown);
  EXPECT_EQ(Sniff("\xFF\xFE"
                  "a\0,\0b\0"),
            Format::kUnknown);  // UTF-16 text
  EXPECT_EQ(Sniff("\x89PNG\r\n\x1A\n"), Format::kUnknown);
  EXPECT_EQ(Sniff("caf\xE9"), Format::kUnknown);  // Latin-1
  EXPECT_EQ(Sniff(std::string("PK\x05\x06", 4) + std::string(18, '\0')), Format::kXlsx);
}

}  // namespace
}  // namespace ensemble::spreadsheet
