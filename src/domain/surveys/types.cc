#include "domain/surveys/types.h"

namespace ensemble::surveys {

std::string_view ToString(FormState state) { return state == FormState::kOpen ? "open" : "closed"; }

std::optional<FormState> FormStateFrom(std::string_view text) {
  if (text == "open") return FormState::kOpen;
  if (text == "closed") return FormState::kClosed;
  return std::nullopt;
}

std::string_view ToString(SourceFormat format) {
  return format == SourceFormat::kXlsx ? "xlsx" : "csv";
}

std::optional<SourceFormat> SourceFormatFrom(std::string_view text) {
  if (text == "xlsx") return SourceFormat::kXlsx;
  if (text == "csv") return SourceFormat::kCsv;
  return std::nullopt;
}

namespace {
constexpr std::string_view kExportStates[] = {"queued", "running", "done", "failed"};
}  // namespace

std::string_view ToString(ExportState state) { return kExportStates[static_cast<int>(state)]; }

std::optional<ExportState> ExportStateFrom(std::string_view text) {
  for (int i = 0; i < 4; ++i) {
    if (kExportStates[i] == text) return static_cast<ExportState>(i);
  }
  return std::nullopt;
}

}  // namespace ensemble::surveys
