// The XLSForm reader and the XForm writer on any sheets: the input is text, a line "#name"
// starting a sheet, each other line a row of cells separated by tabs. Beside not crashing: a
// form the reader accepts comes out as a well-formed XForm in which every bind names a node of
// the main instance and every body control a bind, and a refused form says where.
#include <pugixml.hpp>
#include <string>

#include "core/workbook.h"
#include "domain/surveys/xform.h"
#include "domain/surveys/xlsform.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {
namespace {

Workbook BookOf(const std::uint8_t* data, std::size_t size) {
  Workbook book;
  Lines lines(data, size);
  while (!lines.Rest().empty()) {
    const std::string_view line = lines.Next();
    if (line.starts_with("#")) {
      book.sheets.push_back({std::string(line.substr(1)), {}});
      continue;
    }
    if (book.sheets.empty()) book.sheets.push_back({"survey", {}});
    std::vector<std::string> cells;
    std::string_view rest = line;
    for (auto tab = rest.find('\t'); tab != std::string_view::npos; tab = rest.find('\t')) {
      cells.emplace_back(rest.substr(0, tab));
      rest.remove_prefix(tab + 1);
    }
    cells.emplace_back(rest);
    book.sheets.back().rows.push_back(std::move(cells));
  }
  return book;
}

}  // namespace

void FuzzXlsform(const std::uint8_t* data, std::size_t size) {
  surveys::XlsFormLimits limits;
  limits.max_questions = 500;
  limits.max_choices = 500;
  limits.max_errors = 20;
  const surveys::XlsFormReading reading = surveys::ReadXlsForm(BookOf(data, size), limits);
  ENSEMBLE_FUZZ_CHECK(reading.form.has_value() == reading.errors.empty());
  ENSEMBLE_FUZZ_CHECK(reading.errors.size() <= limits.max_errors);
  for (const surveys::Problem& problem : reading.errors) {
    ENSEMBLE_FUZZ_CHECK(problem.message.id.starts_with("surveys.xlsform."));
  }
  if (!reading.form) return;
  const std::string xform = surveys::WriteXForm(*reading.form);
  pugi::xml_document document;
  ENSEMBLE_FUZZ_CHECK(document.load_string(xform.c_str()));
  const pugi::xml_node data_node =
      document.select_node("/h:html/h:head/model/instance[not(@id)]/*").node();
  ENSEMBLE_FUZZ_CHECK(data_node);
  for (const pugi::xpath_node& bind : document.select_nodes("/h:html/h:head/model/bind")) {
    const std::string nodeset = bind.node().attribute("nodeset").value();
    const std::string root = "/" + std::string(data_node.name());
    ENSEMBLE_FUZZ_CHECK(nodeset.starts_with(root + "/"));
    // A path of element names: walk it in the instance.
    pugi::xml_node at = data_node;
    std::string_view rest = std::string_view(nodeset).substr(root.size() + 1);
    while (at && !rest.empty()) {
      const auto slash = rest.find('/');
      at = at.child(std::string(rest.substr(0, slash)).c_str());
      rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
    }
    ENSEMBLE_FUZZ_CHECK(at);
  }
}

}  // namespace ensemble::fuzz
