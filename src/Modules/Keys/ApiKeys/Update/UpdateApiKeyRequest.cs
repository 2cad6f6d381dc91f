namespace KsQuery.Modules.Keys.ApiKeys.Update;

/// <summary><c>restrictions</c> replaces the whole object when given; null or left out keeps it, <c>{}</c> removes all.</summary>
internal sealed record UpdateApiKeyRequest(string? Name = null, string? Description = null, Restrictions.ApiKeyRestrictionsDto? Restrictions = null);
