using Microsoft.Extensions.Configuration.Json;

namespace KsQuery.Host.Storage;

internal static class ShippedSettings
{
    /// <summary>The appsettings.json shipped beside the executable, as the lowest-precedence source, for a binary started
    /// from another directory (its content root is the working directory, which keeps codegen and data paths as they are).</summary>
    public static void AddShippedSettings(this WebApplicationBuilder builder)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var local = Path.Combine(builder.Environment.ContentRootPath, "appsettings.json");
        if (!File.Exists(shipped) || string.Equals(Path.GetFullPath(shipped), Path.GetFullPath(local), StringComparison.Ordinal))
            return;
        var source = new JsonConfigurationSource { Path = "appsettings.json", Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory);
        builder.Configuration.Sources.Insert(0, source);
    }
}
