namespace KsQuery.Modules.Keys.Configuration;

/// <summary>Who may create an account with <c>POST /v1/accounts</c> (<c>Accounts:SignUp</c>).</summary>
internal enum SignUpMode
{
    /// <summary>Anyone (the default).</summary>
    Open,

    /// <summary>No one: accounts come from the operator (the <c>accounts create</c> command).</summary>
    Closed,

    /// <summary>Only the invitee of a pending team invitation, with its token; the account joins that team.</summary>
    Invitation,
}
