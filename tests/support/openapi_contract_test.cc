// The contract of an answer with an OpenAPI document: operation, status, media type, body.
#include "tests/support/openapi_contract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ensemble::test_support {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const OpenApiContract& Contract() {
  static const OpenApiContract contract(json::parse(R"({
    "openapi": "3.1.0",
    "paths": {
      "/things/{id}": {
        "parameters": [],
        "get": {"responses": {
          "200": {"description": "OK", "content": {"application/json": {"schema":
                    {"$ref": "#/components/schemas/Thing"}}}},
          "404": {"$ref": "#/components/responses/NotFound"},
          "429": {"description": "Slow down", "headers": {
                    "Retry-After": {"$ref": "#/components/headers/RetryAfter"},
                    "X-Trace": {"required": true, "schema": {"type": "string",
                                                             "pattern": "^[0-9a-f]+$"}}}},
          "4XX": {"description": "Other refusals", "content": {"application/json": {"schema":
                    {"$ref": "#/components/schemas/Error"}}}}}},
        "delete": {"responses": {"204": {"description": "Gone"},
                                 "default": {"$ref": "#/components/responses/NotFound"}}}
      },
      "/things/read-all": {"post": {"responses": {"204": {"description": "Done"}}}},
      "/things/{id}/export.csv": {"get": {"responses": {
          "200": {"description": "CSV", "content": {"text/csv": {}}}}}}
    },
    "components": {
      "schemas": {
        "Thing": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]},
        "Error": {"type": "object", "properties": {"code": {"type": "string"}},
                  "required": ["code"]}
      },
      "headers": {
        "RetryAfter": {"schema": {"type": "integer", "minimum": 1}}
      },
      "responses": {
        "NotFound": {"description": "No such thing", "content": {"application/json": {"schema":
                       {"$ref": "#/components/schemas/Error"}}}}
      }
    }})"));
  return contract;
}

const OpenApiContract::Headers kJson = {{"content-type", "application/json"}};

OpenApiContract::Headers Typed(std::string type) { return {{"content-type", std::move(type)}}; }

TEST(OpenApiContract, ADocumentedAnswerPasses) {
  EXPECT_THAT(Contract().Check("GET", "/things/3", 200, kJson, R"({"id": 3})"), IsEmpty());
  EXPECT_THAT(Contract().Check("GET", "/things/3?x=1", 200,
                               Typed("application/json; charset=utf-8"), R"({"id": 3})"),
              IsEmpty());
}

TEST(OpenApiContract, ABodyThatBreaksTheSchemaFailsWithItsPointer) {
  EXPECT_THAT(Contract().Check("GET", "/things/3", 200, kJson, R"({"id": "3"})"),
              ElementsAre(R"(GET /things/{id} 200 body #/id: expected integer, got string "3")"));
  EXPECT_THAT(Contract().Check("GET", "/things/3", 200, kJson, R"({"id": 3, "more": 1})"),
              ElementsAre(HasSubstr("#/more: undocumented property")));
}

TEST(OpenApiContract, AnUndocumentedPathMethodOrStatusFails) {
  EXPECT_THAT(Contract().Check("GET", "/nothing", 404, kJson, "{}"),
              ElementsAre("no path of docs/openapi.json matches /nothing"));
  EXPECT_THAT(Contract().Check("PUT", "/things/3", 200, kJson, "{}"),
              ElementsAre(HasSubstr("docs/openapi.json has no PUT on /things/{id}")));
  EXPECT_THAT(Contract().Check("GET", "/things/3", 500, kJson, R"({"code": "internal"})"),
              ElementsAre("docs/openapi.json documents no 500 answer for GET /things/{id}"));
}

TEST(OpenApiContract, ResponseReferencesAreFollowed) {
  EXPECT_THAT(Contract().Check("GET", "/things/3", 404, kJson, R"({"code": "not_found"})"),
              IsEmpty());
  EXPECT_THAT(Contract().Check("GET", "/things/3", 404, kJson, R"({"id": 3})"), SizeIs(2));
}

TEST(OpenApiContract, AStatusRangeThenDefaultStandForUnlistedStatuses) {
  EXPECT_THAT(Contract().Check("GET", "/things/3", 403, kJson, R"({"code": "x"})"), IsEmpty());
  EXPECT_THAT(Contract().Check("GET", "/things/3", 403, kJson, "{}"), SizeIs(1));
  EXPECT_THAT(Contract().Check("DELETE", "/things/3", 503, kJson, R"({"code": "x"})"), IsEmpty());
}

TEST(OpenApiContract, AnAnswerWithoutDocumentedContentHasNoBody) {
  EXPECT_THAT(Contract().Check("DELETE", "/things/3", 204, {}, ""), IsEmpty());
  EXPECT_THAT(Contract().Check("DELETE", "/things/3", 204, kJson, "{}"),
              ElementsAre(HasSubstr("is documented without a body, but the answer has 2 bytes")));
}

TEST(OpenApiContract, DocumentedHeadersKeepTheirSchemas) {
  EXPECT_THAT(
      Contract().Check("GET", "/things/3", 429, {{"retry-after", "30"}, {"x-trace", "af"}}, ""),
      IsEmpty());
  EXPECT_THAT(Contract().Check("GET", "/things/3", 429, {{"x-trace", "af"}}, ""), IsEmpty());
  EXPECT_THAT(
      Contract().Check("GET", "/things/3", 429, {{"retry-after", "0"}, {"x-trace", "af"}}, ""),
      ElementsAre("GET /things/{id} 429 header Retry-After #: integer 0 breaks minimum 1"));
  EXPECT_THAT(
      Contract().Check("GET", "/things/3", 429, {{"retry-after", "soon"}, {"x-trace", "af"}}, ""),
      ElementsAre(HasSubstr(R"(header Retry-After #: expected integer, got string "soon")")));
  EXPECT_THAT(Contract().Check("GET", "/things/3", 429, {{"x-trace", "XYZ"}}, ""),
              ElementsAre(HasSubstr("header X-Trace #: string \"XYZ\" does not match")));
  EXPECT_THAT(Contract().Check("GET", "/things/3", 429, {}, ""),
              ElementsAre("GET /things/{id} 429 misses the required header X-Trace"));
}

TEST(OpenApiContract, TheMediaTypeMustBeListed) {
  EXPECT_THAT(Contract().Check("GET", "/things/3/export.csv", 200, Typed("text/csv; charset=utf-8"),
                               "a,b\n"),
              IsEmpty());
  EXPECT_THAT(Contract().Check("GET", "/things/3/export.csv", 200, kJson, "{}"),
              ElementsAre(HasSubstr("not one the document lists (text/csv)")));
  EXPECT_THAT(Contract().Check("GET", "/things/3", 200, Typed("text/html"), "<p>"), SizeIs(1));
}

TEST(OpenApiContract, AJsonMediaTypeNeedsJson) {
  EXPECT_THAT(Contract().Check("GET", "/things/3", 200, kJson, "{"),
              ElementsAre(HasSubstr("answered a body that is not JSON")));
}

TEST(OpenApiContract, LiteralSegmentsWinOverParameters) {
  EXPECT_EQ(Contract().PathTemplate("/things/read-all"), "/things/read-all");
  EXPECT_EQ(Contract().PathTemplate("/things/7"), "/things/{id}");
  EXPECT_EQ(Contract().PathTemplate("/things/7/export.csv"), "/things/{id}/export.csv");
  EXPECT_EQ(Contract().PathTemplate("/things"), "");
  EXPECT_THAT(Contract().Check("POST", "/things/read-all", 204, {}, ""), IsEmpty());
}

TEST(OpenApiContract, HeadIsHeldToGetWithoutItsBody) {
  EXPECT_THAT(Contract().Check("HEAD", "/things/3", 200, kJson, ""), IsEmpty());
  EXPECT_THAT(Contract().Check("HEAD", "/things/3", 200, Typed("text/html"), ""), SizeIs(1));
}

TEST(OpenApiContract, ANamedSchemaChecksAValueOutsideAnyOperation) {
  EXPECT_THAT(Contract().CheckSchema("Error", json::parse(R"({"code": "x"})")), IsEmpty());
  EXPECT_THAT(Contract().CheckSchema("Error", json::parse("{}")),
              ElementsAre(R"(#: misses the required property "code")"));
  EXPECT_THAT(Contract().CheckSchema("Nothing", json::parse("{}")),
              ElementsAre("docs/openapi.json has no schema at #/components/schemas/Nothing"));
}

TEST(OpenApiContract, AnUnreadableDocumentFailsEveryCheck) {
  const auto missing = OpenApiContract::FromFile("/nonexistent/openapi.json");
  EXPECT_THAT(missing->Check("GET", "/healthz", 200, kJson, "{}"),
              ElementsAre("cannot read /nonexistent/openapi.json"));
}

// The project's own document uses no keyword or format the validator would skip.
TEST(OpenApiContract, EnsembleDocumentUsesOnlySupportedKeywords) {
  const auto& contract = EnsembleApiContract();
  ASSERT_TRUE(contract.document().is_object());
  EXPECT_EQ(contract.document().at("openapi"), "3.1.0");
  EXPECT_THAT(UnsupportedSchemaKeywords(contract.document()), IsEmpty());
}

}  // namespace
}  // namespace ensemble::test_support
