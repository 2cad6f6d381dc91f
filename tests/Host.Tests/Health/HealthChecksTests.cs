using System.Net;
using Host.Tests.Support;
using KsQuery.Host.Health;
using LiteDB;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Host.Tests.Health;

/// <summary><c>/health</c> checks what a login and a keyed call need: the store reads and writes, the key ring protects
/// and unprotects; each check fails when its part cannot, without exception text in the answer.</summary>
public sealed class HealthChecksTests(HostFixture fixture) : IClassFixture<HostFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Health_reports_the_store_and_the_key_ring_usable()
    {
        var (status, health, _) = await fixture.Api.GetAsync("/health");

        status.ShouldBe(HttpStatusCode.OK, health.ToString());
        var checks = health.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        checks["store"].GetProperty("detail").GetString().ShouldBe("store readable and writable");
        checks["keyring"].GetProperty("status").GetString().ShouldBe("healthy");
        checks["keyring"].GetProperty("detail").GetString().ShouldBe("key ring usable");
    }

    [Fact]
    public async Task The_store_check_fails_when_the_store_cannot_be_written()
    {
        var database = new LiteDatabase(Path.Combine(_temp.Path, "store.db"));
        database.Dispose();
        var check = new StoreHealthCheck(new StoreProbe(database, TimeProvider.System));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe("store unavailable");
    }

    [Fact]
    public async Task The_key_ring_check_fails_when_the_key_ring_cannot_be_read()
    {
        var ring = Directory.CreateDirectory(Path.Combine(_temp.Path, "ring"));
        await File.WriteAllTextAsync(Path.Combine(ring.FullName, "key-1.xml"), "<key");
        var services = new ServiceCollection().BuildServiceProvider();
        var check = new KeyRingHealthCheck(new KeyRingProbe(DataProtectionProvider.Create(ring), services));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe("key ring unusable");
    }
}
