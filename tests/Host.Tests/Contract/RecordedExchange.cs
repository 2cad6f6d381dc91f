namespace Host.Tests.Contract;

/// <summary>One answer the host gave, as the client received it.</summary>
public sealed record RecordedExchange(string Method, string Path, int Status, string? ContentType, string Body,
    IReadOnlyDictionary<string, string> Headers)
{
    public override string ToString() => $"{Method} {Path} {Status}";
}
