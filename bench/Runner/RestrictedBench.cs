using static Bench.Runner.Stats;

namespace Bench.Runner;

/// <summary>Issue 17: a key carrying every restriction (all matching) against an unrestricted key, and the same restricted
/// key without origins (what the checks cost apart from the CORS headers an origin-restricted answer carries).
/// Single 5 s runs on this 2-core machine swing by +-0.08 of the baseline, more than the 0.03 to be shown, so each round
/// runs every variant twice in a palindrome (base, plain, restricted, no origins, no origins, restricted, plain, base):
/// a drift of the machine during the round weighs on every variant alike, and each round's gap is a difference of sums
/// taken from the same seconds. The three KS Query variants take turns in the palindrome's places from round to round
/// (round 2: restricted, no origins, plain, ...): with a fixed order the middle places, next to no baseline run, were
/// slower in most rounds whatever key ran there, which read as a cost of the restrictions. The figure is the median of
/// the rounds' gaps, printed with their spread.</summary>
internal static class RestrictedBench
{
    private const string Origin = "https://app.example.com";
    private const string Agent = "bench-wrk/1.0";
    private const string Path = "/v1/kalp/testnet/network";

    public static async Task RunAsync(Setup setup, string validKey, string ksqUrl, string baselineUrl, BenchOptions options, Report report)
    {
        var (_, restricted, _) = await setup.CreateKeyAsync("bench-restricted", restrictions: new
        {
            ipRanges = new[] { "10.0.0.0/8", "127.0.0.0/8", "::1/128", "2001:db8::/32" },
            origins = new[] { "https://*.example.org", Origin },
            userAgents = new[] { "other-agent", "bench-wrk" },
            apis = new[] { "block-latest", "network-info" },
        });
        var (_, noOrigins, _) = await setup.CreateKeyAsync("bench-restricted-no-origins", restrictions: new
        {
            ipRanges = new[] { "10.0.0.0/8", "127.0.0.0/8", "::1/128", "2001:db8::/32" },
            userAgents = new[] { "other-agent", "bench-wrk" },
            apis = new[] { "block-latest", "network-info" },
        });
        var variants = new Variant[]
        {
            new("baseline", baselineUrl + "/network", ""),
            new("unrestricted", ksqUrl + Path, Lua.BrowserHeaders(validKey, Origin, Agent)),
            new("restricted", ksqUrl + Path, Lua.BrowserHeaders(restricted, Origin, Agent)),
            new("no origins", ksqUrl + Path, Lua.BrowserHeaders(noOrigins, Origin, Agent)),
        };
        await LoadTools.WrkAsync(variants[2].Url, variants[2].Lua, options.Connections, options.Warmup);

        var gaps = new List<double>();
        var noOriginsGaps = new List<double>();
        var ratios = new List<double>();
        var restrictedRatios = new List<double>();
        long restrictedNon2xx = 0;
        for (var round = 0; round < options.Rounds; round++)
        {
            var turn = Enumerable.Range(0, variants.Length - 1).Select(i => 1 + (i + round) % (variants.Length - 1)).ToArray();
            int[] palindrome = [0, .. turn, .. turn.Reverse(), 0];
            var sums = new double[variants.Length];
            foreach (var index in palindrome)
            {
                var result = await LoadTools.WrkAsync(variants[index].Url, variants[index].Lua, options.Connections, options.Seconds);
                sums[index] += result.RequestsPerSecond;
                if (index == 2)
                    restrictedNon2xx += result.Non2xx;
            }
            var (baseline, plain, restrictedSum, noOriginsSum) = (sums[0], sums[1], sums[2], sums[3]);
            gaps.Add((plain - restrictedSum) / baseline);
            noOriginsGaps.Add((plain - noOriginsSum) / baseline);
            ratios.Add(plain / baseline);
            restrictedRatios.Add(restrictedSum / baseline);
            Console.WriteLine($"  7 restricted round {round + 1}: baseline {baseline / 2:F0} req/s, unrestricted {plain / 2:F0} ({plain / baseline:F2}), " +
                $"restricted {restrictedSum / 2:F0} ({restrictedSum / baseline:F2}), without origins {noOriginsSum / 2:F0} ({noOriginsSum / baseline:F2}); " +
                $"gap {gaps[^1]:F3}, without origins {noOriginsGaps[^1]:F3}");
        }

        var gap = MedianOf(gaps);
        report.Check("7. keyed GET /network, unrestricted key", $"{MedianOf(ratios):F2}x of the baseline", MedianOf(ratios) >= 0.85, ">= 0.85x");
        report.Check("7. keyed GET /network, every restriction", $"{MedianOf(restrictedRatios):F2}x of the baseline", MedianOf(restrictedRatios) >= 0.82, ">= 0.82x");
        report.Check("7. restricted key's ratio below the unrestricted's",
            $"{gap:F3} (median of {gaps.Count} rounds; rounds {gaps.Min():F3} to {gaps.Max():F3})", gap <= 0.03, "<= 0.03");
        report.Check("7. (ablation) the same without origins, so without CORS headers",
            $"{MedianOf(noOriginsGaps):F3} (rounds {noOriginsGaps.Min():F3} to {noOriginsGaps.Max():F3})", true, "information");
        report.Check("7. all restricted answers 200", $"{restrictedNon2xx} non-2xx", restrictedNon2xx == 0, "0");
    }

    private sealed record Variant(string Name, string Url, string Lua);
}
