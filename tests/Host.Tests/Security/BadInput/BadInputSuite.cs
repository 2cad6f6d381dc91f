namespace Host.Tests.Security.BadInput;

/// <summary>Every case of the suite: the seeded generator's over every route, then the hand-written edge cases.</summary>
public static class BadInputSuite
{
    public static IReadOnlyList<RouteSpec> Routes { get; } = [.. DashboardRoutes.All, .. ChainRoutes.All];

    public static IReadOnlyList<BadInputCase> Generated { get; } = BadInputGenerator.Generate(Routes);

    public static IReadOnlyList<BadInputCase> All { get; } = [.. Generated, .. EdgeCases.All];

    private static readonly Dictionary<string, (BadInputCase Case, int Index)> ByName =
        All.Select((c, i) => (c, i)).ToDictionary(x => x.c.Name, x => (x.c, x.i), StringComparer.Ordinal);

    public static (BadInputCase Case, int Index) Find(string name) => ByName[name];

    /// <summary>The names of all cases: the theory's rows.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
            data.Add(c.Name);
        return data;
    }
}
