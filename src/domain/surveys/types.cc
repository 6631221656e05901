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

}  // namespace ensemble::surveys
