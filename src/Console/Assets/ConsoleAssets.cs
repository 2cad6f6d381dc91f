using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace KsQuery.WebConsole.Assets;

/// <summary>The console's files, read once from this assembly's embedded resources (<c>wwwroot/...</c>).</summary>
internal sealed class ConsoleAssets
{
    private const string Root = "wwwroot/";
    private readonly Dictionary<string, ConsoleAsset> _byPath;

    private ConsoleAssets(Dictionary<string, ConsoleAsset> byPath) => _byPath = byPath;

    /// <summary>The HTML page every console route answers with (the script then shows the page of the URL).</summary>
    public ConsoleAsset Page => _byPath["index.html"];

    /// <summary>Paths relative to <c>wwwroot/</c>, e.g. <c>assets/js/main.js</c>.</summary>
    public IEnumerable<string> Paths => _byPath.Keys;

    public ConsoleAsset? Find(string path) => _byPath.GetValueOrDefault(path);

    public static ConsoleAssets Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var byPath = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Root, StringComparison.Ordinal)))
        {
            var path = name[Root.Length..];
            var content = Read(assembly, name);
            byPath[path] = new ConsoleAsset(path, content, ContentTypeOf(types, path), ETagOf(content));
        }
        return new ConsoleAssets(byPath);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentTypeOf(FileExtensionContentTypeProvider types, string path)
    {
        // ES modules must be served with a JavaScript type; pin it rather than rely on the provider's table.
        if (path.EndsWith(".js", StringComparison.Ordinal))
            return "text/javascript; charset=utf-8";
        var type = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";
        return type.StartsWith("text/", StringComparison.Ordinal) || type == "image/svg+xml" ? type + "; charset=utf-8" : type;
    }

    private static string ETagOf(byte[] content) => "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"";
}
