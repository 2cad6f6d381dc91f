namespace Host.Tests.Startup;

/// <summary>Tests that assert on process-wide state (the file mode mask) run alone: while other test classes start hosts
/// in the same test process, the runtime or a library may read the mask by setting and restoring it, and a file created
/// in that instant would get the wider mode. A service process has one host, so this is a property of the test run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideStateCollection
{
    public const string Name = "Process-wide state";
}
