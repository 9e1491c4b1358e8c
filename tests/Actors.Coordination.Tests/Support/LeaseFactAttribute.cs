using Xunit.Abstractions;
using Xunit.Sdk;

namespace ActorShutdown.Coordination.Tests.Support;

/// <summary>Marks a test class whose tests need the PostgreSQL server (see <see cref="PostgreSql"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresPostgreSqlAttribute : Attribute;

/// <summary>
/// A fact that is skipped, with the reason, when its class needs PostgreSQL and none is reachable outside CI.
/// Declared on the shared contract tests, it decides per implementation: the class is known at discovery.
/// </summary>
[XunitTestCaseDiscoverer("ActorShutdown.Coordination.Tests.Support.LeaseFactDiscoverer", "ActorShutdown.Coordination.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class LeaseFactAttribute : FactAttribute;

public sealed class LeaseFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsServer = testMethod.TestClass.Class.ToRuntimeType().IsDefined(typeof(RequiresPostgreSqlAttribute), inherit: true);
        var skip = factAttribute.GetNamedArgument<string>("Skip") ?? (needsServer ? PostgreSql.SkipReason : null);
        yield return skip is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skip);
    }
}
