// Old Excel workbooks (.xls, BIFF8) converted to .xlsx by LibreOffice headless, when the server
// has it: Ensemble reads no BIFF itself, and LibreOffice reads every .xls that Excel writes. The
// conversion runs in a folder of its own with a profile of its own (no macro runs in a headless
// conversion), one at a time, and is stopped after its time limit: a hostile file costs at most
// that. Without LibreOffice, an .xls is refused with what to do (save it as .xlsx).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ensemble::spreadsheet {

// LibreOffice's program where Debian installs it (libreoffice-calc-nogui), "" when absent.
std::string FindSoffice();

// The workbook as .xlsx bytes. kInvalidArgument (spreadsheet.xls.conversion_failed, field "file")
// when LibreOffice fails, produces nothing or overruns `timeout`.
Result<std::string> ConvertXlsToXlsx(std::string_view xls, const std::string& soffice,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace ensemble::spreadsheet
