using System.Text;
using System.Text.RegularExpressions;
using KsQuery.Modules.Keys.Hashing;
using Microsoft.Extensions.Options;

namespace Keys.Tests.Hashing;

public class Argon2SecretHasherTests
{
    private static Argon2SecretHasher Hasher(int memoryKiB = 64, int iterations = 1, int parallelism = 1, FairHashingQueue? queue = null) =>
        new(Options.Create(new Argon2Options { MemoryKiB = memoryKiB, Iterations = iterations, Parallelism = parallelism }),
            queue ?? new FairHashingQueue(2), TimeProvider.System);

    private static readonly HashPartition Partition = HashPartition.Account("acc-1");

    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("correct horse battery staple");

    [Fact]
    public async Task Hash_is_a_PHC_string_that_verifies()
    {
        using var hasher = Hasher();
        var hash = await hasher.HashAsync(Secret, Partition, default);

        hash.ShouldMatch(@"^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$");
        (await hasher.VerifyAsync(Secret, hash, Partition, default)).ShouldBe(HashVerification.Succeeded);
        (await hasher.VerifyAsync(Encoding.UTF8.GetBytes("wrong"), hash, Partition, default)).ShouldBe(HashVerification.Failed);
    }

    [Fact]
    public async Task Same_secret_gets_a_different_salt_each_time()
    {
        using var hasher = Hasher();
        (await hasher.HashAsync(Secret, Partition, default)).ShouldNotBe(await hasher.HashAsync(Secret, Partition, default));
    }

    [Fact]
    public async Task Hash_with_older_parameters_asks_for_a_rehash()
    {
        using var old = Hasher(memoryKiB: 32, iterations: 1);
        using var current = Hasher(memoryKiB: 64, iterations: 2);
        var hash = await old.HashAsync(Secret, Partition, default);

        (await current.VerifyAsync(Secret, hash, Partition, default)).ShouldBe(HashVerification.SucceededRehashNeeded);
        (await current.VerifyAsync(Encoding.UTF8.GetBytes("wrong"), hash, Partition, default)).ShouldBe(HashVerification.Failed);
        var upgraded = await current.HashAsync(Secret, Partition, default);
        upgraded.ShouldContain("m=64,t=2,p=1");
        (await current.VerifyAsync(Secret, upgraded, Partition, default)).ShouldBe(HashVerification.Succeeded);
    }

    [Fact]
    public async Task Hashing_takes_its_turn_in_its_own_partition_of_the_queue()
    {
        var queue = new FairHashingQueue(1);
        using var hasher = Hasher(queue: queue);
        queue.EnterAsync("blocker", default).IsCompletedSuccessfully.ShouldBeTrue();
        var flood = queue.EnterAsync("flood", default);
        var floodAgain = queue.EnterAsync("flood", default);
        var honest = hasher.HashAsync(Secret, HashPartition.Login("honest@example.com"), default);

        queue.Exit();
        flood.IsCompletedSuccessfully.ShouldBeTrue();
        queue.Exit();

        // The hash has the turn after the flood's first piece, in its own partition; were it queued behind the flood's
        // second (held here, never exited), it would not complete.
        (await honest.WaitAsync(TimeSpan.FromSeconds(30))).ShouldStartWith("$argon2id$");
        floodAgain.IsCompletedSuccessfully.ShouldBeTrue("the hash handed its slot on");
        queue.Exit();
        queue.Running.ShouldBe(0);
    }

    [Fact]
    public async Task Library_matches_the_RFC_9106_argon2id_test_vector()
    {
        // RFC 9106, section 5.3.
        using var argon = new Konscious.Security.Cryptography.Argon2id(Enumerable.Repeat((byte)1, 32).ToArray())
        {
            Salt = Enumerable.Repeat((byte)2, 16).ToArray(),
            KnownSecret = Enumerable.Repeat((byte)3, 8).ToArray(),
            AssociatedData = Enumerable.Repeat((byte)4, 12).ToArray(),
            MemorySize = 32,
            Iterations = 3,
            DegreeOfParallelism = 4,
        };
        Convert.ToHexStringLower(await argon.GetBytesAsync(32))
            .ShouldBe("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    [Theory]
    [InlineData("")]
    [InlineData("$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$ZOoT9pyWH3ckkr6SJNJqlyHm8mrQYSRTWXLhRMiBlWk")]
    [InlineData("$argon2id$v=19$m=64,t=1$c29tZXNhbHQ$ZOoT9pyWH3ckkr6SJNJqlyHm8mrQYSRTWXLhRMiBlWk")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$!!!$ZOoT9pyWH3ckkr6SJNJqlyHm8mrQYSRTWXLhRMiBlWk")]
    public async Task Malformed_hashes_fail(string hash)
    {
        using var hasher = Hasher();
        (await hasher.VerifyAsync(Secret, hash, Partition, default)).ShouldBe(HashVerification.Failed);
    }

    [Fact]
    public void Phc_string_round_trips()
    {
        var phc = new PhcString(19456, 2, 1, Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(), Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());
        PhcString.TryParse(phc.ToString(), out var parsed).ShouldBeTrue();
        parsed.MemoryKiB.ShouldBe(19456);
        parsed.Iterations.ShouldBe(2);
        parsed.Parallelism.ShouldBe(1);
        parsed.Salt.ShouldBe(phc.Salt);
        parsed.Hash.ShouldBe(phc.Hash);
        Regex.IsMatch(phc.ToString(), @"^\$argon2id\$v=19\$m=19456,t=2,p=1\$[^$=]+\$[^$=]+$").ShouldBeTrue();
    }
}
