using System.Reflection;

namespace Evm.Anvil.Tests.Support;

/// <summary>Where the Anvil executable is: <c>KSQ_ANVIL</c> if set, else the binary of the npm platform package pinned in
/// tools/anvil (installed by .ci/run), else <c>anvil</c> on PATH. <c>KSQ_REQUIRE_ANVIL=1</c> (set by .ci/run) makes a
/// missing one a failure instead of a skip.</summary>
internal static class Anvil
{
    private static readonly Lazy<string?> Found = new(Find);

    public static string? ExecutablePath => Found.Value;

    public static bool IsAvailable => ExecutablePath is not null;

    public static bool IsRequired => Environment.GetEnvironmentVariable("KSQ_REQUIRE_ANVIL") == "1";

    public static string PackagedPath => Path.Combine(RepositoryRoot, "tools", "anvil", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    public static string SkipReason =>
        $"Anvil not found at {Configured ?? PackagedPath} nor on PATH: EVM integration tests skipped; run `npm ci --ignore-scripts` in tools/anvil " +
        "(or set KSQ_ANVIL), or set KSQ_REQUIRE_ANVIL=1 to fail";

    public static string MissingButRequired =>
        $"Anvil not found at {Configured ?? PackagedPath} nor on PATH, and KSQ_REQUIRE_ANVIL=1 requires the EVM integration tests: " +
        "run `npm ci --ignore-scripts` in tools/anvil or name the executable with KSQ_ANVIL.";

    private static string? Configured => Environment.GetEnvironmentVariable("KSQ_ANVIL") is { Length: > 0 } path ? path : null;

    private static string RepositoryRoot =>
        typeof(Anvil).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static string? Find()
    {
        if (Configured is { } configured)
            return File.Exists(configured) ? configured : null;
        if (File.Exists(PackagedPath))
            return PackagedPath;
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "anvil"))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>A test that needs Anvil: skipped with <see cref="Anvil.SkipReason"/> when it is missing, unless required.</summary>
public sealed class AnvilFactAttribute : FactAttribute
{
    public AnvilFactAttribute()
    {
        if (!Anvil.IsAvailable && !Anvil.IsRequired)
            Skip = Anvil.SkipReason;
    }
}
