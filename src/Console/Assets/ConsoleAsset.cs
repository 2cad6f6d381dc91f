namespace KsQuery.WebConsole.Assets;

/// <summary>One file of the console as served: its bytes, media type and strong ETag (a hash of the bytes).</summary>
internal sealed record ConsoleAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
