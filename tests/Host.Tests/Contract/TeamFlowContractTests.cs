using Host.Tests.Teams;

namespace Host.Tests.Contract;

/// <summary>Every answer of the team tests (each role's allowed and refused actions, invitations, the owner rules) matches
/// the schema the served OpenAPI document declares for its operation and status.</summary>
public sealed class TeamFlowContractTests
{
    [Fact]
    public async Task Every_answer_of_the_team_flows_matches_the_document()
    {
        using var recording = ExchangeRecording.Start();
        using (var roles = new TeamRoleTests())
            await roles.Each_role_is_allowed_what_it_may_do_and_refused_the_rest_with_forbidden_role();
        using (var roles = new TeamRoleTests())
            await roles.Outsiders_get_404_for_the_team_and_every_one_of_its_keys_and_personal_lists_stay_personal();
        using (var membership = new TeamMembershipTests())
            await membership.An_invitation_is_accepted_once_by_the_invited_account_only_and_not_after_it_expires();
        using (var membership = new TeamMembershipTests())
            await membership.Only_an_owner_makes_or_removes_an_owner_and_the_last_owner_cannot_leave_or_step_down();

        var codes = RecordedAnswers.All(recording).Select(a => $"{a.Status} {a.Code()}").ToHashSet();
        string[] expected = ["403 forbidden_role", "404 team_not_found", "404 key_not_found", "404 member_not_found",
            "403 invitation_for_another_account", "404 invitation_not_found", "409 invitation_used", "409 invitation_expired",
            "409 last_owner", "400 validation_failed"];
        expected.Except(codes).ShouldBeEmpty("every one of these answers is checked against the document");
        RecordedAnswers.All(recording).ShouldContain(a => a.Method == "POST" && a.Path == "/v1/teams" && a.Status == 201);
        RecordedAnswers.All(recording).ShouldContain(a => a.Method == "DELETE" && a.Status == 204);
        recording.ShouldMatchTheDocument();
    }
}
