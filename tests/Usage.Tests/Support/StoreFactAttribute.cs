using KsQuery.Tests.Postgres;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Usage.Tests.Support;

/// <summary>A contract test run against every store: in a test class of the PostgreSQL collection it is skipped, like a
/// <see cref="PostgresFactAttribute"/>, when PostgreSQL is missing and not required.</summary>
[XunitTestCaseDiscoverer("Usage.Tests.Support.StoreFactDiscoverer", "Usage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var skip = testMethod.TestClass.TestCollection.DisplayName == PostgresCollection.Name
            && !PostgresBinaries.IsAvailable && !PostgresBinaries.IsRequired;
        return [skip
            ? new PostgresMissingTestCase(diagnostics, display, displayOptions, testMethod)
            : new XunitTestCase(diagnostics, display, displayOptions, testMethod)];
    }
}

public sealed class PostgresMissingTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public PostgresMissingTestCase()
    {
    }

    public PostgresMissingTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnostics, display, displayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => PostgresBinaries.SkipReason;
}
