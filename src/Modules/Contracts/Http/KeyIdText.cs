namespace KsQuery.Contracts.Http;

/// <summary>What a key id given in a query or body can look like before anyone looks it up: letters and digits, at most
/// 64 of them. Ids stay opaque: the Keys module decides whether such an id exists.</summary>
public static class KeyIdText
{
    public const int MaxLength = 64;

    public const string Rule = "must be a key id (letters and digits only, at most 64)";

    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    public static bool IsPlausible(string? id) =>
        id is { Length: > 0 and <= MaxLength } && !id.AsSpan().ContainsAnyExcept(Allowed);
}
