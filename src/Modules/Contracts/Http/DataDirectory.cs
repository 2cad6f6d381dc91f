namespace KsQuery.Contracts.Http;

/// <summary>Where this instance keeps its files (<c>KSQUERY_DATA</c>, default <c>./data</c>); created at start.</summary>
public sealed record DataDirectory(string Path)
{
    public string File(string name) => System.IO.Path.Combine(Path, name);
}
