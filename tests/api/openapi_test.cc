// docs/openapi.json and the routing table describe the same API: every route is documented,
// nothing undocumented is served, and every operation documents its error answers.
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

}  // namespace
}  // namespace ensemble::testing_support
