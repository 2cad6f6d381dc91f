using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Host.Tests.Contract;

/// <summary>Validates a JSON value against a JSON Schema 2020-12 schema of an OpenAPI 3.1 document, for the subset the
/// document uses (see README.md in this folder for why this is in-repo rather than a package). <c>$ref</c> resolves JSON
/// pointers into the whole document (<c>#/components/schemas/...</c>). A keyword or format it does not implement is
/// reported as an error, never ignored, so a schema it cannot fully check never passes silently.</summary>
public sealed class JsonSchemaValidator(JsonElement document)
{
    /// <summary>Keywords that only describe; they assert nothing.</summary>
    private static readonly HashSet<string> Annotations =
    [
        "description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly", "$comment",
        "$schema", "externalDocs", "xml", "discriminator", "contentMediaType", "contentEncoding",
    ];

    /// <summary>Formats that assert nothing beyond the type (a double is any JSON number).</summary>
    private static readonly HashSet<string> AnnotationFormats = ["double", "float"];

    private const int MaxDepth = 64;

    /// <summary>Every mismatch, each as "<c>$.path: message</c>"; empty when <paramref name="instance"/> matches.</summary>
    public IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance, string path = "$")
    {
        var errors = new List<string>();
        Validate(schema, instance, path, errors, 0);
        return errors;
    }

    private void Validate(JsonElement schema, JsonElement instance, string path, List<string> errors, int depth)
    {
        if (depth > MaxDepth)
        {
            errors.Add($"{path}: schema nests deeper than {MaxDepth} (a $ref cycle?)");
            return;
        }
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return;
            case JsonValueKind.False:
                errors.Add($"{path}: no value is allowed here");
                return;
            case JsonValueKind.Object:
                break;
            default:
                errors.Add($"{path}: the schema is a {schema.ValueKind}, not an object or boolean");
                return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref": Ref(value, instance, path, errors, depth); break;
                case "type": Type(value, instance, path, errors); break;
                case "enum": Enum(value, instance, path, errors); break;
                case "const":
                    if (!JsonEquals(value, instance))
                        errors.Add($"{path}: expected {value.GetRawText()}, got {Show(instance)}");
                    break;
                case "properties": Properties(value, instance, path, errors, depth); break;
                case "required": Required(value, instance, path, errors); break;
                case "additionalProperties": AdditionalProperties(schema, value, instance, path, errors, depth); break;
                case "items":
                    if (instance.ValueKind == JsonValueKind.Array)
                    {
                        var index = 0;
                        foreach (var item in instance.EnumerateArray())
                            Validate(value, item, $"{path}[{index++}]", errors, depth + 1);
                    }
                    break;
                case "minItems":
                    if (instance.ValueKind == JsonValueKind.Array && instance.GetArrayLength() < value.GetInt32())
                        errors.Add($"{path}: expected at least {value.GetInt32()} items, got {instance.GetArrayLength()}");
                    break;
                case "maxItems":
                    if (instance.ValueKind == JsonValueKind.Array && instance.GetArrayLength() > value.GetInt32())
                        errors.Add($"{path}: expected at most {value.GetInt32()} items, got {instance.GetArrayLength()}");
                    break;
                case "uniqueItems":
                    if (value.ValueKind == JsonValueKind.True && instance.ValueKind == JsonValueKind.Array)
                    {
                        var items = instance.EnumerateArray().ToList();
                        for (var i = 0; i < items.Count; i++)
                            if (items.Take(i).Any(earlier => JsonEquals(earlier, items[i])))
                                errors.Add($"{path}[{i}]: repeats an earlier item, items must be unique");
                    }
                    break;
                case "minProperties":
                    if (instance.ValueKind == JsonValueKind.Object && instance.EnumerateObject().Count() < value.GetInt32())
                        errors.Add($"{path}: expected at least {value.GetInt32()} properties, got {instance.EnumerateObject().Count()}");
                    break;
                case "maxProperties":
                    if (instance.ValueKind == JsonValueKind.Object && instance.EnumerateObject().Count() > value.GetInt32())
                        errors.Add($"{path}: expected at most {value.GetInt32()} properties, got {instance.EnumerateObject().Count()}");
                    break;
                case "multipleOf":
                    if (instance.ValueKind == JsonValueKind.Number && instance.TryGetDecimal(out var dividend) && value.TryGetDecimal(out var divisor)
                        && divisor != 0 && dividend % divisor != 0)
                        errors.Add($"{path}: {instance.GetRawText()} is not a multiple of {value.GetRawText()}");
                    break;
                case "not":
                    if (Validate(value, instance, path).Count == 0)
                        errors.Add($"{path}: matches the schema under 'not' {value.GetRawText()}");
                    break;
                case "allOf": AllOf(value, instance, path, errors, depth); break;
                case "anyOf": OneOrAnyOf(value, instance, path, errors, depth, exactlyOne: false); break;
                case "oneOf": OneOrAnyOf(value, instance, path, errors, depth, exactlyOne: true); break;
                case "format": Format(value.GetString()!, instance, path, errors); break;
                case "pattern":
                    if (instance.ValueKind == JsonValueKind.String && !Regex.IsMatch(instance.GetString()!, value.GetString()!))
                        errors.Add($"{path}: {Show(instance)} does not match the pattern {value.GetString()}");
                    break;
                case "minLength":
                    if (instance.ValueKind == JsonValueKind.String && Length(instance) < value.GetInt32())
                        errors.Add($"{path}: expected at least {value.GetInt32()} characters, got {Length(instance)}");
                    break;
                case "maxLength":
                    if (instance.ValueKind == JsonValueKind.String && Length(instance) > value.GetInt32())
                        errors.Add($"{path}: expected at most {value.GetInt32()} characters, got {Length(instance)}");
                    break;
                case "minimum":
                    if (instance.ValueKind == JsonValueKind.Number && Compare(instance, value) < 0)
                        errors.Add($"{path}: {instance.GetRawText()} is below the minimum {value.GetRawText()}");
                    break;
                case "maximum":
                    if (instance.ValueKind == JsonValueKind.Number && Compare(instance, value) > 0)
                        errors.Add($"{path}: {instance.GetRawText()} is above the maximum {value.GetRawText()}");
                    break;
                case "exclusiveMinimum":
                    if (instance.ValueKind == JsonValueKind.Number && Compare(instance, value) <= 0)
                        errors.Add($"{path}: {instance.GetRawText()} is not above the exclusive minimum {value.GetRawText()}");
                    break;
                case "exclusiveMaximum":
                    if (instance.ValueKind == JsonValueKind.Number && Compare(instance, value) >= 0)
                        errors.Add($"{path}: {instance.GetRawText()} is not below the exclusive maximum {value.GetRawText()}");
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name) && !keyword.Name.StartsWith("x-", StringComparison.Ordinal))
                        errors.Add($"{path}: the schema uses '{keyword.Name}', which this validator does not implement");
                    break;
            }
        }
    }

    private void Ref(JsonElement reference, JsonElement instance, string path, List<string> errors, int depth)
    {
        var target = Resolve(reference.GetString()!);
        if (target is null)
            errors.Add($"{path}: $ref {reference.GetString()} does not resolve in the document");
        else
            Validate(target.Value, instance, path, errors, depth + 1);
    }

    /// <summary>A local JSON pointer (<c>#/a/b</c>) into the document; null when it points nowhere.</summary>
    private JsonElement? Resolve(string reference)
    {
        if (!reference.StartsWith("#", StringComparison.Ordinal))
            return null;
        var current = document;
        foreach (var raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next))
                current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < current.GetArrayLength())
                current = current[index];
            else
                return null;
        }
        return current;
    }

    private static void Type(JsonElement type, JsonElement instance, string path, List<string> errors)
    {
        var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        if (!allowed.Any(t => IsOfType(t, instance)))
            errors.Add($"{path}: expected {string.Join(" or ", allowed)}, got {TypeOf(instance)}");
    }

    private static bool IsOfType(string type, JsonElement instance) => type switch
    {
        "null" => instance.ValueKind == JsonValueKind.Null,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsInteger(instance),
        _ => false,
    };

    private static bool IsInteger(JsonElement number) =>
        number.TryGetInt64(out _) || (double.TryParse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Floor(d) == d && !double.IsInfinity(d));

    private static string TypeOf(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => $"string {Show(instance)}",
        JsonValueKind.Number => $"number {instance.GetRawText()}",
        _ => "nothing",
    };

    private static void Enum(JsonElement values, JsonElement instance, string path, List<string> errors)
    {
        if (!values.EnumerateArray().Any(v => JsonEquals(v, instance)))
            errors.Add($"{path}: {Show(instance)} is not one of {values.GetRawText()}");
    }

    private void Properties(JsonElement properties, JsonElement instance, string path, List<string> errors, int depth)
    {
        if (instance.ValueKind != JsonValueKind.Object)
            return;
        foreach (var property in properties.EnumerateObject())
            if (instance.TryGetProperty(property.Name, out var value))
                Validate(property.Value, value, Member(path, property.Name), errors, depth + 1);
    }

    private static void Required(JsonElement required, JsonElement instance, string path, List<string> errors)
    {
        if (instance.ValueKind != JsonValueKind.Object)
            return;
        foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            if (!instance.TryGetProperty(name, out _))
                errors.Add($"{Member(path, name)}: required but missing");
    }

    private void AdditionalProperties(JsonElement schema, JsonElement additional, JsonElement instance, string path, List<string> errors, int depth)
    {
        if (instance.ValueKind != JsonValueKind.Object)
            return;
        var declared = schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var property in instance.EnumerateObject().Where(p => !declared.Contains(p.Name)))
            if (additional.ValueKind == JsonValueKind.False)
                errors.Add($"{Member(path, property.Name)}: not a declared property");
            else
                Validate(additional, property.Value, Member(path, property.Name), errors, depth + 1);
    }

    private void AllOf(JsonElement schemas, JsonElement instance, string path, List<string> errors, int depth)
    {
        foreach (var schema in schemas.EnumerateArray())
            Validate(schema, instance, path, errors, depth + 1);
    }

    private void OneOrAnyOf(JsonElement schemas, JsonElement instance, string path, List<string> errors, int depth, bool exactlyOne)
    {
        var branches = schemas.EnumerateArray().Select(s => Validate(s, instance, path)).ToList();
        var matched = branches.Count(b => b.Count == 0);
        var keyword = exactlyOne ? "oneOf" : "anyOf";
        if (matched == 0)
            errors.Add($"{path}: matches none of {keyword}: "
                + string.Join("; ", branches.Select((b, i) => $"[{i}] {string.Join(", ", b)}")));
        else if (exactlyOne && matched > 1)
            errors.Add($"{path}: matches {matched} branches of oneOf, expected exactly one");
    }

    private static void Format(string format, JsonElement instance, string path, List<string> errors)
    {
        switch (format)
        {
            case "date-time":
                if (instance.ValueKind == JsonValueKind.String && !IsDateTime(instance.GetString()!))
                    errors.Add($"{path}: {Show(instance)} is not an RFC 3339 date-time");
                break;
            case "date":
                if (instance.ValueKind == JsonValueKind.String
                    && !DateOnly.TryParseExact(instance.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    errors.Add($"{path}: {Show(instance)} is not an RFC 3339 full-date");
                break;
            case "uuid":
                if (instance.ValueKind == JsonValueKind.String && !Guid.TryParseExact(instance.GetString(), "D", out _))
                    errors.Add($"{path}: {Show(instance)} is not a UUID");
                break;
            case "email":
                if (instance.ValueKind == JsonValueKind.String && !Regex.IsMatch(instance.GetString()!, @"^[^@\s]+@[^@\s]+$"))
                    errors.Add($"{path}: {Show(instance)} is not an email address");
                break;
            case "uri":
                // A scheme first: .NET on Linux takes "/a" for an absolute file path.
                if (instance.ValueKind == JsonValueKind.String
                    && !(Regex.IsMatch(instance.GetString()!, "^[A-Za-z][A-Za-z0-9+.-]*:") && Uri.TryCreate(instance.GetString(), UriKind.Absolute, out _)))
                    errors.Add($"{path}: {Show(instance)} is not an absolute URI");
                break;
            case "uri-reference":
                if (instance.ValueKind == JsonValueKind.String && !Uri.TryCreate(instance.GetString(), UriKind.RelativeOrAbsolute, out _))
                    errors.Add($"{path}: {Show(instance)} is not a URI reference");
                break;
            case "int32":
                if (instance.ValueKind == JsonValueKind.Number && (!instance.TryGetInt64(out var i32) || i32 is < int.MinValue or > int.MaxValue))
                    errors.Add($"{path}: {instance.GetRawText()} is not an int32");
                break;
            case "int64":
                if (instance.ValueKind == JsonValueKind.Number && !instance.TryGetInt64(out _))
                    errors.Add($"{path}: {instance.GetRawText()} is not an int64");
                break;
            default:
                if (!AnnotationFormats.Contains(format))
                    errors.Add($"{path}: the schema uses format '{format}', which this validator does not implement");
                break;
        }
    }

    /// <summary>RFC 3339 section 5.6: a full date, 'T', a full time with an offset or Z.</summary>
    private static bool IsDateTime(string text) =>
        Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>JSON Schema counts characters as code points, not UTF-16 units.</summary>
    private static int Length(JsonElement text) => text.GetString()!.EnumerateRunes().Count();

    private static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
            return Compare(a, b) == 0;
        if (a.ValueKind != b.ValueKind)
            return false;
        return a.ValueKind switch
        {
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => JsonEquals(p.First, p.Second)),
            JsonValueKind.Object => a.EnumerateObject().Count() == b.EnumerateObject().Count()
                && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var other) && JsonEquals(p.Value, other)),
            _ => true,
        };
    }

    /// <summary>Compares two JSON numbers exactly where decimal holds them, else as doubles.</summary>
    private static int Compare(JsonElement a, JsonElement b) =>
        a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x.CompareTo(y) : a.GetDouble().CompareTo(b.GetDouble());

    private static string Member(string path, string name) =>
        Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$") ? $"{path}.{name}" : $"{path}[{JsonSerializer.Serialize(name)}]";

    private static string Show(JsonElement instance)
    {
        var text = instance.GetRawText();
        return text.Length <= 80 ? text : new StringBuilder(text, 0, 77, 80).Append("...").ToString();
    }
}
