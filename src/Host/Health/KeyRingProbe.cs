using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace KsQuery.Host.Health;

/// <summary>Protects and unprotects a few bytes with the Data Protection key ring: what every login (its tokens) and
/// every recoverable key needs. A key ring that cannot be read, decrypted or written fails here.</summary>
internal sealed class KeyRingProbe(IDataProtectionProvider provider, IServiceProvider services)
{
    private static readonly byte[] Probe = "ksquery key ring probe"u8.ToArray();

    /// <summary>Where the key ring is kept, for messages.</summary>
    public string Location
    {
        get
        {
            try
            {
                if (services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository is FileSystemXmlRepository files)
                    return files.Directory.FullName;
            }
            catch (Exception)
            {
                // The options themselves failed (e.g. a file where the folder should be): name the folder they use.
            }
            return services.GetRequiredService<DataDirectory>().File(DataProtectionKeyRing.FolderName);
        }
    }

    /// <summary>A key file of the ring that is not readable XML, with why, or null. Data Protection would log the same
    /// failure with a stack trace and refuse every token; naming the file is more use to whoever restores it.</summary>
    public (string File, string Problem)? UnreadableFile()
    {
        var location = Location;
        if (!Directory.Exists(location))
            return null;
        foreach (var file in Directory.EnumerateFiles(location, "*.xml"))
        {
            try
            {
                _ = XElement.Load(file);
            }
            catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
            {
                return (file, ex.Message);
            }
        }
        return null;
    }

    /// <summary>A key of the ring that cannot be decrypted (e.g. encrypted with a certificate that is not configured),
    /// with why, or null. Data Protection would skip it and make a new key: every token and recoverable key protected
    /// with the old one would stop working without a word.</summary>
    public (Guid KeyId, string Problem)? UndecryptableKey()
    {
        foreach (var key in services.GetRequiredService<IKeyManager>().GetAllKeys())
        {
            try
            {
                _ = key.Descriptor;
            }
            catch (Exception ex)
            {
                return (key.KeyId, ex.Message);
            }
        }
        return null;
    }

    public void Run()
    {
        var protector = provider.CreateProtector("KsQuery.Host.KeyRingProbe");
        if (!protector.Unprotect(protector.Protect(Probe)).AsSpan().SequenceEqual(Probe))
            throw new CryptographicException("the key ring's round trip did not give back what it protected");
    }
}
