using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace KsQuery.Tests.Postgres;

/// <summary>Marks a test class that runs a shared store contract against PostgreSQL: its <see cref="StoreContractFactAttribute"/>
/// tests skip with <see cref="PostgresBinaries.SkipReason"/> when PostgreSQL is missing (unless required).</summary>
public interface IPostgresStoreTests;

/// <summary>A test of a shared store contract (an abstract test class run once per store). The attribute sits on the
/// abstract class's method, so whether it needs PostgreSQL is decided per concrete class
/// (<see cref="IPostgresStoreTests"/>) when the tests are discovered.</summary>
[XunitTestCaseDiscoverer("KsQuery.Tests.Postgres.StoreContractFactDiscoverer", StoreContractFactDiscoverer.Assembly)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreContractFactAttribute : FactAttribute;

public sealed class StoreContractFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    // The assembly this file is compiled into (it is shared as source by several test projects).
    internal const string Assembly = ThisAssembly.Name;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgres = typeof(IPostgresStoreTests).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType());
        if (needsPostgres && !PostgresBinaries.IsAvailable && !PostgresBinaries.IsRequired)
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, PostgresBinaries.SkipReason)];
        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
