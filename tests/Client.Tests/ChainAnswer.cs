using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Client.Tests;

/// <summary>A chain API's answer as JSON, whatever type the generated client gives it: a <see cref="Stream"/> while the
/// document declares no 200 schema for that API, a generated model (<see cref="IParsable"/>) once it does. The flow test
/// reads the answers through this so it holds on either side of that change.</summary>
internal static class ChainAnswer
{
    public static async Task<JsonElement> ToJsonAsync<T>(T? answer)
    {
        switch (answer)
        {
            case Stream stream:
                await using (stream)
                    return (await JsonDocument.ParseAsync(stream)).RootElement.Clone();
            case IParsable model:
                return JsonDocument.Parse(await KiotaJsonSerializer.SerializeAsStringAsync(model)).RootElement.Clone();
            default:
                throw new InvalidOperationException($"No answer, or one of an unexpected type: {answer?.GetType().Name ?? "null"}.");
        }
    }
}
