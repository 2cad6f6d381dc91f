namespace KsQuery.Modules.Keys.Hashing;

/// <summary>Argon2id parameters (configuration section <c>Keys:Argon2</c>); defaults are OWASP's m=19456 KiB, t=2, p=1.</summary>
internal sealed class Argon2Options
{
    public const string Section = "Keys:Argon2";

    public int MemoryKiB { get; set; } = 19456;
    public int Iterations { get; set; } = 2;
    public int Parallelism { get; set; } = 1;

    /// <summary>How many Argon2 computations may run at once across the process (0: one per processor).</summary>
    public int MaxConcurrency { get; set; }

    public int EffectiveMaxConcurrency => MaxConcurrency > 0 ? MaxConcurrency : Environment.ProcessorCount;
}
