using System.Text.Json;
using System.Text.Json.Serialization;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Accounts;
using KsQuery.Modules.Keys.Accounts.ChangePassword;
using KsQuery.Modules.Keys.Accounts.Delete;
using KsQuery.Modules.Keys.Accounts.SignUp;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.ApiKeys.Create;
using KsQuery.Modules.Keys.ApiKeys.Reveal;
using KsQuery.Modules.Keys.ApiKeys.Roll;
using KsQuery.Modules.Keys.ApiKeys.Update;
using KsQuery.Modules.Keys.Audit.Activity;
using KsQuery.Modules.Keys.Audit.Log;
using KsQuery.Modules.Keys.Auth.Login;
using KsQuery.Modules.Keys.Auth.Logout;
using KsQuery.Modules.Keys.Auth.Refresh;
using KsQuery.Modules.Keys.Auth.Sessions.List;
using KsQuery.Modules.Keys.Me;
using KsQuery.Modules.Keys.Teams;
using KsQuery.Modules.Keys.Teams.Create;
using KsQuery.Modules.Keys.Teams.Invitations;
using KsQuery.Modules.Keys.Teams.Members;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace KsQuery.Modules.Keys;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SignUpRequest))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(DeleteAccountRequest))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(LogoutRequest))]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(SelectionRequest))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(CreatedApiKeyResponse))]
[JsonSerializable(typeof(ApiKeyResponse))]
[JsonSerializable(typeof(PagedList<ApiKeyResponse>))]
[JsonSerializable(typeof(UpdateApiKeyRequest))]
[JsonSerializable(typeof(KsQuery.Modules.Keys.ApiKeys.Restrictions.ApiKeyRestrictionsDto))]
[JsonSerializable(typeof(RollApiKeyRequest))]
[JsonSerializable(typeof(RevealApiKeyRequest))]
[JsonSerializable(typeof(RevealedApiKeyResponse))]
[JsonSerializable(typeof(PagedList<AuditEntryResponse>))]
[JsonSerializable(typeof(PagedList<KeyActivityItem>))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(PagedList<SessionResponse>))]
[JsonSerializable(typeof(CreateTeamRequest))]
[JsonSerializable(typeof(TeamResponse))]
[JsonSerializable(typeof(PagedList<TeamResponse>))]
[JsonSerializable(typeof(TeamDetailsResponse))]
[JsonSerializable(typeof(InviteMemberRequest))]
[JsonSerializable(typeof(CreatedInvitationResponse))]
[JsonSerializable(typeof(AcceptInvitationRequest))]
[JsonSerializable(typeof(ChangeMemberRoleRequest))]
[JsonSerializable(typeof(TeamMemberResponse))]
[JsonSerializable(typeof(OwnedTeam[]))]
internal sealed partial class KeysJsonContext : JsonSerializerContext;
