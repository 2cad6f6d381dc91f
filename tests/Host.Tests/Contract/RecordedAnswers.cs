using System.Text.Json;

namespace Host.Tests.Contract;

/// <summary>Checks every answer of a recording against the document its own host served.</summary>
internal static class RecordedAnswers
{
    /// <summary>Every distinct mismatch of every recorded answer (the same mismatch seen on many answers is listed once).</summary>
    public static IReadOnlyList<string> Mismatches(ExchangeRecording recording)
    {
        recording.Hosts.ShouldNotBeEmpty("nothing was recorded, so nothing would be checked");
        var mismatches = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var host in recording.Hosts)
        {
            host.Document.ShouldNotBeNullOrEmpty("a recorded host did not serve its document");
            var checker = ContractChecker.For(host.Document);
            foreach (var exchange in host.Exchanges)
                mismatches.UnionWith(checker.Check(exchange));
        }
        return [.. mismatches];
    }

    public static IReadOnlyList<RecordedExchange> All(ExchangeRecording recording) => [.. recording.Hosts.SelectMany(h => h.Exchanges)];

    /// <summary>The problem <c>code</c> of an answer, or null for an answer that is not a problem.</summary>
    public static string? Code(this RecordedExchange exchange)
    {
        if (exchange.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) != true || exchange.Body.Length == 0)
            return null;
        using var body = JsonDocument.Parse(exchange.Body);
        return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    public static void ShouldMatchTheDocument(this ExchangeRecording recording)
    {
        var mismatches = Mismatches(recording);
        if (mismatches.Count > 0)
            Assert.Fail($"{mismatches.Count} answer(s) do not match the OpenAPI document:\n" + string.Join("\n", mismatches));
    }
}
