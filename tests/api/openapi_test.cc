// docs/openapi.json and the routing table describe the same API: every route is documented,
// nothing undocumented is served, and every operation documents its error answers. That each
// answer matches the document is checked on every request of every test (http_client.h).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/api/api_fixture.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

json::value LoadOpenApi() {
  std::ifstream file(std::string(ENSEMBLE_SOURCE_DIR) + "/docs/openapi.json");
  std::stringstream text;
  text << file.rdbuf();
  return json::parse(text.str());
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST_F(ApiTest, OpenApiDocumentsExactlyTheRoutes) {
  const json::value spec = LoadOpenApi();
  EXPECT_EQ(spec.at("openapi").as_string().subview().substr(0, 2), "3.");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : spec.at("paths").as_object()) {
    for (const auto& [method, operation] : item.as_object()) {
      if (method == "parameters") continue;
      documented.emplace(Upper(std::string(method)), std::string(path));
      EXPECT_TRUE(operation.as_object().contains("responses")) << method << " " << path;
    }
  }
  std::set<std::pair<std::string, std::string>> served;
  for (const auto& route : router_->routes()) served.emplace(route.method, route.pattern);
  EXPECT_EQ(documented, served);
}

bool IsStateChanging(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The parameters of a path template: "/structures/{id}/calendar-feeds/{feed_id}" -> id, feed_id.
std::set<std::string> TemplateParameters(std::string_view pattern) {
  std::set<std::string> names;
  for (auto open = pattern.find('{'); open != std::string_view::npos;
       open = pattern.find('{', open + 1)) {
    const auto close = pattern.find('}', open);
    names.emplace(pattern.substr(open + 1, close - open - 1));
  }
  return names;
}

// The refusals an operation can meet before or around its handler, from what the router and the
// server do: oversized headers (431), a bug (500), the database busy or down (503); on a
// signed-in route, no valid session (401); on a state-changing one, a missing CSRF token or
// another site (403); with a body, one too large, not JSON or breaking a rule (413, 415, 400);
// with an integer id in the path, one that is not a positive integer (400). Each must be
// documented with the error schema, or the answer checks of every test would fail only once a
// test happens to meet it.
TEST_F(ApiTest, OpenApiDocumentsTheRefusalsOfEveryOperation) {
  const json::value spec = LoadOpenApi();
  for (const auto& route : router_->routes()) {
    const json::object& operation =
        spec.at("paths").at(route.pattern).at(Lower(route.method)).as_object();
    std::set<std::string> expected = {"431", "500", "503"};
    if (route.access == http::Access::kSignedIn) expected.insert("401");
    if (IsStateChanging(route.method)) expected.insert("403");
    if (operation.contains("requestBody")) expected.insert({"400", "413", "415"});
    std::set<std::string> declared;
    if (const json::value* parameters = operation.if_contains("parameters")) {
      for (const auto& parameter : parameters->as_array()) {
        if (parameter.at("in") != "path") continue;
        declared.emplace(parameter.at("name").as_string());
        if (parameter.at("schema").at("type") == "integer") expected.insert("400");
      }
    }
    const std::string name = route.method + " " + route.pattern;
    EXPECT_EQ(declared, TemplateParameters(route.pattern)) << name << ": path parameters";
    const json::object& responses = operation.at("responses").as_object();
    for (const auto& status : expected) {
      const json::value* response = responses.if_contains(status);
      EXPECT_NE(response, nullptr) << name << " does not document " << status;
      if (response == nullptr || status == "431") continue;
      // An error answer is the Error schema, through components/responses; OpenRosa's own
      // refusals (those its handlers make) are OpenRosa's response document.
      ASSERT_TRUE(response->as_object().contains("$ref")) << name << " " << status;
      const std::string ref(response->at("$ref").as_string());
      const auto& content =
          spec.at("components").at("responses").at(ref.substr(ref.rfind('/') + 1)).at("content");
      if (route.access == http::Access::kSecretPath && ref.ends_with("/OpenRosaRefusal")) {
        EXPECT_TRUE(content.as_object().contains("text/xml")) << name << " " << status;
        continue;
      }
      EXPECT_EQ(content.at("application/json").at("schema").at("$ref"),
                "#/components/schemas/Error")
          << name << " " << status;
    }
  }
}

}  // namespace
}  // namespace ensemble::testing_support
