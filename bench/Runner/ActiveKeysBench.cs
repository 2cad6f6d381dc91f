using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Bench.Runner;

/// <summary>
/// <c>bench/run --active-keys 10000</c> (issue 20, target 3): that many distinct keys, of accounts holding 100 each (the
/// default <c>Keys:MaxKeysPerAccount</c>), called in one run by a wrk script rotating through all of them, against the
/// baseline in paired rounds (ratio &gt;= 0.85). Each key's first verification (its Argon2id hash) happens in an untimed
/// warm-up. Then usage per key is checked exactly: a second wrk script sends every key exactly
/// <see cref="CallsPerKey"/> calls and stops once all are answered (nothing left in flight), and each key's count read
/// through the API must have grown by exactly that.
/// Argon2: unless <c>--real-argon2</c>, this run lowers the service's Argon2id cost to m=1024 KiB, t=1 (the defaults,
/// m=19456 KiB, t=2, stay for every other run): creating the keys and verifying each once cost two hashes per key, about
/// 10 minutes at the defaults on 2 cores, and neither is timed; what is timed (calls of verified keys) never hashes.
/// </summary>
internal static class ActiveKeysBench
{
    private const string NetworkPath = "/v1/kalp/testnet/network";
    private const int KeysPerAccount = 100;
    private const int CallsPerKey = 3;

    public static async Task<int> RunAsync(BenchOptions options, string[] args)
    {
        var report = new Report();
        var argon2 = options.RealArgon2 ? "the service's defaults (m=19456 KiB, t=2)" : "lowered for this run to m=1024 KiB, t=1 (defaults unchanged)";
        Console.WriteLine($"KS Query with {options.ActiveKeys} active keys: {options.Rounds} rounds x {options.Seconds}s, -c{options.Connections}; " +
            $"Argon2id {argon2}; load average {SecurityBench.LoadAverage()}");
        var data = Directory.CreateTempSubdirectory("ksq-bench-active-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["KSQUERY_DATA"] = data,
            ["Plugins__kalp__Blocks"] = options.Blocks.ToString(CultureInfo.InvariantCulture),
            // every account of the run signs up from loopback
            ["Keys__Throttling__SignUpsPerAddress"] = "0",
        };
        foreach (var (name, value) in MemoryBench.HostEnvironment(args))
        {
            environment[name] = value;
            Console.WriteLine($"  KS Query only: {name}={value}");
        }
        if (!options.RealArgon2)
        {
            environment["Keys__Argon2__MemoryKiB"] = "1024";
            environment["Keys__Argon2__Iterations"] = "1";
        }
        var ksq = ServiceProcess.Start(options.HostDll, environment);
        ServiceProcess? baseline = null;
        try
        {
            await ksq.WaitUntilServingAsync("/health", TimeSpan.FromSeconds(60));
            var started = Stopwatch.GetTimestamp();
            var accounts = await CreateKeysAsync(ksq.Url, options.ActiveKeys);
            var keys = accounts.SelectMany(a => a.Keys).ToList();
            Console.WriteLine($"  {keys.Count} keys of {accounts.Count} accounts created through the API in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");

            started = Stopwatch.GetTimestamp();
            await VerifyEachOnceAsync(ksq.Url, keys.Select(k => k.Key));
            Console.WriteLine($"  each key's first verification (untimed warm-up): {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");

            baseline = await BaselineService.StartAsync(options, accounts[0].Setup, keys[0].Key);
            // The baseline gets the same script (its keys ignored there): wrk builds every request in Lua, on the same two
            // cores as the services, and only the services may differ between the two sides.
            var rotating = Lua.RotatingKeys(NetworkPath, keys.Select(k => k.Key).ToList());
            var rotatingBaseline = Lua.RotatingKeys("/network", keys.Select(k => k.Key).ToList());
            Console.WriteLine($"  warming up ({options.Warmup}s per path)");
            await LoadTools.WrkAsync(baseline.Url + "/", rotatingBaseline, options.Connections, options.Warmup);
            await LoadTools.WrkAsync(ksq.Url + "/", rotating, options.Connections, options.Warmup);

            var (b, k, ratio) = await PairedRounds.CompareAsync($"{keys.Count} keys", options.Rounds,
                () => LoadTools.WrkAsync(baseline.Url + "/", rotatingBaseline, options.Connections, options.Seconds),
                () => LoadTools.WrkAsync(ksq.Url + "/", rotating, options.Connections, options.Seconds));
            report.Ratio($"3. keyed GET /network rotating {keys.Count} keys", k, b, ratio, 0.85);
            report.Check("3. all rotating answers 200", $"{k.Non2xx} non-2xx", k.Non2xx == 0, "0");

            // Exactness: counts before, exactly CallsPerKey calls per key with nothing in flight at the end, counts after.
            var before = await SettledCountsAsync(accounts);
            // wrk's main thread waits out -d even after the script stopped its thread: long enough for the budget at
            // 2000 calls/s, not much more.
            var exactSeconds = 10 + keys.Count * CallsPerKey / 2000;
            var exact = await LoadTools.WrkAsync(ksq.Url + "/", ExactCalls(keys.Select(k => k.Key).ToList(), CallsPerKey), options.Connections, exactSeconds);
            var after = await SettledCountsAsync(accounts);
            var expected = (long)keys.Count * CallsPerKey;
            var wrong = keys.Count(key => after.GetValueOrDefault(key.Id) - before.GetValueOrDefault(key.Id) != CallsPerKey);
            var counted = keys.Sum(key => after.GetValueOrDefault(key.Id) - before.GetValueOrDefault(key.Id));
            report.Check("3. usage per key exact",
                $"{keys.Count - wrong} of {keys.Count} keys +{CallsPerKey}; {counted} counted, {exact.Requests} answered ({exact.Non2xx} non-2xx)",
                wrong == 0 && exact.Requests == expected && counted == expected && exact.Non2xx == 0, "every key exact");
            var rss = ksq.ResidentBytes();
            report.Check($"3. resident memory after the load, {keys.Count} keys verified", $"{rss / 1024 / 1024} MB", true, "information");
        }
        finally
        {
            await Cleanup.StopAsync(data, baseline, ksq);
        }
        return report.Print();
    }

    private sealed record ActiveKey(string Id, string Key);

    private sealed record Account(Setup Setup, List<ActiveKey> Keys);

    // Accounts sign up and create their keys four at a time (key creation queues on the service's Argon2 slots anyway).
    private static async Task<List<Account>> CreateKeysAsync(string url, int count)
    {
        var accounts = new ConcurrentBag<(int Index, Account Account)>();
        var numbers = Enumerable.Range(0, (count + KeysPerAccount - 1) / KeysPerAccount);
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, _) =>
        {
            var setup = new Setup(url, $"active-{n}@example.com");
            await setup.LogInAsync();
            var keys = new List<ActiveKey>();
            for (var i = n * KeysPerAccount; i < Math.Min(count, (n + 1) * KeysPerAccount); i++)
            {
                var (id, key, _) = await setup.CreateKeyAsync($"active-{i}");
                keys.Add(new ActiveKey(id, key));
            }
            accounts.Add((n, new Account(setup, keys)));
        });
        return accounts.OrderBy(a => a.Index).Select(a => a.Account).ToList();
    }

    private static async Task VerifyEachOnceAsync(string url, IEnumerable<string> keys)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, NetworkPath);
            request.Headers.Add("X-Api-Key", key);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"a key's first call answered {(int)response.StatusCode}");
        });
    }

    /// <summary>Every key exactly <paramref name="calls"/> times, rotating: <c>delay</c> lets exactly that many requests go
    /// out (then holds each connection for an hour), and the thread stops once all are answered, so nothing is in flight
    /// when wrk ends (wrk -t1: one Lua state).</summary>
    private static string ExactCalls(IReadOnlyList<string> keys, int calls) =>
        "local keys = {" + string.Join(",", keys.Select(k => $"\"{k}\"")) + "}\n" +
        $$"""
        local budget = #keys * {{calls}}
        local issued, received, i = 0, 0, 0
        delay = function()
          if issued >= budget then return 3600000 end
          issued = issued + 1
          return 0
        end
        request = function()
          i = i % #keys + 1
          return wrk.format("GET", "{{NetworkPath}}", { ["X-Api-Key"] = keys[i] })
        end
        response = function(status, headers, body)
          received = received + 1
          if received >= budget then wrk.thread:stop() end
        end
        """;

    // Usage is counted off the request path; read until two reads a second apart agree.
    private static async Task<Dictionary<string, long>> SettledCountsAsync(List<Account> accounts)
    {
        Dictionary<string, long>? last = null;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var now = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var account in accounts)
                foreach (var (id, requests) in await account.Setup.RequestsByKeyAsync())
                    now[id] = requests;
            if (last is not null && last.Count == now.Count && last.All(kv => now.GetValueOrDefault(kv.Key) == kv.Value))
                return now;
            last = now;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return last!;
    }
}
