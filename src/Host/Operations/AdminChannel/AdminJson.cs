using System.Text.Json;
using System.Text.Json.Serialization;
using KsQuery.Modules.Keys.Administration;

namespace KsQuery.Host.Operations.AdminChannel;

internal sealed record AdminStatus(string Version, string DataDirectory, int ProcessId);

internal sealed record AdminPasswordRequest(string? Email, string Password);

/// <summary>A refusal on the admin channel: the <see cref="AdministrationRefused"/> code and line.</summary>
internal sealed record AdminProblem(string Code, string Detail);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AdminStatus))]
[JsonSerializable(typeof(AdminPasswordRequest))]
[JsonSerializable(typeof(AdminProblem))]
[JsonSerializable(typeof(AdminAccount))]
[JsonSerializable(typeof(IReadOnlyList<AdminAccount>))]
[JsonSerializable(typeof(AdminKey))]
[JsonSerializable(typeof(IReadOnlyList<AdminKey>))]
internal sealed partial class AdminJson : JsonSerializerContext;
