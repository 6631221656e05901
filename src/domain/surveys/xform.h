// Writes the ODK XForm of a questionnaire (https://getodk.github.io/xforms-spec/), the document
// that ODK Collect, Enketo and @getodk/web-forms fill, as pyxform writes it for the same
// XLSForm: an instance with a meta/instanceID, one bind per question, the body, translations in
// itext when the form has languages or media, each choice list as a secondary instance read by
// an itemset (choice_filter becomes its predicate), `${name}` resolved to absolute paths, or to
// paths relative to the question inside a shared repeat, as the specification requires for
// repeated questions.
//
// The form must have been read by ReadXlsForm (or built under the same rules): the writer does
// not check names or references again.
#pragma once

#include <string>

#include "domain/surveys/form.h"

namespace ensemble::surveys {

std::string WriteXForm(const Form& form);

// The path an expression of the question at `context` uses for the question at `target`
// (absolute paths both): relative ("../age") when a repeat holds both, absolute otherwise.
// `repeat_paths` lists every repeat of the form.
std::string PathFrom(const std::string& context, const std::string& target,
                     const std::vector<std::string>& repeat_paths);

}  // namespace ensemble::surveys
