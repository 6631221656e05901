// PDF reports (through libharu) of a whole document, for printing and for funders: A4 portrait,
// the title block, headings, wrapped paragraphs, key-value lists, and tables that break across
// pages repeating their header row, numbers right-aligned; a footer with the title, the date and
// "Page 2 / 5" ("Page 2 of 5" in English); the title, author and creation date in the file's
// metadata. Text is UTF-8 in an embedded TrueType font (DejaVu by default), so French accents,
// « guillemets », dashes and the euro sign print. libharu reports errors through a handler;
// they come back as Result errors, never as exceptions or jumps. Each call has its own PDF
// document: safe to call from several threads.
#pragma once

#include <string>

#include "core/error.h"
#include "documents/document.h"

namespace ensemble::documents {

struct PdfOptions {
  std::string regular_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

// The PDF's bytes. kInvalidArgument when the document breaks ValidateDocument; kUnavailable
// naming "regular_font" or "bold_font" when a font cannot be read or is not TrueType; kInternal
// with libharu's error number for anything else libharu refuses.
Result<std::string> WritePdf(const Document& document, const PdfOptions& options = {});

// The same into `path` (kUnavailable naming field "path" when it cannot be written).
Status WritePdfFile(const Document& document, const std::string& path,
                    const PdfOptions& options = {});

}  // namespace ensemble::documents
