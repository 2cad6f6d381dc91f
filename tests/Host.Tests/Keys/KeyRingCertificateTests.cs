using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Host.Tests.Support;
using KsQuery.Host.Startup;

namespace Host.Tests.Keys;

/// <summary><c>DataProtection:Certificate</c>: the key ring's keys are encrypted at rest with the configured certificate
/// and read back with it after a restart; a ring encrypted with a certificate that is not configured, or a certificate
/// that cannot be opened, stops the start with the setting named.</summary>
public sealed class KeyRingCertificateTests : IDisposable
{
    private const string Password = "pfx password 7f3a";
    private const string UnencryptedMarker = "the key below is in an unencrypted form";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_key_ring_is_encrypted_with_the_certificate_and_read_back_with_it_after_a_restart()
    {
        var data = Path.Combine(_temp.Path, "data");
        var settings = CertificateSettings(CreateCertificate(), Password);
        string token;
        await using (var first = await TestHost.StartAsync(data, settings))
            token = await new ApiClient(first).SignUpAndLogInAsync("ring@example.com");

        var keys = Directory.GetFiles(Path.Combine(data, "dataprotection-keys"), "*.xml");
        keys.ShouldNotBeEmpty();
        foreach (var key in keys)
        {
            var xml = await File.ReadAllTextAsync(key);
            xml.ShouldNotContain(UnencryptedMarker);
            xml.ShouldContain("EncryptedXmlDecryptor");
        }

        await using var second = await TestHost.StartAsync(data, settings);
        var (status, me, _) = await new ApiClient(second).GetAsync("/v1/me", token);
        status.ShouldBe(HttpStatusCode.OK, me.ToString());
    }

    [Fact]
    public async Task Without_a_certificate_the_key_ring_is_stored_unencrypted()
    {
        var data = Path.Combine(_temp.Path, "plain");
        await using (var host = await TestHost.StartAsync(data))
            await new ApiClient(host).SignUpAndLogInAsync("plain@example.com");

        var key = Directory.GetFiles(Path.Combine(data, "dataprotection-keys"), "*.xml").ShouldHaveSingleItem();
        (await File.ReadAllTextAsync(key)).ShouldContain(UnencryptedMarker);
    }

    [Fact]
    public async Task A_key_ring_encrypted_with_a_certificate_that_is_not_configured_stops_the_start()
    {
        var data = Path.Combine(_temp.Path, "data");
        await using (await TestHost.StartAsync(data, CertificateSettings(CreateCertificate(), Password)))
        {
        }
        var ring = Path.Combine(data, "dataprotection-keys");
        var before = Directory.GetFiles(ring).Select(File.ReadAllBytes).ToList();

        var exited = await HostProcess.RunUntilExitAsync(data);

        // Data Protection logs the failed decryption with its own stack trace; the start still ends with one line.
        exited.ShouldExitWithOneLine(ExitCodes.Data, ring);
        exited.Stderr.ShouldContain("cannot be decrypted");
        Directory.GetFiles(ring).Select(File.ReadAllBytes).ToList().ShouldBe(before);
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("missing file")]
    public async Task A_certificate_that_cannot_be_opened_exits_with_code_2_naming_the_setting(string problem)
    {
        var file = problem == "missing file" ? Path.Combine(_temp.Path, "absent.pfx") : CreateCertificate();
        var password = problem == "wrong password" ? "not it" : Password;

        var exited = await HostProcess.RunUntilExitAsync(Path.Combine(_temp.Path, "data"), new Dictionary<string, string?>
        {
            ["DataProtection__Certificate__Path"] = file,
            ["DataProtection__Certificate__Password"] = password,
        });

        exited.ShouldBeOneClearLine(ExitCodes.Settings, "DataProtection:Certificate:Path");
        exited.Stderr.ShouldContain(file);
        exited.Output.ShouldNotContain(password);
    }

    private static Dictionary<string, string?> CertificateSettings(string path, string password) => new()
    {
        ["DataProtection:Certificate:Path"] = path,
        ["DataProtection:Certificate:Password"] = password,
    };

    private string CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=KS Query key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_temp.Path, "ring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
