using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Host.Tests.Contract;

/// <summary>Checks a recorded answer against the OpenAPI document: the operation (path template and method), the response
/// declared for its status (exact, then <c>4XX</c>-style range, then <c>default</c>), its content (media type and
/// schema) and its declared headers. Every mismatch reads "<c>METHOD template status where: what</c>".</summary>
public sealed class ContractChecker
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private readonly JsonElement _document;
    private readonly JsonSchemaValidator _validator;
    private readonly List<(string Template, Regex Pattern, int Parameters, JsonElement Item)> _paths;

    public ContractChecker(JsonElement document)
    {
        _document = document;
        _validator = new JsonSchemaValidator(document);
        _paths = document.GetProperty("paths").EnumerateObject()
            .Select(p => (p.Name, Template(p.Name), Regex.Matches(p.Name, @"\{[^}]+\}").Count, p.Value))
            .ToList();
    }

    public static ContractChecker For(string document) => new(JsonDocument.Parse(document).RootElement.Clone());

    public IReadOnlyList<string> Check(RecordedExchange exchange)
    {
        var failures = new List<string>();
        var method = exchange.Method.ToLowerInvariant();
        // A literal segment beats a template parameter (/blocks/latest over /blocks/{number}).
        var candidates = _paths.Where(p => p.Pattern.IsMatch(exchange.Path)).OrderBy(p => p.Parameters).ToList();
        if (candidates.Count == 0)
            return [$"{exchange.Method} {exchange.Path} {exchange.Status}: no path of the document matches"];
        var found = candidates.FirstOrDefault(p => Methods.Contains(method) && p.Item.TryGetProperty(method, out _));
        if (found.Template is null)
            return [$"{exchange.Method} {exchange.Path} {exchange.Status}: {candidates[0].Template} declares no {exchange.Method} operation"];

        var where = $"{exchange.Method} {found.Template} {exchange.Status}";
        var responses = found.Item.GetProperty(method).GetProperty("responses");
        var status = exchange.Status.ToString(CultureInfo.InvariantCulture);
        if (!responses.TryGetProperty(status, out var response)
            && !responses.TryGetProperty($"{status[0]}XX", out response)
            && !responses.TryGetProperty("default", out response))
            return [$"{where}: the operation declares no response for this status (declared: {string.Join(", ", responses.EnumerateObject().Select(r => r.Name))})"];
        response = Deref(response);

        CheckContent(exchange, response, where, failures);
        CheckHeaders(exchange, response, where, failures);
        return failures;
    }

    private void CheckContent(RecordedExchange exchange, JsonElement response, string where, List<string> failures)
    {
        var declared = response.TryGetProperty("content", out var content) && content.EnumerateObject().Any();
        var answered = exchange.Body.Length > 0;
        if (!declared)
        {
            if (answered)
                failures.Add($"{where}: answered a body ({exchange.ContentType}) but the response declares no content");
            return;
        }
        var declaredTypes = string.Join(", ", content.EnumerateObject().Select(c => c.Name));
        if (!answered)
        {
            failures.Add($"{where}: the response declares content ({declaredTypes}) but the answer has no body");
            return;
        }

        var mediaType = (exchange.ContentType ?? "").Split(';')[0].Trim();
        var media = content.EnumerateObject().FirstOrDefault(c => string.Equals(c.Name, mediaType, StringComparison.OrdinalIgnoreCase));
        if (media.Value.ValueKind == JsonValueKind.Undefined)
        {
            failures.Add($"{where}: answered {(mediaType.Length == 0 ? "no content type" : mediaType)}, the response declares {declaredTypes}");
            return;
        }
        if (!media.Value.TryGetProperty("schema", out var schema))
        {
            failures.Add($"{where}: {media.Name} declares no schema");
            return;
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(exchange.Body).RootElement.Clone();
        }
        catch (JsonException e)
        {
            failures.Add($"{where}: the {mediaType} body is not JSON ({e.Message})");
            return;
        }
        failures.AddRange(_validator.Validate(schema, body).Select(e => $"{where} {e}"));
    }

    /// <summary>A header declared <c>required</c> must be present; a present declared header must match its schema
    /// (numbers in headers are compared as JSON numbers when the schema wants one).</summary>
    private void CheckHeaders(RecordedExchange exchange, JsonElement response, string where, List<string> failures)
    {
        if (!response.TryGetProperty("headers", out var headers))
            return;
        foreach (var header in headers.EnumerateObject())
        {
            var declaration = Deref(header.Value);
            var present = exchange.Headers.TryGetValue(header.Name, out var value);
            if (!present)
            {
                if (declaration.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True)
                    failures.Add($"{where} header {header.Name}: required but missing");
                continue;
            }
            if (!declaration.TryGetProperty("schema", out var schema))
                continue;
            failures.AddRange(_validator.Validate(schema, HeaderValue(value!, Deref(schema)), $"header {header.Name}").Select(e => $"{where} {e}"));
        }
    }

    private static JsonElement HeaderValue(string value, JsonElement schema)
    {
        var wantsNumber = schema.TryGetProperty("type", out var type)
            && (type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()) : [type.GetString()])
                .Any(t => t is "integer" or "number");
        if (wantsNumber && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return JsonSerializer.SerializeToElement(number);
        return JsonSerializer.SerializeToElement(value);
    }

    /// <summary>Follows a response's or header's <c>$ref</c> (to #/components/responses/... and the like).</summary>
    private JsonElement Deref(JsonElement element)
    {
        for (var hops = 0; hops < 8 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference); hops++)
        {
            var current = _document;
            foreach (var token in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
                current = current.GetProperty(token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            element = current;
        }
        return element;
    }

    private static Regex Template(string template) =>
        new("^" + string.Concat(Regex.Split(template, @"(\{[^}]+\})").Select(part => part.StartsWith('{') ? "[^/]+" : Regex.Escape(part))) + "$");
}
