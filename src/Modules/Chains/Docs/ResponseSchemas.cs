using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using KsQuery.Modules.Chains.Registry;
using KsQuery.Plugins.Abstractions;
using Microsoft.OpenApi;

namespace KsQuery.Modules.Chains.Docs;

/// <summary>The named schemas of the chain APIs' 200 answers (<see cref="ApiDescriptor.Response"/>), built once from
/// the plugins' JSON type infos with System.Text.Json's schema exporter. Every object type becomes a component
/// (declared ones under their declared name, nested ones as <c>&lt;Chain&gt;&lt;Type without Dto&gt;</c>), so generated
/// clients get one class per type; names never repeat, and the order is the catalogs' order, so the document is stable.</summary>
internal sealed class ResponseSchemas
{
    private const string TypeMarker = "x-ksquery-type";

    private readonly List<Type> _marked = [];
    private readonly Dictionary<Type, string> _names = [];
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _declared = new(StringComparer.Ordinal);
    private readonly Dictionary<ApiDescriptor, string> _byApi = [];

    /// <summary>Component name to schema, in the order they were first met.</summary>
    public List<KeyValuePair<string, OpenApiSchema>> Components { get; } = [];

    public static ResponseSchemas Build(ChainRegistry registry)
    {
        var schemas = new ResponseSchemas();
        var apis = registry.Chains.Where(c => c.Available)
            .SelectMany(c => c.Networks.SelectMany(n => n.Descriptor?.Apis ?? []).Select(api => (Chain: c.Id, Api: api)))
            .Where(x => x.Api.Response is not null)
            .ToList();
        // Declared names first, so a type declared by one API keeps its name where another nests it.
        foreach (var (_, api) in apis)
            schemas.Declare(api.Response!);
        foreach (var (chain, api) in apis)
            schemas._byApi[api] = schemas.Add(chain, api.Response!);
        return schemas;
    }

    /// <summary>The component of an API's 200 answer, or null when it declares none.</summary>
    public string? ComponentOf(ApiDescriptor api) => _byApi.GetValueOrDefault(api);

    /// <summary>Adds every component to the document (again: transformers of each operation call it).</summary>
    public void AddTo(OpenApiDocument? document)
    {
        if (document is null)
            return;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, schema) in Components)
            document.Components.Schemas[name] = schema;
    }

    private void Declare(ApiResponse response)
    {
        var type = response.TypeInfo.Type;
        if (_names.ContainsKey(type))
            return;
        var name = Unique(response.ComponentName);
        _names[type] = name;
        _declared[name] = type;
    }

    private string Add(string chain, ApiResponse response)
    {
        var name = _names[response.TypeInfo.Type];
        if (!Components.Any(c => c.Key == name))
            Export(chain, name, response);
        if (Components.First(c => c.Key == name).Value is { Description: null } component)
            component.Description = response.Description;
        return name;
    }

    private void Export(string chain, string name, ApiResponse response)
    {
        var exported = JsonSchemaExporter.GetJsonSchemaAsNode(response.TypeInfo, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Mark,
        });
        // A declared answer that is not an object (a list, a string) is its own component, as the exporter describes it.
        if (Convert(chain, exported, response.TypeInfo.Options) is not OpenApiSchemaReference)
            Components.Add(new(name, Convert(chain, exported, response.TypeInfo.Options) as OpenApiSchema ?? new OpenApiSchema()));
    }

    /// <summary>Notes which CLR type an object schema describes, and gives integers their width.</summary>
    private JsonNode Mark(JsonSchemaExporterContext context, JsonNode node)
    {
        var description = context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: true)
            .OfType<DescriptionAttribute>().FirstOrDefault()?.Description;
        if (node is not JsonObject schema)
            return description is null ? node : new JsonObject { ["description"] = description };
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && type != typeof(JsonElement))
        {
            _marked.Add(context.TypeInfo.Type);
            schema[TypeMarker] = _marked.Count - 1;
        }
        var format = Type.GetTypeCode(type) switch
        {
            TypeCode.Int64 or TypeCode.UInt64 => "int64",
            TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Byte or TypeCode.SByte => "int32",
            TypeCode.Double => "double",
            TypeCode.Single => "float",
            _ => null,
        };
        if (format is not null && !schema.ContainsKey("format"))
            schema["format"] = format;
        // The exporter leaves descriptions out; a plugin gives them with [Description] on its DTO's properties.
        if (description is not null && !schema.ContainsKey("description"))
            schema["description"] = description;
        // A closed set of texts ([AllowedValues] on a non-nullable string property) is an enum.
        if (context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: true)
                .OfType<AllowedValuesAttribute>().FirstOrDefault() is { } allowed
            && schema["type"] is JsonValue { } single && single.GetValue<string>() == "string"
            && allowed.Values.All(v => v is string))
            schema["enum"] = new JsonArray([.. allowed.Values.Select(v => (JsonNode?)JsonValue.Create((string)v!))]);
        return schema;
    }

    private IOpenApiSchema Convert(string chain, JsonNode? node, JsonSerializerOptions options)
    {
        // The exporter writes `true` for a value of any JSON type (JsonElement).
        if (node is not JsonObject source)
            return new OpenApiSchema { Description = "Any JSON value." };
        if (source.Count == 1 && source["description"] is JsonValue anyDescribed)
            return new OpenApiSchema { Description = anyDescribed.GetValue<string>() };

        var types = TypesOf(source["type"]);
        var nullable = types.HasFlag(JsonSchemaType.Null);
        // Numbers are written as JSON numbers unless the options say otherwise; AllowReadingFromString (web defaults)
        // only widens what is read, and the exporter's ["integer","string"] would tell clients to expect either.
        var numeric = (types & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0;
        var numbersAsText = (options.NumberHandling & JsonNumberHandling.WriteAsString) != 0;
        if (numeric && !numbersAsText)
            types &= ~JsonSchemaType.String;

        if (source[TypeMarker] is JsonValue marker && source["properties"] is JsonObject)
        {
            var type = _marked[marker.GetValue<int>()];
            var name = NameOf(chain, type);
            if (!Components.Any(c => c.Key == name))
            {
                var component = new OpenApiSchema { Type = JsonSchemaType.Object };
                Components.Add(new(name, component));
                FillObject(chain, component, source, options);
            }
            IOpenApiSchema reference = new OpenApiSchemaReference(name);
            return nullable ? new OpenApiSchema { AnyOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }] } : reference;
        }

        var schema = new OpenApiSchema { Type = types == 0 ? null : types };
        if (source["description"] is JsonValue description)
            schema.Description = description.GetValue<string>();
        if (source["format"] is JsonValue format)
            schema.Format = format.GetValue<string>();
        if (source["pattern"] is JsonValue pattern && !(numeric && !numbersAsText))
            schema.Pattern = pattern.GetValue<string>();
        if (source["enum"] is JsonArray values)
            schema.Enum = values.Select(v => v?.DeepClone()).Where(v => v is not null).Select(v => v!).ToList();
        if (source["items"] is { } items)
            schema.Items = Convert(chain, items, options);
        else if (types.HasFlag(JsonSchemaType.Array))
            // The exporter leaves out the items of a list of any JSON values (JsonElement); OpenAPI wants them stated.
            schema.Items = new OpenApiSchema { Description = "Any JSON value." };
        if (source["additionalProperties"] is { } additional)
            schema.AdditionalProperties = Convert(chain, additional, options);
        if (source["properties"] is JsonObject)
            FillObject(chain, schema, source, options);
        return schema;
    }

    private void FillObject(string chain, OpenApiSchema target, JsonObject source, JsonSerializerOptions options)
    {
        target.Properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var (property, schema) in (JsonObject)source["properties"]!)
            target.Properties[property] = Convert(chain, schema, options);
        // Every property is written (null included) unless the options skip some: then only the exporter's required ones.
        target.Required = options.DefaultIgnoreCondition == JsonIgnoreCondition.Never
            ? new HashSet<string>(target.Properties.Keys)
            : new HashSet<string>((source["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()));
        target.AdditionalProperties = null;
    }

    private string NameOf(string chain, Type type)
    {
        if (_names.TryGetValue(type, out var known))
            return known;
        var name = Unique(Pascal(chain) + ClrName(type));
        _names[type] = name;
        return name;
    }

    private string Unique(string name)
    {
        var candidate = name;
        for (var i = 2; !_taken.Add(candidate); i++)
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }

    private static string ClrName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
            name = name[..tick];
        if (name.EndsWith("Dto", StringComparison.Ordinal) && name.Length > 3)
            name = name[..^3];
        return type.IsGenericType ? string.Concat(type.GetGenericArguments().Select(ClrName)) + name : name;
    }

    private static string Pascal(string id) =>
        string.Concat(id.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static JsonSchemaType TypesOf(JsonNode? type)
    {
        JsonSchemaType result = 0;
        List<JsonNode?> names = type is JsonArray array ? [.. array] : [type];
        foreach (var name in names.OfType<JsonValue>().Select(v => v.GetValue<string>()))
            result |= name switch
            {
                "string" => JsonSchemaType.String,
                "integer" => JsonSchemaType.Integer,
                "number" => JsonSchemaType.Number,
                "boolean" => JsonSchemaType.Boolean,
                "object" => JsonSchemaType.Object,
                "array" => JsonSchemaType.Array,
                "null" => JsonSchemaType.Null,
                _ => 0,
            };
        return result;
    }
}
