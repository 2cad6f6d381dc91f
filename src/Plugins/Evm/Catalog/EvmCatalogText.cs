namespace KsQuery.Plugins.Evm.Catalog;

internal static class EvmCatalogText
{
    /// <summary>A caller's text echoed in a message: at most 40 characters, printable only.</summary>
    public static string Shorten(string text)
    {
        var cut = text.Length <= 40 ? text : text[..40] + "…";
        return new string([.. cut.Select(c => char.IsControl(c) ? ' ' : c)]);
    }
}
