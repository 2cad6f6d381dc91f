using System.Text.Json;

namespace Host.Tests.Contract;

/// <summary>Each keyword the validator implements accepts a good value and reports a bad one at its precise path.</summary>
public sealed class JsonSchemaValidatorTests
{
    private const string Document = """
        {
          "components": {
            "schemas": {
              "Key": {
                "type": "object",
                "required": ["id", "createdAt"],
                "properties": {
                  "id": { "type": "string" },
                  "createdAt": { "type": "string", "format": "date-time" },
                  "usage": { "oneOf": [ { "type": "null" }, { "$ref": "#/components/schemas/Totals" } ] }
                }
              },
              "Totals": {
                "type": "object",
                "required": ["requests"],
                "properties": { "requests": { "type": "integer", "format": "int64", "minimum": 0 } }
              },
              "a/b": { "type": "boolean" }
            }
          }
        }
        """;

    private static readonly JsonSchemaValidator Validator = new(JsonDocument.Parse(Document).RootElement.Clone());

    private static IReadOnlyList<string> Validate(string schema, string instance) =>
        Validator.Validate(JsonDocument.Parse(schema).RootElement, JsonDocument.Parse(instance).RootElement);

    [Theory]
    // type, including integer vs number and arrays of types
    [InlineData("""{"type":"string"}""", "\"x\"", "5", "$: expected string, got number 5")]
    [InlineData("""{"type":"integer"}""", "5", "5.5", "$: expected integer, got number 5.5")]
    [InlineData("""{"type":"integer"}""", "5.0", "\"5\"", "$: expected integer, got string \"5\"")]
    [InlineData("""{"type":"number"}""", "5.5", "true", "$: expected number, got boolean")]
    [InlineData("""{"type":"boolean"}""", "false", "null", "$: expected boolean, got null")]
    [InlineData("""{"type":"array"}""", "[]", "{}", "$: expected array, got object")]
    [InlineData("""{"type":"object"}""", "{}", "[]", "$: expected object, got array")]
    [InlineData("""{"type":"null"}""", "null", "0", "$: expected null, got number 0")]
    [InlineData("""{"type":["null","string"]}""", "null", "1", "$: expected null or string, got number 1")]
    [InlineData("""{"type":["null","string"]}""", "\"a\"", "{}", "$: expected null or string, got object")]
    // properties, required, additionalProperties
    [InlineData("""{"properties":{"a":{"type":"string"}}}""", """{"a":"x","b":1}""", """{"a":1}""", "$.a: expected string, got number 1")]
    [InlineData("""{"required":["a"]}""", """{"a":null}""", """{"b":1}""", "$.a: required but missing")]
    [InlineData("""{"properties":{"a":{}},"additionalProperties":false}""", """{"a":1}""", """{"a":1,"b":2}""", "$.b: not a declared property")]
    [InlineData("""{"additionalProperties":{"type":"array","items":{"type":"string"}}}""", """{"name":["x"]}""", """{"name":["x",3]}""", "$.name[1]: expected string, got number 3")]
    [InlineData("""{"properties":{"odd key":{"type":"string"}}}""", """{"odd key":"x"}""", """{"odd key":1}""", "$[\"odd key\"]: expected string, got number 1")]
    // items, minItems, maxItems
    [InlineData("""{"items":{"type":"integer"}}""", "[1,2]", "[1,\"2\"]", "$[1]: expected integer, got string \"2\"")]
    [InlineData("""{"minItems":1}""", "[1]", "[]", "$: expected at least 1 items, got 0")]
    [InlineData("""{"maxItems":1}""", "[1]", "[1,2]", "$: expected at most 1 items, got 2")]
    // enum, const
    [InlineData("""{"enum":["active","revoked"]}""", "\"revoked\"", "\"gone\"", "$: \"gone\" is not one of [\"active\",\"revoked\"]")]
    [InlineData("""{"enum":[1,null]}""", "1.0", "2", "$: 2 is not one of [1,null]")]
    [InlineData("""{"const":{"a":[1]}}""", """{"a":[1]}""", """{"a":[2]}""", "$: expected {\"a\":[1]}, got {\"a\":[2]}")]
    // allOf, anyOf, oneOf
    [InlineData("""{"allOf":[{"type":"integer"},{"minimum":3}]}""", "3", "2", "$: 2 is below the minimum 3")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "1", "true", "$: matches none of anyOf: [0] $: expected string, got boolean; [1] $: expected integer, got boolean")]
    [InlineData("""{"oneOf":[{"type":"integer"},{"type":"number"}]}""", "1.5", "1", "$: matches 2 branches of oneOf, expected exactly one")]
    [InlineData("""{"oneOf":[{"type":"null"},{"type":"string"}]}""", "null", "1", "$: matches none of oneOf: [0] $: expected null, got number 1; [1] $: expected string, got number 1")]
    // $ref into the document (also through an escaped pointer token)
    [InlineData("""{"$ref":"#/components/schemas/Key"}""", """{"id":"k","createdAt":"2026-12-03T10:00:00Z","usage":null}""", """{"id":"k","createdAt":5}""", "$.createdAt: expected string, got number 5")]
    [InlineData("""{"$ref":"#/components/schemas/Key"}""", """{"id":"k","createdAt":"2026-12-03T10:00:00Z","usage":{"requests":3}}""", """{"id":"k","createdAt":"2026-12-03T10:00:00Z","usage":{"requests":-1}}""", "$.usage: matches none of oneOf: [0] $.usage: expected null, got object; [1] $.usage.requests: -1 is below the minimum 0")]
    [InlineData("""{"$ref":"#/components/schemas/a~1b"}""", "true", "1", "$: expected boolean, got number 1")]
    [InlineData("""{"$ref":"#/components/schemas/Missing"}""", null, "1", "$: $ref #/components/schemas/Missing does not resolve in the document")]
    // formats
    [InlineData("""{"format":"date-time"}""", "\"2026-12-03T10:00:00.123+01:00\"", "\"2026-12-03 10:00\"", "$: \"2026-12-03 10:00\" is not an RFC 3339 date-time")]
    [InlineData("""{"format":"date-time"}""", "\"2026-12-03T10:00:00Z\"", "\"2026-13-03T10:00:00Z\"", "$: \"2026-13-03T10:00:00Z\" is not an RFC 3339 date-time")]
    [InlineData("""{"format":"int32"}""", "2147483647", "2147483648", "$: 2147483648 is not an int32")]
    [InlineData("""{"format":"int64"}""", "9223372036854775807", "9223372036854775808", "$: 9223372036854775808 is not an int64")]
    [InlineData("""{"format":"date"}""", "\"2026-12-03\"", "\"2026-12-3\"", "$: \"2026-12-3\" is not an RFC 3339 full-date")]
    [InlineData("""{"format":"uuid"}""", "\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"", "\"x\"", "$: \"x\" is not a UUID")]
    [InlineData("""{"format":"email"}""", "\"dev@example.com\"", "\"dev.example.com\"", "$: \"dev.example.com\" is not an email address")]
    [InlineData("""{"format":"uri"}""", "\"https://example.com/a\"", "\"/a\"", "$: \"/a\" is not an absolute URI")]
    [InlineData("""{"format":"uri-reference"}""", "\"/a\"", "\"http://[\"", "$: \"http://[\" is not a URI reference")]
    [InlineData("""{"format":"hostname"}""", null, "\"x\"", "$: the schema uses format 'hostname', which this validator does not implement")]
    // pattern, lengths, ranges
    [InlineData("""{"pattern":"^[a-z_]+$"}""", "\"key_revoked\"", "\"Key\"", "$: \"Key\" does not match the pattern ^[a-z_]+$")]
    [InlineData("""{"minLength":2}""", "\"ab\"", "\"a\"", "$: expected at least 2 characters, got 1")]
    [InlineData("""{"maxLength":2}""", "\"😀😀\"", "\"abc\"", "$: expected at most 2 characters, got 3")]
    [InlineData("""{"minimum":1}""", "1", "0", "$: 0 is below the minimum 1")]
    [InlineData("""{"maximum":1}""", "1", "1.5", "$: 1.5 is above the maximum 1")]
    [InlineData("""{"exclusiveMinimum":1}""", "2", "1", "$: 1 is not above the exclusive minimum 1")]
    [InlineData("""{"exclusiveMaximum":1}""", "0", "1", "$: 1 is not below the exclusive maximum 1")]
    // boolean schemas, and a keyword it does not implement is an error, not a pass
    [InlineData("false", null, "1", "$: no value is allowed here")]
    [InlineData("""{"multipleOf":2}""", "4", "5", "$: 5 is not a multiple of 2")]
    [InlineData("""{"uniqueItems":true}""", "[1,2]", "[1,2,1.0]", "$[2]: repeats an earlier item, items must be unique")]
    [InlineData("""{"minProperties":1}""", """{"a":1}""", "{}", "$: expected at least 1 properties, got 0")]
    [InlineData("""{"maxProperties":1}""", """{"a":1}""", """{"a":1,"b":2}""", "$: expected at most 1 properties, got 2")]
    [InlineData("""{"not":{"type":"null"}}""", "1", "null", "$: matches the schema under 'not' {\"type\":\"null\"}")]
    [InlineData("""{"unevaluatedProperties":false}""", null, "{}", "$: the schema uses 'unevaluatedProperties', which this validator does not implement")]
    [InlineData("""{"nullable":true,"type":"string"}""", null, "\"x\"", "$: the schema uses 'nullable', which this validator does not implement")]
    public void A_keyword_accepts_a_good_value_and_reports_a_bad_one_at_its_path(string schema, string? good, string bad, string expected)
    {
        if (good is not null)
            Validate(schema, good).ShouldBeEmpty();
        Validate(schema, bad).ShouldBe([expected]);
    }

    [Fact]
    public void Annotations_and_extensions_assert_nothing()
    {
        Validate("""{"description":"d","title":"t","examples":[1],"example":1,"default":1,"deprecated":true,"readOnly":true,"x-any":1,"format":"double"}""", "\"anything\"")
            .ShouldBeEmpty();
    }

    [Fact]
    public void Every_mismatch_of_a_value_is_reported_not_only_the_first()
    {
        Validate("""{"$ref":"#/components/schemas/Key"}""", """{"id":1,"createdAt":"yesterday"}""")
            .ShouldBe(["$.id: expected string, got number 1", "$.createdAt: \"yesterday\" is not an RFC 3339 date-time"], ignoreOrder: true);
    }
}
