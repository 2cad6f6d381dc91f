using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace KsQuery.Host.Http;

/// <summary><c>Cors:AllowedOrigins</c>: the browser origins that may call the API (none by default: CORS closed).</summary>
internal sealed class CorsSettings : IValidatableObject
{
    public const string Section = "Cors";

    public string[] AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (!IsOrigin(origin))
                yield return new ValidationResult(
                    $"{Section}:{nameof(AllowedOrigins)}: '{origin}' is not an origin; give the scheme (http or https), host and optional " +
                    "port of each site allowed to call the API from a browser, e.g. https://app.example.com, with no path or slash.",
                    [nameof(AllowedOrigins)]);
        }
    }

    // What a browser sends in Origin: scheme://host[:port], nothing more. Wildcards are not taken: list the sites.
    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) &&
        string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase) &&
        uri.UserInfo.Length == 0;
}

[OptionsValidator]
internal sealed partial class CorsSettingsValidator : IValidateOptions<CorsSettings>;
