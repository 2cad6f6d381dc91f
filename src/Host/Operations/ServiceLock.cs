using KsQuery.Contracts.Http;

namespace KsQuery.Host.Operations;

/// <summary>An exclusive lock on <c>service.lock</c> in the data directory: held by the running service for its whole life
/// and by an offline command while it works on the files, so neither works on files the other has open (LiteDB's own
/// file sharing does not stop a second process on Linux).</summary>
internal sealed class ServiceLock : IDisposable
{
    public const string FileName = "service.lock";

    private readonly FileStream _file;

    private ServiceLock(FileStream file) => _file = file;

    /// <summary>The lock, or null when another process (or another host in this one) holds it.</summary>
    public static ServiceLock? TryTake(DataDirectory data)
    {
        try
        {
            return new ServiceLock(new FileStream(data.File(FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
