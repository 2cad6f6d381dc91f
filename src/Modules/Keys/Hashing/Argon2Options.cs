using System.ComponentModel.DataAnnotations;
using KsQuery.Contracts.Settings;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Hashing;

/// <summary>Argon2id parameters (configuration section <c>Keys:Argon2</c>); defaults are OWASP's m=19456 KiB, t=2, p=1.
/// The upper bounds keep one hash within memory and seconds: past them every sign-up and login would fail or time out.</summary>
internal sealed class Argon2Options : IValidatableObject
{
    public const string Section = "Keys:Argon2";

    /// <summary>1 GiB: with <see cref="MaxConcurrency"/> hashes at once, the most a small server can give.</summary>
    public const int MaxMemoryKiB = 1_048_576;

    [SettingRange("Keys:Argon2:MemoryKiB", 8, MaxMemoryKiB, Note = "(KiB)")]
    public int MemoryKiB { get; set; } = 19456;

    [SettingRange("Keys:Argon2:Iterations", 1, 64)]
    public int Iterations { get; set; } = 2;

    [SettingRange("Keys:Argon2:Parallelism", 1, 255)]
    public int Parallelism { get; set; } = 1;

    /// <summary>How many Argon2 computations may run at once across the process (0: one per processor).</summary>
    [SettingRange("Keys:Argon2:MaxConcurrency", 0, 1024, Note = "(0: one per processor)")]
    public int MaxConcurrency { get; set; }

    public int EffectiveMaxConcurrency => MaxConcurrency > 0 ? MaxConcurrency : Environment.ProcessorCount;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Argon2 itself needs 8 KiB of memory per lane; out-of-range values are reported by their own ranges.
        if (MemoryKiB is >= 8 and <= MaxMemoryKiB && Parallelism is >= 1 and <= 255 && MemoryKiB < 8 * Parallelism)
            yield return new ValidationResult(
                $"Keys:Argon2:MemoryKiB must be at least 8 x Keys:Argon2:Parallelism ({8 * Parallelism}); got {MemoryKiB}.");
    }
}

[OptionsValidator]
internal sealed partial class Argon2OptionsValidator : IValidateOptions<Argon2Options>;
