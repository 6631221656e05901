#include "tests/support/openapi_contract.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "http/api/route_match.h"

namespace ensemble::test_support {
namespace {

namespace json = boost::json;

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// "application/json; charset=utf-8" -> "application/json".
std::string MediaTypeOf(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
  return Lower(type);
}

bool IsJson(std::string_view media_type) {
  return media_type == "application/json" || media_type.ends_with("+json");
}

// The documented media type an answer's type falls under: exact, then "text/*", then "*/*".
const json::value* MediaEntry(const json::object& content, const std::string& media_type) {
  if (const json::value* exact = content.if_contains(media_type)) return exact;
  const std::string range = media_type.substr(0, media_type.find('/')) + "/*";
  if (const json::value* ranged = content.if_contains(range)) return ranged;
  return content.if_contains("*/*");
}

// The first value of a header (lower-case name), or "".
std::string HeaderOf(const OpenApiContract::Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "";
}

std::string Keys(const json::object& object) {
  std::string keys;
  for (const auto& [key, unused] : object) keys += (keys.empty() ? "" : ", ") + std::string(key);
  return keys;
}

}  // namespace

OpenApiContract::OpenApiContract(json::value document, std::string load_error)
    : document_(std::make_unique<const json::value>(std::move(document))),
      load_error_(std::move(load_error)),
      validator_(*document_) {}

std::unique_ptr<OpenApiContract> OpenApiContract::FromFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return std::make_unique<OpenApiContract>(json::value(), "cannot read " + path);
  std::stringstream text;
  text << file.rdbuf();
  boost::system::error_code error;
  json::value document = json::parse(text.str(), error);
  if (error) {
    return std::make_unique<OpenApiContract>(json::value(),
                                             path + " is not JSON: " + error.message());
  }
  return std::make_unique<OpenApiContract>(std::move(document));
}

std::string OpenApiContract::PathTemplate(std::string_view path) const {
  const json::value* paths =
      document_->is_object() ? document_->as_object().if_contains("paths") : nullptr;
  if (paths == nullptr || !paths->is_object()) return "";
  std::string best;
  std::size_t best_parameters = 0;
  for (const auto& [pattern, unused] : paths->as_object()) {
    const auto params = http::MatchRoute(pattern, path);
    if (!params) continue;
    if (best.empty() || params->values.size() < best_parameters) {
      best = std::string(pattern);
      best_parameters = params->values.size();
    }
  }
  return best;
}

const json::value* OpenApiContract::Followed(const json::value* value) const {
  for (int hops = 0; value != nullptr && value->is_object() && hops < 8; ++hops) {
    const json::value* ref = value->as_object().if_contains("$ref");
    if (ref == nullptr || !ref->is_string()) break;
    const std::string_view target = ref->as_string();
    value = target.starts_with('#') ? validator_.Resolve(target.substr(1)) : nullptr;
  }
  return value != nullptr && value->is_object() ? value : nullptr;
}

const json::value* OpenApiContract::Response(const json::object& operation, int status) const {
  const json::value* responses = operation.if_contains("responses");
  if (responses == nullptr || !responses->is_object()) return nullptr;
  const std::string exact = std::to_string(status);
  const json::value* response = responses->as_object().if_contains(exact);
  if (response == nullptr) response = responses->as_object().if_contains(exact.substr(0, 1) + "XX");
  if (response == nullptr) response = responses->as_object().if_contains("default");
  return Followed(response);
}

std::vector<std::string> OpenApiContract::Check(std::string_view method, std::string_view target,
                                                int status, const Headers& headers,
                                                std::string_view body) const {
  if (!load_error_.empty()) return {load_error_};
  const std::string_view path = target.substr(0, target.find_first_of("?#"));
  const std::string pattern = PathTemplate(path);
  if (pattern.empty()) return {"no path of docs/openapi.json matches " + std::string(path)};
  const json::object& item = document_->at("paths").at(pattern).as_object();
  const bool head = method == "HEAD";
  // A HEAD is GET's unless the document describes one of its own (OpenRosa's submission).
  const json::value* operation = item.if_contains(Lower(method));
  if (operation == nullptr && head) operation = item.if_contains("get");
  if (operation == nullptr || !operation->is_object()) {
    return {"docs/openapi.json has no " + std::string(method) + " on " + pattern +
            " (it has: " + Keys(item) + ")"};
  }
  const json::value* response = Response(operation->as_object(), status);
  if (response == nullptr) {
    return {"docs/openapi.json documents no " + std::to_string(status) + " answer for " +
            std::string(method) + " " + pattern};
  }
  const std::string where = std::string(method) + " " + pattern + " " + std::to_string(status);
  std::vector<std::string> problems = CheckHeaders(response->as_object(), headers, where);
  const std::vector<std::string> body_problems =
      CheckBody(response->as_object(), HeaderOf(headers, "content-type"), head ? "" : body, where);
  problems.insert(problems.end(), body_problems.begin(), body_problems.end());
  return problems;
}

std::vector<std::string> OpenApiContract::CheckHeaders(const json::object& response,
                                                       const Headers& headers,
                                                       const std::string& where) const {
  const json::value* documented = response.if_contains("headers");
  if (documented == nullptr || !documented->is_object()) return {};
  std::vector<std::string> problems;
  for (const auto& [name, header_value] : documented->as_object()) {
    const json::value* header = Followed(&header_value);
    if (header == nullptr) continue;
    const std::string lower = Lower(name);
    const bool present = std::any_of(headers.begin(), headers.end(),
                                     [&lower](const auto& pair) { return pair.first == lower; });
    if (!present) {
      if (header->as_object().contains("required") && header->at("required") == true) {
        problems.push_back(where + " misses the required header " + std::string(name));
      }
      continue;
    }
    const json::value* schema = header->as_object().if_contains("schema");
    if (schema == nullptr) continue;
    // A header is text; one documented as an integer must read as one.
    const std::string text = HeaderOf(headers, lower);
    json::value value(text);
    if (schema->is_object() && schema->as_object().contains("type") &&
        schema->at("type") == "integer") {
      std::int64_t number = 0;
      const auto [rest, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (error == std::errc{} && rest == text.data() + text.size()) value = number;
    }
    for (auto& problem : validator_.Validate(*schema, value)) {
      problems.push_back(where + " header " + std::string(name) + " " + problem);
    }
  }
  return problems;
}

std::vector<std::string> OpenApiContract::CheckBody(const json::object& response,
                                                    std::string_view content_type,
                                                    std::string_view body,
                                                    const std::string& where) const {
  const json::value* content = response.if_contains("content");
  if (content == nullptr || !content->is_object() || content->as_object().empty()) {
    if (body.empty()) return {};
    return {where + " is documented without a body, but the answer has " +
            std::to_string(body.size()) + " bytes of " + std::string(content_type)};
  }
  const std::string media_type = MediaTypeOf(content_type);
  const json::value* media = MediaEntry(content->as_object(), media_type);
  if (media == nullptr) {
    return {where + " answered Content-Type \"" + std::string(content_type) +
            "\", not one the document lists (" + Keys(content->as_object()) + ")"};
  }
  // HEAD answers come with GET's Content-Type and no body.
  if (body.empty() && where.starts_with("HEAD ")) return {};
  if (!IsJson(media_type)) return {};
  boost::system::error_code error;
  const json::value parsed = json::parse(body, error);
  if (error) return {where + " answered a body that is not JSON: " + error.message()};
  const json::value* schema =
      media->is_object() ? media->as_object().if_contains("schema") : nullptr;
  if (schema == nullptr) return {where + " documents " + media_type + " without a schema"};
  std::vector<std::string> problems = validator_.Validate(*schema, parsed);
  for (auto& problem : problems) problem = where + " body " + problem;
  return problems;
}

std::vector<std::string> OpenApiContract::CheckSchema(std::string_view name,
                                                      const json::value& value) const {
  if (!load_error_.empty()) return {load_error_};
  const std::string pointer = "/components/schemas/" + std::string(name);
  const json::value* schema = validator_.Resolve(pointer);
  if (schema == nullptr) return {"docs/openapi.json has no schema at #" + pointer};
  return validator_.Validate(*schema, value);
}

const OpenApiContract& EnsembleApiContract() {
  static const std::unique_ptr<OpenApiContract> contract =
      OpenApiContract::FromFile(ENSEMBLE_OPENAPI_JSON);
  return *contract;
}

}  // namespace ensemble::test_support
