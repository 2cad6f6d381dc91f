using System.Text;

namespace KsQuery.Modules.Keys.Accounts;

internal static class Password
{
    public const int MinLength = 12;

    // Bounds the work one request can cause (the password is hashed as UTF-8).
    public const int MaxLength = 1024;

    public static int Length(string password) => password.EnumerateRunes().Count();

    public static byte[] Bytes(string password) => Encoding.UTF8.GetBytes(password);
}
