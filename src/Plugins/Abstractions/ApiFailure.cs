namespace KsQuery.Plugins.Abstractions;

/// <summary>An error answer an API can give, declared so the host can document it: the OpenAPI operation lists every
/// status with the <c>code</c> values it can carry (the plugin's and the host's own refusals merged).</summary>
/// <param name="Status">HTTP status, 400 to 599, as in the <see cref="ApiError"/> the plugin returns.</param>
/// <param name="Code">The stable snake_case <see cref="ApiError.Code"/>, e.g. <c>block_not_found</c>.</param>
/// <param name="Description">When it is answered, for a human, e.g. "No block has that number."</param>
public sealed record ApiFailure(int Status, string Code, string Description);
