namespace KsQuery.Modules.Keys.LastUse;

/// <summary>Records that a key was used (public because the <see cref="LastUseHandler"/> Wolverine handler takes it).</summary>
public interface IKeyActivity
{
    void Record(string keyId, DateTimeOffset at);
}
