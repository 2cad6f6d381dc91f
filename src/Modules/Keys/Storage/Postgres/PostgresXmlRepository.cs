using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace KsQuery.Modules.Keys.Storage.Postgres;

/// <summary>The Data Protection key ring in <c>ksq_keys.data_protection_keys</c>: every instance reads and adds keys there,
/// so a token or recoverable key protected by one instance is readable by every other.</summary>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM ksq_keys.data_protection_keys ORDER BY friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
            elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        // Names are "key-<guid>": a second store of one name is the same key again.
        using var command = dataSource.CreateCommand(
            "INSERT INTO ksq_keys.data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        command.With(friendlyName).With(element.ToString(SaveOptions.DisableFormatting)).ExecuteNonQuery();
    }
}
