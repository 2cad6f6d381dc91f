using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Configuration;

/// <summary><c>DataProtection:Certificate:Path</c> and <c>:Password</c>: a PKCS#12 (.pfx) file whose certificate encrypts
/// the keys of the Data Protection key ring at rest. Without it the keys are stored unencrypted (docs/security.md).</summary>
internal static class DataProtectionCertificate
{
    public const string Section = "DataProtection:Certificate";
    public const string PathKey = Section + ":Path";
    public const string PasswordKey = Section + ":Password";

    /// <summary>The configured certificate, or null when none is. A certificate that cannot be used is an invalid
    /// setting: it stops the start (the key ring would otherwise be written with no protection, or be unreadable).</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[PathKey];
        var password = configuration[PasswordKey];
        if (string.IsNullOrWhiteSpace(path))
            return string.IsNullOrEmpty(password) ? null : throw Invalid($"{PasswordKey} is set but {PathKey} is not.");

        var file = System.IO.Path.GetFullPath(path, Directory.GetCurrentDirectory());
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(file, password);
        }
        catch (CryptographicException ex)
        {
            // The password is never echoed.
            throw Invalid($"{PathKey} ({file}) cannot be opened with {PasswordKey}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid($"{PathKey} ({file}) cannot be read: {ex.Message}");
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw Invalid($"{PathKey} ({file}) holds no private key: the key ring could be encrypted but never decrypted.");
        }
        return certificate;
    }

    private static OptionsValidationException Invalid(string message) =>
        new(Section, typeof(X509Certificate2), [message]);
}
