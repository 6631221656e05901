#include "domain/surveys/xlsform.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

namespace ensemble::surveys {
namespace {

constexpr std::string_view kSurvey = "survey";
constexpr std::string_view kChoices = "choices";
constexpr std::string_view kSettings = "settings";

// Without the spaces around, the no-break spaces Excel users type included.
std::string Trim(std::string_view text) {
  constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (true) {
    if (!text.empty() && is_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(kNoBreakSpace)) {
      text.remove_prefix(kNoBreakSpace.size());
    } else if (!text.empty() && is_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kNoBreakSpace)) {
      text.remove_suffix(kNoBreakSpace.size());
    } else {
      return std::string(text);
    }
  }
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The code points of valid UTF-8, or nullopt.
std::optional<std::u32string> Decode(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80           ? 1
                               : (lead >> 5) == 0x6  ? 2
                               : (lead >> 4) == 0xE  ? 3
                               : (lead >> 3) == 0x1E ? 4
                                                     : 0;
    if (length == 0 || i + length > text.size()) return std::nullopt;
    auto point = static_cast<char32_t>(length == 1 ? lead : lead & (0x7F >> length));
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      point = (point << 6) | (next & 0x3F);
    }
    static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (point < kSmallest[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) {
      return std::nullopt;  // Overlong, beyond Unicode, or a surrogate.
    }
    out.push_back(point);
    i += length;
  }
  return out;
}

// XML 1.0's Char: what a text node or an attribute may hold (no NUL, no control characters
// but tab and line breaks).
bool IsXmlChar(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

bool IsXmlText(std::string_view text) {
  const auto points = Decode(text);
  return points && std::all_of(points->begin(), points->end(), IsXmlChar);
}

// XML 1.0's NameStartChar, without the colon (an NCName: instance elements have no prefix).
bool IsNameStart(char32_t c) {
  return (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
         (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
         (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
         (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}

bool IsNameChar(char32_t c) {
  return IsNameStart(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
         (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

// An XML name without a colon (NCName), as XForm instance elements need; names in any script
// are valid XML.
bool IsXmlName(std::string_view name) {
  const auto points = Decode(name);
  if (!points || points->empty() || !IsNameStart(points->front())) return false;
  return std::all_of(points->begin(), points->end(), IsNameChar);
}

// The columns that hold a text per language, under their canonical names.
bool IsTranslatable(std::string_view base) {
  static const std::set<std::string_view> kTranslatable = {"label",
                                                           "hint",
                                                           "guidance_hint",
                                                           "required_message",
                                                           "constraint_message",
                                                           "media::image",
                                                           "media::big-image",
                                                           "media::audio",
                                                           "media::video"};
  return kTranslatable.contains(base);
}

// The canonical name of a column's base: lower case, spaces as underscores, and the older
// spellings the specification still accepts.
std::string CanonicalBase(std::string_view raw) {
  std::string base = Lower(Trim(raw));
  std::replace(base.begin(), base.end(), ' ', '_');
  static const std::map<std::string, std::string, std::less<>> kAliases = {
      {"jr:constraintmsg", "constraint_message"},
      {"jr:requiredmsg", "required_message"},
      {"calculate", "calculation"},
      {"jr:count", "repeat_count"},
      {"readonly", "read_only"},
      {"image", "media::image"},
      {"big-image", "media::big-image"},
      {"audio", "media::audio"},
      {"video", "media::video"},
      {"value", "name"},
      {"guidance", "guidance_hint"},
  };
  if (const auto alias = kAliases.find(base); alias != kAliases.end()) return alias->second;
  return base;
}

struct Column {
  std::size_t index = 0;
  std::string header;  // As written, for messages.
  std::string base;    // Canonical: "label", "media::image", "constraint".
  std::string language;
};

Column ParseHeader(std::size_t index, std::string_view header) {
  Column column{index, Trim(header), {}, {}};
  std::vector<std::string> parts;
  std::string_view rest = column.header;
  for (auto at = rest.find("::"); at != std::string_view::npos; at = rest.find("::")) {
    parts.emplace_back(rest.substr(0, at));
    rest.remove_prefix(at + 2);
  }
  parts.emplace_back(rest);
  std::size_t language_from = 1;
  if (Lower(Trim(parts[0])) == "media" && parts.size() >= 2) {
    column.base = "media::" + Lower(Trim(parts[1]));
    language_from = 2;
  } else {
    column.base = CanonicalBase(parts[0]);
  }
  for (std::size_t i = language_from; i < parts.size(); ++i) {
    if (!column.language.empty()) column.language += "::";
    column.language += Trim(parts[i]);
  }
  return column;
}

// One data row of a sheet, by canonical column: the untranslated text under "", each language
// under its name.
struct Row {
  std::size_t number = 0;  // As a spreadsheet shows it.
  std::map<std::string, Translations, std::less<>> cells;
  std::map<std::string, std::string, std::less<>> headers;  // base -> a header, for messages.

  std::string Text(std::string_view base) const {
    const auto found = cells.find(base);
    if (found == cells.end()) return {};
    const auto plain = found->second.find("");
    return plain == found->second.end() ? std::string() : plain->second;
  }
  Translations Texts(std::string_view base) const {
    const auto found = cells.find(base);
    return found == cells.end() ? Translations{} : found->second;
  }
};

class Reader {
 public:
  Reader(const Workbook& workbook, const XlsFormLimits& limits)
      : workbook_(workbook), limits_(limits) {}

  XlsFormReading Read() {
    const Sheet* survey = FindSheet(kSurvey);
    if (survey == nullptr) {
      Error("", 0, "", Message{"surveys.xlsform.no_survey_sheet"});
      return Finish();
    }
    WarnAboutOtherSheets();
    ReadSettings();
    ReadChoices();
    ReadSurvey(*survey);
    CheckReferences();
    CheckCalculationCycles();
    return Finish();
  }

 private:
  void Error(std::string sheet, std::size_t row, std::string column, Message message) {
    if (result_.errors.size() < limits_.max_errors) {
      result_.errors.push_back({std::move(sheet), row, std::move(column), std::move(message)});
    }
  }
  void Warn(std::string sheet, std::size_t row, std::string column, Message message) {
    if (result_.warnings.size() < limits_.max_errors) {
      result_.warnings.push_back({std::move(sheet), row, std::move(column), std::move(message)});
    }
  }
  bool Full() const { return result_.errors.size() >= limits_.max_errors; }

  XlsFormReading Finish() {
    if (result_.errors.empty()) result_.form = std::move(form_);
    return std::move(result_);
  }

  // Sheet names compare without case and surrounding spaces, as pyxform does.
  const Sheet* FindSheet(std::string_view name) const {
    for (const Sheet& sheet : workbook_.sheets) {
      if (Lower(Trim(sheet.name)) == name) return &sheet;
    }
    return nullptr;
  }

  void WarnAboutOtherSheets() {
    for (const Sheet& sheet : workbook_.sheets) {
      const std::string name = Lower(Trim(sheet.name));
      if (name == kSurvey || name == kChoices || name == kSettings) continue;
      if (name == "external_choices" || name == "entities") {
        Error(sheet.name, 0, "",
              Message{"surveys.xlsform.unsupported_sheet", {{"sheet", sheet.name}}});
      } else {
        Warn(sheet.name, 0, "", Message{"surveys.xlsform.sheet_ignored", {{"sheet", sheet.name}}});
      }
    }
  }

  // The header (the first non-empty row) and the data rows after it, with the languages their
  // translated columns name. Unknown columns are reported once by `known`.
  std::vector<Row> Rows(const Sheet& sheet, const std::function<bool(std::string_view)>& known,
                        bool keep_unknown) {
    std::size_t header_row = 0;
    while (header_row < sheet.rows.size() && IsEmpty(sheet.rows[header_row])) ++header_row;
    if (header_row == sheet.rows.size()) return {};
    std::vector<Column> columns;
    std::set<std::string> seen;
    for (std::size_t c = 0; c < sheet.rows[header_row].size(); ++c) {
      const std::string& header = sheet.rows[header_row][c];
      if (Trim(header).empty()) continue;
      if (!IsXmlText(header)) {
        Error(sheet.name, header_row + 1, ColumnLetters(c + 1),
              Message{"surveys.xlsform.bad_text"});
        continue;
      }
      Column column = ParseHeader(c, header);
      const std::string key = column.base + "::" + column.language;
      if (!seen.insert(key).second) {
        Error(sheet.name, header_row + 1, column.header,
              Message{"surveys.xlsform.duplicate_column", {{"column", column.header}}});
        continue;
      }
      if (!known(column.base)) {
        if (!keep_unknown) {
          Warn(sheet.name, header_row + 1, column.header,
               Message{"surveys.xlsform.column_ignored", {{"column", column.header}}});
          continue;
        }
      } else if (!column.language.empty() && !IsTranslatable(column.base)) {
        Warn(sheet.name, header_row + 1, column.header,
             Message{"surveys.xlsform.language_ignored", {{"column", column.header}}});
        column.language.clear();
      }
      columns.push_back(std::move(column));
    }
    std::vector<Row> rows;
    for (std::size_t r = header_row + 1; r < sheet.rows.size(); ++r) {
      if (IsEmpty(sheet.rows[r])) continue;
      Row row;
      row.number = r + 1;
      bool unreadable = false;  // Then the row is left out: its other errors would mislead.
      for (const Column& column : columns) {
        std::string text = Trim(sheet.Cell(r, column.index));
        row.headers.emplace(column.base, column.header);
        if (text.empty()) continue;
        if (!IsXmlText(text)) {
          Error(sheet.name, r + 1, column.header, Message{"surveys.xlsform.bad_text"});
          unreadable = true;
          continue;
        }
        if (IsTranslatable(column.base)) NoteLanguage(column.language);
        row.cells[column.base][column.language] = std::move(text);
      }
      if (!unreadable) rows.push_back(std::move(row));
    }
    return rows;
  }

  static bool IsEmpty(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(),
                       [](const std::string& cell) { return Trim(cell).empty(); });
  }

  void NoteLanguage(const std::string& language) {
    auto& languages = form_.languages;
    if (std::find(languages.begin(), languages.end(), language) == languages.end()) {
      languages.push_back(language);
    }
  }

  // --- settings ---------------------------------------------------------------------------

  void ReadSettings() {
    const Sheet* sheet = FindSheet(kSettings);
    if (sheet == nullptr) return;
    static const std::set<std::string_view> kKnown = {"form_title",     "form_id",
                                                      "version",        "default_language",
                                                      "instance_name",  "public_key",
                                                      "submission_url", "style",
                                                      "name",           "allow_choice_duplicates"};
    const std::vector<Row> rows = Rows(
        *sheet, [](std::string_view base) { return kKnown.contains(base); }, false);
    if (rows.empty()) return;
    const Row& row = rows.front();
    Settings& settings = form_.settings;
    settings.form_title = row.Texts("form_title");
    settings.form_id = row.Text("form_id");
    settings.version = row.Text("version");
    settings.default_language = row.Text("default_language");
    settings.instance_name = row.Text("instance_name");
    settings.public_key = row.Text("public_key");
    settings.submission_url = row.Text("submission_url");
    settings.style = row.Text("style");
    allow_choice_duplicates_ = IsYes(row.Text("allow_choice_duplicates"));
    if (const std::string root = row.Text("name"); !root.empty()) {
      if (IsXmlName(root)) {
        settings.root_name = root;
      } else {
        Error(sheet->name, row.number, "name",
              Message{"surveys.xlsform.bad_name", {{"name", root}}});
      }
    }
    if (!settings.form_id.empty() && !IsXmlName(settings.form_id)) {
      Error(sheet->name, row.number, "form_id",
            Message{"surveys.xlsform.bad_form_id", {{"form_id", settings.form_id}}});
    }
    if (rows.size() > 1) {
      Warn(sheet->name, rows[1].number, "", Message{"surveys.xlsform.settings_extra_rows"});
    }
    settings_row_ = row.number;
  }

  static bool IsYes(std::string_view text) {
    const std::string word = Lower(text);
    return word == "yes" || word == "true" || word == "true()" || word == "1" || word == "oui";
  }
  static bool IsNo(std::string_view text) {
    const std::string word = Lower(text);
    return word.empty() || word == "no" || word == "false" || word == "false()" || word == "0" ||
           word == "non";
  }

  // --- choices ----------------------------------------------------------------------------

  void ReadChoices() {
    const Sheet* sheet = FindSheet(kChoices);
    if (sheet == nullptr) return;
    const std::vector<Row> rows = Rows(
        *sheet, [](std::string_view) { return true; }, true);
    std::size_t count = 0;
    for (const Row& row : rows) {
      if (Full()) return;
      if (++count > limits_.max_choices) {
        Error(sheet->name, row.number, "",
              Message{"surveys.xlsform.too_many_choices", {{"max", limits_.max_choices}}});
        return;
      }
      ReadChoice(*sheet, row);
    }
  }

  void ReadChoice(const Sheet& sheet, const Row& row) {
    const std::string list_name = row.Text("list_name");
    const std::string name = row.Text("name");
    if (list_name.empty()) {
      Error(sheet.name, row.number, "list_name", Message{"surveys.xlsform.choice_without_list"});
      return;
    }
    if (name.empty()) {
      Error(sheet.name, row.number, "name", Message{"surveys.xlsform.choice_without_name"});
      return;
    }
    ChoiceList* list = nullptr;
    for (ChoiceList& known : form_.choices) {
      if (known.name == list_name) list = &known;
    }
    if (list == nullptr) {
      if (!IsXmlName(list_name)) {
        Error(sheet.name, row.number, "list_name",
              Message{"surveys.xlsform.bad_list_name", {{"list", list_name}}});
        return;
      }
      list = &form_.choices.emplace_back(ChoiceList{list_name, {}});
    }
    const bool duplicate = std::any_of(list->choices.begin(), list->choices.end(),
                                       [&](const Choice& choice) { return choice.name == name; });
    if (duplicate && !allow_choice_duplicates_) {
      Error(sheet.name, row.number, "name",
            Message{"surveys.xlsform.duplicate_choice", {{"list", list_name}, {"name", name}}});
      return;
    }
    Choice choice;
    choice.name = name;
    choice.label = row.Texts("label");
    choice.row = row.number;
    for (const auto& [base, texts] : row.cells) {
      if (base.starts_with("media::")) {
        choice.media[base.substr(7)] = texts;
      } else if (base != "list_name" && base != "name" && base != "label") {
        const auto plain = texts.find("");
        if (plain != texts.end()) choice.columns[base] = plain->second;
      }
    }
    if (choice.label.empty() && choice.media.empty()) {
      Warn(sheet.name, row.number, "label",
           Message{"surveys.xlsform.choice_without_label", {{"list", list_name}, {"name", name}}});
    }
    list->choices.push_back(std::move(choice));
  }

  // --- survey -----------------------------------------------------------------------------

  struct Open {
    Node* node = nullptr;  // nullptr for the survey itself.
    std::size_t row = 0;
    std::set<std::string> names;  // Of its direct children.
  };

  void ReadSurvey(const Sheet& sheet) {
    survey_sheet_ = sheet.name;
    static const std::set<std::string_view> kKnown = {"type",
                                                      "name",
                                                      "label",
                                                      "hint",
                                                      "guidance_hint",
                                                      "required",
                                                      "required_message",
                                                      "relevant",
                                                      "constraint",
                                                      "constraint_message",
                                                      "calculation",
                                                      "trigger",
                                                      "default",
                                                      "appearance",
                                                      "choice_filter",
                                                      "parameters",
                                                      "read_only",
                                                      "repeat_count",
                                                      "media::image",
                                                      "media::big-image",
                                                      "media::audio",
                                                      "media::video",
                                                      "note"};
    const std::vector<Row> rows = Rows(
        sheet, [](std::string_view base) { return kKnown.contains(base); }, false);
    if (!Full() && rows.empty()) {
      Error(sheet.name, 0, "", Message{"surveys.xlsform.empty_survey"});
      return;
    }
    // The open groups and repeats, innermost last; nodes are built in place, so the stack holds
    // the index path to each rather than pointers that a push_back would invalidate.
    std::vector<std::size_t> path;
    std::vector<Open> open{{nullptr, 0, {}}};
    std::size_t questions = 0;
    for (const Row& row : rows) {
      if (Full()) return;
      if (++questions > limits_.max_questions) {
        Error(sheet.name, row.number, "",
              Message{"surveys.xlsform.too_many_questions", {{"max", limits_.max_questions}}});
        return;
      }
      ReadSurveyRow(sheet, row, path, open);
    }
    for (std::size_t i = open.size(); i > 1; --i) {
      const Node& unclosed = *open[i - 1].node;
      Error(sheet.name, open[i - 1].row, "type",
            Message{unclosed.kind == NodeKind::kRepeat ? "surveys.xlsform.unclosed_repeat"
                                                       : "surveys.xlsform.unclosed_group",
                    {{"name", unclosed.name}}});
    }
  }

  std::vector<Node>& Children(const std::vector<std::size_t>& path) {
    std::vector<Node>* level = &form_.survey;
    for (const std::size_t index : path) level = &(*level)[index].children;
    return *level;
  }

  void ReadSurveyRow(const Sheet& sheet, const Row& row, std::vector<std::size_t>& path,
                     std::vector<Open>& open) {
    std::string type = Lower(Trim(row.Text("type")));
    // "begin  group", "begin_group": one space between the words.
    std::replace(type.begin(), type.end(), '_', ' ');
    std::string words;
    for (std::size_t i = 0; i < type.size(); ++i) {
      if (type[i] == ' ' && (words.empty() || words.back() == ' ')) continue;
      words += type[i];
    }
    if (!words.empty() && words.back() == ' ') words.pop_back();
    const std::string raw_type = Trim(row.Text("type"));
    if (words.empty()) {
      Error(sheet.name, row.number, "type", Message{"surveys.xlsform.missing_type"});
      return;
    }
    if (words == "end group" || words == "end repeat") {
      Close(sheet, row, words == "end repeat" ? NodeKind::kRepeat : NodeKind::kGroup, path, open);
      return;
    }
    Node node;
    node.row = row.number;
    node.name = row.Text("name");
    if (words == "begin group" || words == "begin repeat") {
      node.kind = words == "begin repeat" ? NodeKind::kRepeat : NodeKind::kGroup;
    } else if (!ReadType(sheet, row, raw_type, node)) {
      return;
    }
    if (!CheckName(sheet, row, node, open.back())) return;
    FillColumns(sheet, row, node);
    std::vector<Node>& level = Children(path);
    level.push_back(std::move(node));
    if (level.back().kind != NodeKind::kQuestion) {
      if (open.size() > limits_.max_depth) {
        Error(sheet.name, row.number, "type",
              Message{"surveys.xlsform.too_deep", {{"max", limits_.max_depth}}});
        return;
      }
      path.push_back(level.size() - 1);
      open.push_back({&level.back(), row.number, {}});
    }
  }

  void Close(const Sheet& sheet, const Row& row, NodeKind kind, std::vector<std::size_t>& path,
             std::vector<Open>& open) {
    if (open.size() == 1) {
      Error(sheet.name, row.number, "type",
            Message{kind == NodeKind::kRepeat ? "surveys.xlsform.end_repeat_without_begin"
                                              : "surveys.xlsform.end_group_without_begin"});
      return;
    }
    const Node& closing = *open.back().node;
    if (closing.kind != kind) {
      Error(sheet.name, row.number, "type",
            Message{kind == NodeKind::kRepeat ? "surveys.xlsform.end_repeat_closes_group"
                                              : "surveys.xlsform.end_group_closes_repeat",
                    {{"name", closing.name}, {"row", open.back().row}}});
      return;
    }
    open.pop_back();
    path.pop_back();
  }

  bool ReadType(const Sheet& sheet, const Row& row, const std::string& raw, Node& node) {
    std::vector<std::string> parts;
    std::string part;
    for (const char c : raw) {
      if (c == ' ' || c == '\t') {
        if (!part.empty()) parts.push_back(std::move(part));
        part.clear();
      } else {
        part += c;
      }
    }
    if (!part.empty()) parts.push_back(std::move(part));
    std::string word = Lower(parts[0]);
    // "select one yes_no", "select all that apply yes_no": the older spellings.
    std::size_t list_at = 1;
    if (word == "select" && parts.size() >= 3 && Lower(parts[1]) == "one") {
      word = "select_one";
      list_at = 2;
    } else if (word == "select" && parts.size() >= 5 && Lower(parts[1]) == "all") {
      word = "select_multiple";
      list_at = 4;
    }
    if (word == "select_one_from_file" || word == "select_multiple_from_file") {
      Error(sheet.name, row.number, "type",
            Message{"surveys.xlsform.from_file_unsupported", {{"type", raw}}});
      return false;
    }
    const std::optional<QuestionType> type = TypeOfWord(word == "datetime" ? "dateTime" : word);
    if (!type) {
      Error(sheet.name, row.number, "type",
            Message{"surveys.xlsform.unknown_type", {{"type", raw}}});
      return false;
    }
    node.type = *type;
    if (TakesChoiceList(*type)) {
      if (parts.size() <= list_at) {
        Error(sheet.name, row.number, "type",
              Message{"surveys.xlsform.missing_list", {{"type", raw}}});
        return false;
      }
      node.list_name = parts[list_at];
      if (parts.size() > list_at + 1) {
        const bool or_other = Lower(parts[list_at + 1]) == "or_other";
        Error(sheet.name, row.number, "type",
              Message{or_other ? "surveys.xlsform.or_other_unsupported"
                               : "surveys.xlsform.unknown_type",
                      {{"type", raw}}});
        return false;
      }
      if (form_.FindList(node.list_name) == nullptr) {
        Error(sheet.name, row.number, "type",
              Message{"surveys.xlsform.unknown_list", {{"list", node.list_name}}});
        return false;
      }
    } else if (parts.size() > 1) {
      Error(sheet.name, row.number, "type",
            Message{"surveys.xlsform.unknown_type", {{"type", raw}}});
      return false;
    }
    return true;
  }

  bool CheckName(const Sheet& sheet, const Row& row, const Node& node, Open& parent) {
    if (node.name.empty()) {
      Error(sheet.name, row.number, "name", Message{"surveys.xlsform.missing_name"});
      return false;
    }
    if (!IsXmlName(node.name)) {
      Error(sheet.name, row.number, "name",
            Message{"surveys.xlsform.bad_name", {{"name", node.name}}});
      return false;
    }
    if (node.name == "meta" || !parent.names.insert(node.name).second) {
      Error(sheet.name, row.number, "name",
            Message{"surveys.xlsform.duplicate_name", {{"name", node.name}}});
      return false;
    }
    ++name_counts_[node.name];
    return true;
  }

  void FillColumns(const Sheet& sheet, const Row& row, Node& node) {
    node.label = row.Texts("label");
    node.hint = row.Texts("hint");
    node.guidance_hint = row.Texts("guidance_hint");
    node.required_message = row.Texts("required_message");
    node.constraint_message = row.Texts("constraint_message");
    for (const auto& [base, texts] : row.cells) {
      if (base.starts_with("media::")) node.media[base.substr(7)] = texts;
    }
    node.required = Boolean(row, "required");
    node.read_only = Boolean(row, "read_only");
    node.relevant = row.Text("relevant");
    node.constraint = row.Text("constraint");
    node.calculation = row.Text("calculation");
    node.trigger = row.Text("trigger");
    node.default_value = row.Text("default");
    node.appearance = row.Text("appearance");
    node.choice_filter = row.Text("choice_filter");
    node.repeat_count = row.Text("repeat_count");
    ReadParameters(sheet, row, node);
    CheckColumnsFitKind(sheet, row, node);
  }

  // "yes" is true(), "no" or nothing is "", anything else an expression that decides.
  static std::string Boolean(const Row& row, std::string_view base) {
    const std::string text = row.Text(base);
    if (IsNo(text)) return {};
    if (IsYes(text)) return "true()";
    return text;
  }

  // "start=0 end=10 step=0.5": space-separated key=value pairs, as pyxform reads them.
  void ReadParameters(const Sheet& sheet, const Row& row, Node& node) {
    const std::string text = row.Text("parameters");
    std::string pair;
    const auto take = [&](const std::string& item) {
      if (item.empty()) return;
      const auto equals = item.find('=');
      if (equals == std::string::npos || equals + 1 == item.size() ||
          !IsXmlName(item.substr(0, equals))) {
        Error(sheet.name, row.number, "parameters",
              Message{"surveys.xlsform.bad_parameter", {{"parameter", item}}});
        return;
      }
      node.parameters[Lower(item.substr(0, equals))] = item.substr(equals + 1);
    };
    for (const char c : text) {
      if (c == ' ' || c == ';' || c == ',') {
        take(pair);
        pair.clear();
      } else {
        pair += c;
      }
    }
    take(pair);
  }

  void CheckColumnsFitKind(const Sheet& sheet, const Row& row, const Node& node) {
    if (node.kind == NodeKind::kQuestion && node.type == QuestionType::kCalculate &&
        node.calculation.empty()) {
      Error(sheet.name, row.number, "calculation",
            Message{"surveys.xlsform.calculate_without_calculation", {{"name", node.name}}});
    }
    if (!node.repeat_count.empty() && node.kind != NodeKind::kRepeat) {
      Warn(sheet.name, row.number, "repeat_count",
           Message{"surveys.xlsform.repeat_count_ignored", {{"name", node.name}}});
    }
    if (!node.choice_filter.empty() && !TakesChoiceList(node.type)) {
      Warn(sheet.name, row.number, "choice_filter",
           Message{"surveys.xlsform.choice_filter_ignored", {{"name", node.name}}});
    }
    if (node.kind == NodeKind::kQuestion && node.type == QuestionType::kRange) {
      for (const auto& [key, value] : node.parameters) {
        if (key != "start" && key != "end" && key != "step") {
          Error(sheet.name, row.number, "parameters",
                Message{"surveys.xlsform.bad_parameter", {{"parameter", key + "=" + value}}});
        }
      }
    }
    const bool needs_label = node.kind == NodeKind::kQuestion && !IsMetadata(node.type) &&
                             node.type != QuestionType::kCalculate &&
                             node.type != QuestionType::kHidden;
    if (needs_label && node.label.empty() && node.media.empty()) {
      Warn(sheet.name, row.number, "label",
           Message{"surveys.xlsform.question_without_label", {{"name", node.name}}});
    }
  }

  // --- references -------------------------------------------------------------------------

  // Every `${name}` of the survey names one question, group or repeat of the form.
  void CheckReferences() {
    if (survey_sheet_.empty()) return;
    Visit(form_.survey, [&](const Node& node) { CheckNodeReferences(node); });
    if (!form_.settings.instance_name.empty()) {
      for (const std::string& name : ReferencesIn(form_.settings.instance_name)) {
        CheckReference(FindSheet(kSettings)->name, settings_row_, "instance_name", name);
      }
    }
  }

  void CheckNodeReferences(const Node& node) {
    const auto check_text = [&](std::string_view column, std::string_view text) {
      for (const std::string& name : ReferencesIn(text)) {
        CheckReference(survey_sheet_, node.row, std::string(column), name);
      }
    };
    const auto check_texts = [&](std::string_view column, const Translations& texts) {
      for (const auto& [language, text] : texts) check_text(column, text);
    };
    check_texts("label", node.label);
    check_texts("hint", node.hint);
    check_texts("guidance_hint", node.guidance_hint);
    check_texts("required_message", node.required_message);
    check_texts("constraint_message", node.constraint_message);
    check_text("required", node.required);
    check_text("read_only", node.read_only);
    check_text("relevant", node.relevant);
    check_text("constraint", node.constraint);
    check_text("calculation", node.calculation);
    check_text("trigger", node.trigger);
    check_text("default", node.default_value);
    check_text("choice_filter", node.choice_filter);
    check_text("repeat_count", node.repeat_count);
    if (!node.trigger.empty() && ReferencesIn(node.trigger).empty()) {
      Error(survey_sheet_, node.row, "trigger",
            Message{"surveys.xlsform.bad_trigger",
                    {{"trigger", node.trigger}, {"example", "${age}"}}});
    }
  }

  void CheckReference(const std::string& sheet, std::size_t row, const std::string& column,
                      const std::string& name) {
    const auto count = name_counts_.find(name);
    if (count == name_counts_.end()) {
      Error(sheet, row, column,
            Message{"surveys.xlsform.unknown_reference",
                    {{"name", name}, {"reference", "${" + name + "}"}}});
    } else if (count->second > 1) {
      Error(sheet, row, column,
            Message{"surveys.xlsform.ambiguous_reference",
                    {{"name", name}, {"reference", "${" + name + "}"}}});
    }
  }

  static void Visit(const std::vector<Node>& nodes, const std::function<void(const Node&)>& visit) {
    for (const Node& node : nodes) {
      visit(node);
      Visit(node.children, visit);
    }
  }

  // A calculation may not depend on itself, directly or through other calculations: the
  // engines would loop or refuse the form.
  void CheckCalculationCycles() {
    std::map<std::string, const Node*> calculated;
    Visit(form_.survey, [&](const Node& node) {
      if (!node.calculation.empty() && name_counts_[node.name] == 1) calculated[node.name] = &node;
    });
    enum class Mark { kNone, kOpen, kDone };
    std::map<std::string, Mark> marks;
    std::vector<std::string> trail;
    std::function<bool(const std::string&)> visit = [&](const std::string& name) {
      const auto found = calculated.find(name);
      if (found == calculated.end()) return false;
      Mark& mark = marks[name];
      if (mark == Mark::kDone) return false;
      if (mark == Mark::kOpen) {
        trail.push_back(name);
        return true;
      }
      mark = Mark::kOpen;
      trail.push_back(name);
      for (const std::string& next : ReferencesIn(found->second->calculation)) {
        if (visit(next)) return true;
      }
      trail.pop_back();
      marks[name] = Mark::kDone;
      return false;
    };
    for (const auto& [name, node] : calculated) {
      trail.clear();
      if (!visit(name)) continue;
      // The trail ends with the name that closed the cycle; the cycle starts where it first is.
      const std::string& closing = trail.back();
      const auto start = std::find(trail.begin(), trail.end(), closing);
      std::string cycle;
      for (auto it = start; it != trail.end(); ++it) {
        if (!cycle.empty()) cycle += " → ";
        cycle += *it;
      }
      Error(survey_sheet_, calculated[closing]->row, "calculation",
            Message{"surveys.xlsform.cyclic_calculation", {{"cycle", cycle}}});
      return;
    }
  }

  const Workbook& workbook_;
  const XlsFormLimits& limits_;
  XlsFormReading result_;
  Form form_;
  std::string survey_sheet_;
  std::size_t settings_row_ = 0;
  bool allow_choice_duplicates_ = false;
  std::map<std::string, int> name_counts_;
};

}  // namespace

std::vector<std::string> ReferencesIn(std::string_view text) {
  std::vector<std::string> names;
  for (auto open = text.find("${"); open != std::string_view::npos; open = text.find("${")) {
    text.remove_prefix(open + 2);
    const auto close = text.find('}');
    std::string name(text.substr(0, close));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    if (close == std::string_view::npos) break;
    text.remove_prefix(close + 1);
  }
  return names;
}

XlsFormReading ReadXlsForm(const Workbook& workbook, const XlsFormLimits& limits) {
  return Reader(workbook, limits).Read();
}

}  // namespace ensemble::surveys
