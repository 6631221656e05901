#include "documents/pdf_writer.h"

#include <fmt/format.h>
#include <hpdf.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <numeric>

#include "documents/format.h"

namespace ensemble::documents {
namespace {

// A4 portrait in points, and the frame the content keeps to.
constexpr float kPageWidth = 595.276f;
constexpr float kPageHeight = 841.89f;
constexpr float kMargin = 56.0f;  // about 2 cm
constexpr float kContentTop = kPageHeight - kMargin;
constexpr float kContentBottom = kMargin + 14.0f;  // leaves room for the footer
constexpr float kFooterBaseline = kMargin - 16.0f;
constexpr float kContentWidth = kPageWidth - 2 * kMargin;

constexpr float kBodySize = 10.0f;
constexpr float kBodyLeading = 13.5f;
constexpr float kTableSize = 8.5f;
constexpr float kTableLeading = 11.0f;
constexpr float kCellPadX = 4.0f;
constexpr float kCellPadY = 3.0f;

// The first error libharu reported; libharu's errors are sticky, so later calls fail quietly and
// the first one is the one worth telling.
struct HaruErrors {
  HPDF_STATUS error = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void OnHaruError(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  auto* errors = static_cast<HaruErrors*>(user_data);
  if (errors->error == HPDF_OK) {
    errors->error = error;
    errors->detail = detail;
  }
}

struct DocDeleter {
  void operator()(HPDF_Doc doc) const { HPDF_Free(doc); }
};
using DocPtr = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter>;

std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

// Tabs and other controls would print as missing glyphs.
std::string Printable(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  }
  return out;
}

class Writer {
 public:
  Writer(HPDF_Doc doc, HaruErrors& errors, const Document& document)
      : doc_(doc), errors_(errors), document_(document) {}

  Status LoadFonts(const PdfOptions& options) {
    ENSEMBLE_TRY_STATUS(LoadFont(options.regular_font, "regular_font", regular_));
    ENSEMBLE_TRY_STATUS(LoadFont(options.bold_font, "bold_font", bold_));
    return Ok();
  }

  Status Write() {
    NewPage();
    TitleBlock();
    for (const Block& block : document_.blocks) {
      std::visit([this](const auto& b) { Draw(b); }, block);
      ENSEMBLE_TRY_STATUS(Check());
    }
    Footers();
    SetMetadata();
    return Check();
  }

  Status Check() const {
    if (errors_.error == HPDF_OK) return Ok();
    return Internal(
        fmt::format("libharu error 0x{:04X} (detail {}).", errors_.error, errors_.detail));
  }

 private:
  Status LoadFont(const std::string& path, const std::string& field, HPDF_Font& font) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
      return Unavailable(fmt::format("The font {} is missing.", path), field);
    }
    const char* name = HPDF_LoadTTFontFromFile(doc_, path.c_str(), HPDF_TRUE);
    font = name == nullptr ? nullptr : HPDF_GetFont(doc_, name, "UTF-8");
    if (font == nullptr || errors_.error != HPDF_OK) {
      return Unavailable(fmt::format("The font {} is not a TrueType font libharu can embed (error "
                                     "0x{:04X}).",
                                     path, errors_.error),
                         field);
    }
    return Ok();
  }

  float Width(HPDF_Font font, float size, std::string_view text) const {
    if (text.empty()) return 0;
    const HPDF_TextWidth width = HPDF_Font_TextWidth(
        font, reinterpret_cast<const HPDF_BYTE*>(text.data()), static_cast<HPDF_UINT>(text.size()));
    return static_cast<float>(width.width) * size / 1000.0f;
  }

  // Greedy line breaking at spaces and line breaks; a word wider than the line is cut between
  // characters. No-break spaces (inside figures) never break.
  std::vector<std::string> Wrap(HPDF_Font font, float size, std::string_view text,
                                float max_width) const {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (true) {
      const std::size_t end = text.find('\n', start);
      WrapLine(font, size, Printable(text.substr(start, end - start)), max_width, lines);
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    return lines;
  }

  void WrapLine(HPDF_Font font, float size, const std::string& text, float max_width,
                std::vector<std::string>& lines) const {
    std::string line;
    std::size_t i = 0;
    while (i <= text.size()) {
      std::size_t end = text.find(' ', i);
      if (end == std::string::npos) end = text.size();
      const std::string word = text.substr(i, end - i);
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (Width(font, size, candidate) <= max_width) {
        line = candidate;
      } else {
        if (!line.empty()) lines.push_back(line);
        line.clear();
        // Cut a word that cannot fit on a line of its own.
        for (std::size_t j = 0; j < word.size();) {
          const std::size_t length = SequenceLength(static_cast<unsigned char>(word[j]));
          const std::string longer = line + word.substr(j, length);
          if (!line.empty() && Width(font, size, longer) > max_width) {
            lines.push_back(line);
            line = word.substr(j, length);
          } else {
            line = longer;
          }
          j += length;
        }
      }
      i = end + 1;
    }
    lines.push_back(line);
  }

  void Text(HPDF_Font font, float size, float x, float y, const std::string& text) {
    if (text.empty()) return;
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, font, size);
    HPDF_Page_TextOut(page_, x, y, text.c_str());
    HPDF_Page_EndText(page_);
  }

  void Grey(float level) { HPDF_Page_SetGrayFill(page_, level); }

  void Rule(float x1, float x2, float y, float width, float grey) {
    HPDF_Page_SetLineWidth(page_, width);
    HPDF_Page_SetGrayStroke(page_, grey);
    HPDF_Page_MoveTo(page_, x1, y);
    HPDF_Page_LineTo(page_, x2, y);
    HPDF_Page_Stroke(page_);
  }

  void NewPage() {
    page_ = HPDF_AddPage(doc_);
    if (page_ == nullptr) return;
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    pages_.push_back(page_);
    y_ = kContentTop;
  }

  // Starts a new page unless `height` still fits above the footer.
  void EnsureSpace(float height) {
    if (y_ - height < kContentBottom) NewPage();
  }

  void Lines(HPDF_Font font, float size, float leading, float x,
             const std::vector<std::string>& lines) {
    for (const std::string& line : lines) {
      EnsureSpace(leading);
      y_ -= leading;
      Text(font, size, x, y_ + (leading - size) * 0.5f, line);
    }
  }

  void TitleBlock() {
    Grey(0);
    Lines(bold_, 18, 23, kMargin, Wrap(bold_, 18, document_.title, kContentWidth));
    if (!document_.subtitle.empty()) {
      Lines(regular_, 12.5f, 17, kMargin, Wrap(regular_, 12.5f, document_.subtitle, kContentWidth));
    }
    std::string byline = document_.author;
    if (!byline.empty()) byline += " — ";
    byline += FormatDate(document_.created, document_.language);
    Grey(0.35f);
    Lines(regular_, 9, 14, kMargin, Wrap(regular_, 9, byline, kContentWidth));
    Grey(0);
    y_ -= 6;
    Rule(kMargin, kPageWidth - kMargin, y_, 0.8f, 0.3f);
    y_ -= 10;
  }

  void Draw(const Heading& heading) {
    static constexpr float kSizes[] = {15, 12.5f, 11};
    const float size = kSizes[heading.level - 1];
    const float leading = size * 1.3f;
    const auto lines = Wrap(bold_, size, heading.text, kContentWidth);
    // A heading stays with the start of what follows it.
    y_ -= 8;
    EnsureSpace(static_cast<float>(lines.size()) * leading + 3 * kBodyLeading);
    Lines(bold_, size, leading, kMargin, lines);
    y_ -= 4;
  }

  void Draw(const Paragraph& paragraph) {
    Lines(regular_, kBodySize, kBodyLeading, kMargin,
          Wrap(regular_, kBodySize, paragraph.text, kContentWidth));
    y_ -= 6;
  }

  void Draw(const KeyValueList& list) {
    float key_width = 0;
    for (const KeyValue& item : list.items) {
      key_width = std::max(key_width, Width(bold_, kBodySize, item.key));
    }
    key_width = std::min(key_width + 12, kContentWidth * 0.4f);
    const float value_x = kMargin + key_width;
    for (const KeyValue& item : list.items) {
      const auto keys = Wrap(bold_, kBodySize, item.key, key_width - 12);
      const auto values = Wrap(regular_, kBodySize, item.value, kContentWidth - key_width);
      const std::size_t count = std::max(keys.size(), values.size());
      const float height = static_cast<float>(count) * kBodyLeading;
      if (height > kContentTop - kContentBottom) {
        // Taller than a page: the value follows its key, running over as a paragraph would.
        Lines(bold_, kBodySize, kBodyLeading, kMargin, keys);
        Lines(regular_, kBodySize, kBodyLeading, value_x, values);
        continue;
      }
      EnsureSpace(height);
      const float top = y_;
      Lines(bold_, kBodySize, kBodyLeading, kMargin, keys);
      y_ = top;
      Lines(regular_, kBodySize, kBodyLeading, value_x, values);
      y_ = top - height;
    }
    y_ -= 6;
  }

  // The width of the widest word: what a header needs when it wraps.
  float WidestWord(HPDF_Font font, std::string_view text) const {
    float widest = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find(' ', start);
      if (end == std::string_view::npos) end = text.size();
      widest = std::max(widest, Width(font, kTableSize, text.substr(start, end - start)));
      start = end + 1;
    }
    return widest;
  }

  std::vector<float> ColumnWidths(const Table& table) const {
    const std::size_t n = table.columns.size();
    std::vector<float> natural(n, 0);  // everything on one line
    std::vector<float> compact(n, 0);  // the header wrapped at its spaces
    for (std::size_t c = 0; c < n; ++c) {
      float cells = 0;
      for (const Row& row : table.rows) {
        cells =
            std::max(cells, Width(regular_, kTableSize, FormatCell(row[c], document_.language)));
      }
      if (table.totals) {
        cells = std::max(
            cells, Width(bold_, kTableSize, FormatCell((*table.totals)[c], document_.language)));
      }
      const std::string& header = table.columns[c].header;
      natural[c] = std::max(cells, Width(bold_, kTableSize, header)) + 2 * kCellPadX;
      compact[c] = std::max(cells, WidestWord(bold_, header)) + 2 * kCellPadX;
    }
    const float total = std::accumulate(natural.begin(), natural.end(), 0.0f);
    if (total <= kContentWidth) {
      // The table spans the frame; the extra room goes to each column in proportion.
      for (float& width : natural) width *= kContentWidth / total;
      return natural;
    }
    // Too wide: headers wrap, and the columns get a max-min fair share. Columns that need less
    // than an equal share of what is left (figures, dates, short text) keep their width; the
    // others split the rest equally and wrap. So one long comment cannot squeeze the amounts
    // into a column of single characters.
    std::vector<float> widths = compact;
    std::vector<bool> settled(n, false);
    float remaining = kContentWidth;
    std::size_t open = n;
    for (bool changed = true; changed && open > 0;) {
      changed = false;
      const float share = remaining / static_cast<float>(open);
      for (std::size_t c = 0; c < n; ++c) {
        if (settled[c] || compact[c] > share) continue;
        settled[c] = true;
        remaining -= compact[c];
        --open;
        changed = true;
      }
    }
    if (open > 0) {
      for (std::size_t c = 0; c < n; ++c) {
        if (!settled[c]) widths[c] = remaining / static_cast<float>(open);
      }
      return widths;
    }
    // Everything fits once headers wrap: what is left goes to each column in proportion.
    const float used = kContentWidth - remaining;
    for (float& width : widths) width *= kContentWidth / used;
    return widths;
  }

  struct LaidRow {
    std::vector<std::vector<std::string>> lines;
    float height = 0;
  };

  LaidRow Lay(const Table& table, const std::vector<std::string>& texts, HPDF_Font font,
              const std::vector<float>& widths) const {
    // A row taller than a page would never fit: its cells are cut to a page's height.
    const auto max_lines =
        static_cast<std::size_t>((kContentTop - kContentBottom - 4 * kCellPadY) / kTableLeading) -
        4;
    LaidRow laid;
    std::size_t count = 1;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      auto lines = Wrap(font, kTableSize, texts[c], widths[c] - 2 * kCellPadX);
      if (lines.size() > max_lines) {
        lines.resize(max_lines);
        lines.back() += " …";
      }
      count = std::max(count, lines.size());
      laid.lines.push_back(std::move(lines));
    }
    laid.height = static_cast<float>(count) * kTableLeading + 2 * kCellPadY;
    return laid;
  }

  void DrawRow(const Table& table, const LaidRow& row, HPDF_Font font,
               const std::vector<float>& widths, float fill) {
    const float top = y_;
    if (fill < 1.0f) {
      HPDF_Page_SetGrayFill(page_, fill);
      HPDF_Page_Rectangle(page_, kMargin, top - row.height, kContentWidth, row.height);
      HPDF_Page_Fill(page_);
    }
    Grey(0);
    float x = kMargin;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      float baseline = top - kCellPadY - kTableLeading + (kTableLeading - kTableSize) * 0.5f + 1;
      for (const std::string& line : row.lines[c]) {
        const float left = AlignmentOf(table.columns[c].kind) == Alignment::kRight
                               ? x + widths[c] - kCellPadX - Width(font, kTableSize, line)
                               : x + kCellPadX;
        Text(font, kTableSize, left, baseline, line);
        baseline -= kTableLeading;
      }
      x += widths[c];
    }
    y_ = top - row.height;
  }

  std::vector<std::string> Texts(const Row& row) const {
    std::vector<std::string> texts;
    for (const Cell& cell : row) texts.push_back(FormatCell(cell, document_.language));
    return texts;
  }

  void Draw(const Table& table) {
    const std::vector<float> widths = ColumnWidths(table);
    std::vector<std::string> headers;
    for (const Column& column : table.columns) headers.push_back(column.header);
    const LaidRow header = Lay(table, headers, bold_, widths);
    const auto caption = Wrap(bold_, 10.5f, table.caption, kContentWidth);

    y_ -= 4;
    // The caption, the header and a first row stay together.
    const float first_row =
        table.rows.empty() ? 0 : Lay(table, Texts(table.rows[0]), regular_, widths).height;
    EnsureSpace(static_cast<float>(caption.size()) * 14 + header.height + first_row);
    if (!table.caption.empty()) Lines(bold_, 10.5f, 14, kMargin, caption);
    y_ -= 2;
    DrawRow(table, header, bold_, widths, 0.88f);
    for (const Row& row : table.rows) {
      const LaidRow laid = Lay(table, Texts(row), regular_, widths);
      if (y_ - laid.height < kContentBottom) {
        NewPage();
        DrawRow(table, header, bold_, widths, 0.88f);
      }
      DrawRow(table, laid, regular_, widths, 1.0f);
      Rule(kMargin, kMargin + kContentWidth, y_, 0.3f, 0.75f);
    }
    if (table.totals) {
      const LaidRow laid = Lay(table, Texts(*table.totals), bold_, widths);
      if (y_ - laid.height < kContentBottom) {
        NewPage();
        DrawRow(table, header, bold_, widths, 0.88f);
      }
      Rule(kMargin, kMargin + kContentWidth, y_, 0.9f, 0);
      DrawRow(table, laid, bold_, widths, 1.0f);
    }
    y_ -= 10;
  }

  // Colour-blind-safe series colours (Okabe and Ito), as RGB.
  static constexpr float kSeries[][3] = {
      {0.00f, 0.45f, 0.70f}, {0.90f, 0.62f, 0.00f}, {0.00f, 0.62f, 0.45f}, {0.80f, 0.47f, 0.65f},
      {0.34f, 0.71f, 0.91f}, {0.84f, 0.37f, 0.00f}, {0.94f, 0.89f, 0.26f}, {0.40f, 0.40f, 0.40f}};

  void Fill(std::size_t series) {
    const auto& rgb = kSeries[series % std::size(kSeries)];
    HPDF_Page_SetRGBFill(page_, rgb[0], rgb[1], rgb[2]);
  }

  void Box(float x, float y, float width, float height) {
    if (width <= 0 || height <= 0) return;
    HPDF_Page_Rectangle(page_, x, y, width, height);
    HPDF_Page_Fill(page_);
  }

  // The legend: a square of each series' colour and its name, as many to a line as fit.
  void Legend(const BarChart& chart) {
    float x = kMargin;
    y_ -= kTableLeading;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const std::string name = Printable(chart.series[s]);
      const float width = 10 + Width(regular_, kTableSize, name) + 12;
      if (x + width > kMargin + kContentWidth && x > kMargin) {
        x = kMargin;
        y_ -= kTableLeading;
      }
      EnsureSpace(kTableLeading);
      Fill(s);
      Box(x, y_ + 1, 7, 7);
      Grey(0);
      Text(regular_, kTableSize, x + 10, y_ + 1, name);
      x += width;
    }
    y_ -= 6;
  }

  void Draw(const BarChart& chart) {
    const auto caption = Wrap(bold_, 10.5f, chart.caption, kContentWidth);
    const bool shares = chart.kind == BarChart::Kind::kShares;
    const float bar = shares ? 11.0f : 6.0f;
    const float category_height =
        (shares ? bar : bar * static_cast<float>(std::max<std::size_t>(chart.series.size(), 1))) +
        6;
    // The labels' column: the longest category name, up to a third of the width.
    float label_width = 0;
    for (const std::string& category : chart.categories) {
      label_width = std::max(label_width, Width(regular_, kTableSize, Printable(category)));
    }
    label_width = std::min(label_width + 8, kContentWidth / 3);
    const float x0 = kMargin + label_width;
    const float width = kContentWidth - label_width;
    double largest = 0;
    for (const auto& row : chart.values) {
      for (const auto& value : row) largest = std::max(largest, value.value_or(0));
    }
    y_ -= 4;
    EnsureSpace(static_cast<float>(caption.size()) * 14 + category_height);
    if (!chart.caption.empty()) Lines(bold_, 10.5f, 14, kMargin, caption);
    y_ -= 2;
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
      EnsureSpace(category_height);
      y_ -= category_height;
      Grey(0);
      const auto label = Wrap(regular_, kTableSize, chart.categories[c], label_width - 8);
      if (!label.empty())
        Text(regular_, kTableSize, kMargin, y_ + category_height - 3 - kTableSize, label[0]);
      const auto& row = chart.values[c];
      if (shares) {
        // The whole first, pale: what stays pale is what the suppressed cells hold.
        Grey(0.9f);
        Box(x0, y_ + 3, width, bar);
        float x = x0;
        for (std::size_t s = 0; s < row.size(); ++s) {
          if (!row[s] || chart.totals[c] <= 0) continue;
          const float w = static_cast<float>(*row[s] / chart.totals[c]) * width;
          Fill(s);
          Box(x, y_ + 3, w, bar);
          x += w;
        }
        continue;
      }
      for (std::size_t s = 0; s < row.size(); ++s) {
        if (!row[s] || largest <= 0) continue;
        Fill(s);
        const float top = y_ + category_height - 3 - bar * static_cast<float>(s + 1);
        Box(x0, top, static_cast<float>(*row[s] / largest) * width, bar - 1);
      }
    }
    Grey(0);
    Legend(chart);
  }

  // Written once the pages are counted; libharu keeps every page's content open until saving.
  void Footers() {
    const std::string left = fmt::format("{} — {}", Printable(document_.title),
                                         FormatDate(document_.created, document_.language));
    for (std::size_t i = 0; i < pages_.size(); ++i) {
      page_ = pages_[i];
      Rule(kMargin, kPageWidth - kMargin, kFooterBaseline + 11, 0.4f, 0.6f);
      Grey(0.35f);
      const std::string number = document_.language == Language::kFrench
                                     ? fmt::format("Page {} / {}", i + 1, pages_.size())
                                     : fmt::format("Page {} of {}", i + 1, pages_.size());
      const float number_width = Width(regular_, 8, number);
      const auto lines = Wrap(regular_, 8, left, kContentWidth - number_width - 20);
      Text(regular_, 8, kMargin, kFooterBaseline, lines.front());
      Text(regular_, 8, kPageWidth - kMargin - number_width, kFooterBaseline, number);
      Grey(0);
    }
  }

  void SetMetadata() {
    if (!document_.title.empty()) HPDF_SetInfoAttr(doc_, HPDF_INFO_TITLE, document_.title.c_str());
    if (!document_.subtitle.empty()) {
      HPDF_SetInfoAttr(doc_, HPDF_INFO_SUBJECT, document_.subtitle.c_str());
    }
    if (!document_.author.empty()) {
      HPDF_SetInfoAttr(doc_, HPDF_INFO_AUTHOR, document_.author.c_str());
    }
    HPDF_SetInfoAttr(doc_, HPDF_INFO_CREATOR, "Ensemble");
    const Date date = ParseIsoDate(document_.created, "created").value_or(Date{2000, 1, 1});
    HPDF_Date created = {date.year, date.month, date.day, 0, 0, 0, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(doc_, HPDF_INFO_CREATION_DATE, created);
  }

  HPDF_Doc doc_;
  HaruErrors& errors_;
  const Document& document_;
  HPDF_Font regular_ = nullptr;
  HPDF_Font bold_ = nullptr;
  HPDF_Page page_ = nullptr;
  std::vector<HPDF_Page> pages_;
  float y_ = kContentTop;
};

}  // namespace

Result<std::string> WritePdf(const Document& document, const PdfOptions& options) {
  ENSEMBLE_TRY_STATUS(ValidateDocument(document));
  HaruErrors errors;
  DocPtr doc(HPDF_New(OnHaruError, &errors));
  if (!doc) return Internal("libharu could not start a document.");
  HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(doc.get());
  // The metadata strings are read through the current encoder.
  HPDF_SetCurrentEncoder(doc.get(), "UTF-8");

  Writer writer(doc.get(), errors, document);
  ENSEMBLE_TRY_STATUS(writer.Check());
  ENSEMBLE_TRY_STATUS(writer.LoadFonts(options));
  ENSEMBLE_TRY_STATUS(writer.Write());

  HPDF_SaveToStream(doc.get());
  ENSEMBLE_TRY_STATUS(writer.Check());
  std::string bytes(HPDF_GetStreamSize(doc.get()), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ResetStream(doc.get());
  HPDF_ReadFromStream(doc.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  // Reading to the end reports HPDF_STREAM_EOF through the handler: not a failure.
  if (errors.error == HPDF_STREAM_EOF) errors.error = HPDF_OK;
  ENSEMBLE_TRY_STATUS(writer.Check());
  bytes.resize(size);
  return bytes;
}

Status WritePdfFile(const Document& document, const std::string& path, const PdfOptions& options) {
  const std::string bytes = ENSEMBLE_TRY(WritePdf(document, options));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    return Unavailable(fmt::format("Could not write {}.", path), "path");
  }
  return Ok();
}

}  // namespace ensemble::documents
