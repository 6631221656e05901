// The schema validator, one rule at a time: each accepts a value that keeps it and names the
// JSON pointer of a value that breaks it.
#include "tests/support/json_schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ensemble::test_support {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// A document whose components the schemas of the tests refer to.
const json::value& Document() {
  static const json::value document = json::parse(R"({
    "components": {"schemas": {
      "Ref": {"type": "object", "properties": {"id": {"type": "integer", "minimum": 1},
                                               "name": {"type": "string"}},
              "required": ["id", "name"]},
      "Loop": {"$ref": "#/components/schemas/Loop"},
      "a/b": {"type": "boolean"}
    }}})");
  return document;
}

std::vector<std::string> Check(std::string_view schema, std::string_view value) {
  const SchemaValidator validator(Document());
  return validator.Validate(json::parse(schema), json::parse(value));
}

TEST(JsonSchema, IntegerIsANumberWithoutFraction) {
  EXPECT_THAT(Check(R"({"type": "integer"})", "3"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "integer"})", "-3"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "integer"})", "3.5"),
              ElementsAre("#: expected integer, got number 3.5E0"));
  EXPECT_THAT(Check(R"({"type": "integer"})", "3.0"), SizeIs(1));
  EXPECT_THAT(Check(R"({"type": "integer"})", R"("3")"),
              ElementsAre(R"(#: expected integer, got string "3")"));
}

TEST(JsonSchema, NumberTakesIntegersAndFractions) {
  EXPECT_THAT(Check(R"({"type": "number"})", "3"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "number"})", "3.5"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "number"})", "true"), SizeIs(1));
}

TEST(JsonSchema, EachTypeNameMatchesItsValues) {
  EXPECT_THAT(Check(R"({"type": "string"})", R"("x")"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "boolean"})", "false"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "array"})", "[]"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "object", "additionalProperties": true})", "{}"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "null"})", "null"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "string"})", "null"), SizeIs(1));
  EXPECT_THAT(Check(R"({"type": "boolean"})", "0"), SizeIs(1));
  EXPECT_THAT(Check(R"({"type": "array"})", "{}"), SizeIs(1));
  EXPECT_THAT(Check(R"({"type": "object"})", "[]"), SizeIs(1));
}

TEST(JsonSchema, ATypeListWithNullAcceptsNull) {
  EXPECT_THAT(Check(R"({"type": ["string", "null"]})", "null"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": ["string", "null"]})", R"("x")"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": ["string", "null"]})", "1"),
              ElementsAre("#: expected string or null, got integer 1"));
}

TEST(JsonSchema, NullableAcceptsNullBesideTheType) {
  EXPECT_THAT(Check(R"({"type": "string", "nullable": true})", "null"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "string", "nullable": true})", "1"),
              ElementsAre("#: expected string or null, got integer 1"));
  EXPECT_THAT(Check(R"({"type": "string", "nullable": false})", "null"), SizeIs(1));
}

TEST(JsonSchema, PropertiesAreCheckedAtTheirPointer) {
  const char* schema = R"({"properties": {"a": {"properties": {"b": {"type": "string"}}}}})";
  EXPECT_THAT(Check(schema, R"({"a": {"b": "x"}})"), IsEmpty());
  EXPECT_THAT(Check(schema, R"({"a": {"b": 2}})"),
              ElementsAre("#/a/b: expected string, got integer 2"));
}

TEST(JsonSchema, PointersEscapeSlashAndTilde) {
  EXPECT_THAT(Check(R"({"properties": {"a/b": {"type": "string"}, "c~d": {"type": "string"}}})",
                    R"({"a/b": 1, "c~d": 2})"),
              ElementsAre("#/a~1b: expected string, got integer 1",
                          "#/c~0d: expected string, got integer 2"));
}

TEST(JsonSchema, RequiredPropertiesMustBeThere) {
  const char* schema = R"({"properties": {"a": {}, "b": {}}, "required": ["a"]})";
  EXPECT_THAT(Check(schema, R"({"a": 1})"), IsEmpty());
  EXPECT_THAT(Check(schema, R"({"b": 1})"), ElementsAre(R"(#: misses the required property "a")"));
}

TEST(JsonSchema, AnObjectSchemaWithoutAdditionalPropertiesIsClosed) {
  EXPECT_THAT(Check(R"({"type": "object", "properties": {"a": {}}})", R"({"a": 1, "b": 2})"),
              ElementsAre(HasSubstr("#/b: undocumented property")));
  EXPECT_THAT(Check(R"({"type": "object"})", R"({"b": 2})"),
              ElementsAre(HasSubstr("#/b: undocumented property")));
  // A schema that says nothing of objects says nothing of their properties either.
  EXPECT_THAT(Check("{}", R"({"b": 2})"), IsEmpty());
}

TEST(JsonSchema, AdditionalPropertiesFalseRefusesOthers) {
  const char* schema = R"({"properties": {"a": {}}, "additionalProperties": false})";
  EXPECT_THAT(Check(schema, R"({"a": 1})"), IsEmpty());
  EXPECT_THAT(Check(schema, R"({"a": 1, "b": 2})"),
              ElementsAre("#/b: undocumented property (additionalProperties is false)"));
}

TEST(JsonSchema, AdditionalPropertiesTrueOrASchemaOpensTheObject) {
  EXPECT_THAT(Check(R"({"type": "object", "additionalProperties": true})", R"({"b": 2})"),
              IsEmpty());
  const char* typed = R"({"type": "object", "additionalProperties": {"type": "integer"}})";
  EXPECT_THAT(Check(typed, R"({"b": 2})"), IsEmpty());
  EXPECT_THAT(Check(typed, R"({"b": "2"})"),
              ElementsAre(R"(#/b: expected integer, got string "2")"));
}

TEST(JsonSchema, AnOpenParentDoesNotOpenItsChildren) {
  const char* schema = R"({"type": "object", "additionalProperties": true,
                           "properties": {"a": {"type": "object", "properties": {}}}})";
  EXPECT_THAT(Check(schema, R"({"z": 1, "a": {}})"), IsEmpty());
  EXPECT_THAT(Check(schema, R"({"a": {"x": 1}})"),
              ElementsAre(HasSubstr("#/a/x: undocumented property")));
}

TEST(JsonSchema, AllOfJoinsThePropertiesOfItsParts) {
  const char* schema = R"({"allOf": [{"type": "object", "properties": {"a": {}}},
                                     {"type": "object", "properties": {"b": {"type": "string"}},
                                      "required": ["b"]}]})";
  EXPECT_THAT(Check(schema, R"({"a": 1, "b": "x"})"), IsEmpty());
  EXPECT_THAT(Check(schema, R"({"a": 1, "b": "x", "c": 3})"),
              ElementsAre(HasSubstr("#/c: undocumented property")));
  EXPECT_THAT(Check(schema, R"({"a": 1})"), ElementsAre(R"(#: misses the required property "b")"));
}

TEST(JsonSchema, ItemsAreCheckedAtTheirIndex) {
  const char* schema = R"({"type": "array", "items": {"type": "integer"}})";
  EXPECT_THAT(Check(schema, "[1, 2]"), IsEmpty());
  EXPECT_THAT(Check(schema, R"([1, "2"])"),
              ElementsAre(R"(#/1: expected integer, got string "2")"));
}

TEST(JsonSchema, ItemCountsAndUniqueness) {
  EXPECT_THAT(Check(R"({"minItems": 1, "maxItems": 2})", "[1]"), IsEmpty());
  EXPECT_THAT(Check(R"({"minItems": 1})", "[]"), ElementsAre("#: 0 items, fewer than minItems 1"));
  EXPECT_THAT(Check(R"({"maxItems": 1})", "[1, 2]"),
              ElementsAre("#: 2 items, more than maxItems 1"));
  EXPECT_THAT(Check(R"({"uniqueItems": true})", R"(["a", "b"])"), IsEmpty());
  EXPECT_THAT(Check(R"({"uniqueItems": true})", R"(["a", "b", "a"])"),
              ElementsAre(R"(#/2: string "a" repeats item 0 (uniqueItems))"));
}

TEST(JsonSchema, EnumAndConst) {
  EXPECT_THAT(Check(R"({"enum": ["fr", "en"]})", R"("en")"), IsEmpty());
  EXPECT_THAT(Check(R"({"enum": ["fr", "en"]})", R"("de")"),
              ElementsAre(R"(#: string "de" is not one of ["fr","en"])"));
  EXPECT_THAT(Check(R"({"const": "ok"})", R"("ok")"), IsEmpty());
  EXPECT_THAT(Check(R"({"const": "ok"})", R"("ko")"),
              ElementsAre(R"(#: expected the constant "ok", got string "ko")"));
}

TEST(JsonSchema, OneOfWantsExactlyOneMatch) {
  const char* schema = R"({"oneOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}]})";
  EXPECT_THAT(Check(schema, "null"), IsEmpty());
  EXPECT_THAT(Check(schema, R"({"id": 1, "name": "Alma"})"), IsEmpty());
  const auto none = Check(schema, R"({"id": 0, "name": "Alma"})");
  ASSERT_THAT(none, SizeIs(1));
  EXPECT_THAT(none[0], HasSubstr("matches none of the 2 schemas of oneOf"));
  EXPECT_THAT(none[0], HasSubstr("#/id: integer 0 breaks minimum 1"));
  EXPECT_THAT(Check(R"({"oneOf": [{"type": "integer"}, {"type": "number"}]})", "1"),
              ElementsAre(HasSubstr("matches 2 of the 2 schemas of oneOf")));
}

TEST(JsonSchema, TheMatchingBranchOfOneOfClosesTheObject) {
  const char* schema = R"({"oneOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}]})";
  EXPECT_THAT(Check(schema, R"({"id": 1, "name": "Alma", "extra": true})"),
              ElementsAre(HasSubstr("#/extra: undocumented property")));
}

TEST(JsonSchema, AnyOfWantsAtLeastOneMatch) {
  const char* schema = R"({"anyOf": [{"type": "integer"}, {"type": "number"}]})";
  EXPECT_THAT(Check(schema, "1"), IsEmpty());
  EXPECT_THAT(Check(schema, R"("1")"),
              ElementsAre(HasSubstr("matches none of the 2 schemas of anyOf")));
}

TEST(JsonSchema, NotRefusesWhatItsSchemaAccepts) {
  EXPECT_THAT(Check(R"({"not": {"type": "null"}})", "1"), IsEmpty());
  EXPECT_THAT(Check(R"({"not": {"type": "null"}})", "null"),
              ElementsAre(HasSubstr("matches the schema of not")));
}

TEST(JsonSchema, RefsResolveInTheDocument) {
  EXPECT_THAT(Check(R"({"$ref": "#/components/schemas/Ref"})", R"({"id": 2, "name": "x"})"),
              IsEmpty());
  EXPECT_THAT(Check(R"({"$ref": "#/components/schemas/a~1b"})", "true"), IsEmpty());
  EXPECT_THAT(Check(R"({"$ref": "#/components/schemas/Ref"})", R"({"id": 2})"),
              ElementsAre(R"(#: misses the required property "name")"));
  EXPECT_THAT(Check(R"({"$ref": "#/components/schemas/Nothing"})", "1"),
              ElementsAre(R"(#: the $ref "#/components/schemas/Nothing" resolves to nothing)"));
  EXPECT_THAT(Check(R"({"$ref": "#/components/schemas/Loop"})", "1"),
              ElementsAre(HasSubstr("deeper than 64 levels")));
}

TEST(JsonSchema, NumericBounds) {
  EXPECT_THAT(Check(R"({"minimum": 1, "maximum": 200})", "1"), IsEmpty());
  EXPECT_THAT(Check(R"({"minimum": 1, "maximum": 200})", "200"), IsEmpty());
  EXPECT_THAT(Check(R"({"minimum": 1})", "0"), ElementsAre("#: integer 0 breaks minimum 1"));
  EXPECT_THAT(Check(R"({"maximum": 200})", "201"),
              ElementsAre("#: integer 201 breaks maximum 200"));
  EXPECT_THAT(Check(R"({"exclusiveMinimum": 0})", "0.5"), IsEmpty());
  EXPECT_THAT(Check(R"({"exclusiveMinimum": 0})", "0"), SizeIs(1));
  EXPECT_THAT(Check(R"({"exclusiveMaximum": 1})", "1"), SizeIs(1));
}

TEST(JsonSchema, LengthsCountCharactersNotBytes) {
  EXPECT_THAT(Check(R"({"minLength": 1, "maxLength": 2})", R"("é€")"), IsEmpty());
  EXPECT_THAT(Check(R"({"minLength": 1})", R"("")"),
              ElementsAre(R"(#: string "" has 0 characters, fewer than minLength 1)"));
  EXPECT_THAT(Check(R"({"maxLength": 2})", R"("abc")"),
              ElementsAre(R"(#: string "abc" has 3 characters, more than maxLength 2)"));
}

TEST(JsonSchema, PatternsSearchUnlessAnchored) {
  EXPECT_THAT(Check(R"({"pattern": "[0-9]"})", R"("ab1")"), IsEmpty());
  EXPECT_THAT(Check(R"({"pattern": "^[0-9]{14}$"})", R"("77523456700011")"), IsEmpty());
  EXPECT_THAT(Check(R"({"pattern": "^[0-9]{14}$"})", R"("7752345670001")"),
              ElementsAre(R"(#: string "7752345670001" does not match the pattern "^[0-9]{14}$")"));
  EXPECT_THAT(Check(R"({"pattern": "(["})", R"("x")"),
              ElementsAre(HasSubstr("is not an ECMAScript regular expression")));
}

TEST(JsonSchema, DateTimeIsRfc3339) {
  const char* schema = R"({"type": "string", "format": "date-time"})";
  EXPECT_THAT(Check(schema, R"("2026-12-02T13:47:20Z")"), IsEmpty());
  EXPECT_THAT(Check(schema, R"("2028-02-29T00:00:00.250+01:00")"), IsEmpty());
  EXPECT_THAT(Check(schema, R"("2026-12-02 13:47:20")"),
              ElementsAre(R"(#: string "2026-12-02 13:47:20" is not an RFC 3339 date-time)"));
  EXPECT_THAT(Check(schema, R"("2026-02-29T00:00:00Z")"), SizeIs(1));
  EXPECT_THAT(Check(schema, R"("2026-12-02T24:00:00Z")"), SizeIs(1));
  EXPECT_THAT(Check(schema, R"("2026-12-02T13:47:20")"), SizeIs(1));
}

TEST(JsonSchema, DateIsRfc3339) {
  EXPECT_THAT(Check(R"({"format": "date"})", R"("2026-12-31")"), IsEmpty());
  EXPECT_THAT(Check(R"({"format": "date"})", R"("2026-13-01")"), SizeIs(1));
}

TEST(JsonSchema, Int64RefusesLargerIntegers) {
  EXPECT_THAT(Check(R"({"type": "integer", "format": "int64"})", "9223372036854775807"), IsEmpty());
  EXPECT_THAT(Check(R"({"type": "integer", "format": "int64"})", "9223372036854775808"),
              ElementsAre("#: integer 9223372036854775808 is not an int64"));
  EXPECT_THAT(Check(R"({"format": "int32"})", "2147483648"), SizeIs(1));
}

TEST(JsonSchema, ObjectSizeAndPropertyNames) {
  const char* schema = R"({"type": "object", "minProperties": 1, "additionalProperties": true,
                           "propertyNames": {"enum": ["a", "b"]}})";
  EXPECT_THAT(Check(schema, R"({"a": 1})"), IsEmpty());
  EXPECT_THAT(Check(schema, "{}"), ElementsAre("#: 0 properties, fewer than minProperties 1"));
  EXPECT_THAT(Check(schema, R"({"c": 1})"),
              ElementsAre(R"(#/c: string "c" is not one of ["a","b"])"));
  EXPECT_THAT(Check(R"({"maxProperties": 1})", R"({"a": 1, "b": 2})"), SizeIs(1));
}

TEST(JsonSchema, UnknownKeywordsAndFormatsAreProblemsOfTheSchema) {
  EXPECT_THAT(Check(R"({"description": "x", "title": "y", "example": 1})", "1"), IsEmpty());
  EXPECT_THAT(Check(R"({"requried": ["a"]})", "{}"),
              ElementsAre(HasSubstr(R"(the schema keyword "requried" is not supported)")));
  EXPECT_THAT(Check(R"({"format": "email"})", R"("a@b")"),
              ElementsAre(HasSubstr(R"(the string format "email" is not checked)")));
}

TEST(JsonSchema, FalseAcceptsNothing) {
  EXPECT_THAT(Check("true", "1"), IsEmpty());
  EXPECT_THAT(Check("false", "1"), ElementsAre("#: no value is allowed here"));
}

}  // namespace
}  // namespace ensemble::test_support
