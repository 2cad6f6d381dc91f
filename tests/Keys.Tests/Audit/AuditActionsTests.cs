using System.Reflection;
using KsQuery.Modules.Keys.Audit;

namespace Keys.Tests.Audit;

public sealed class AuditActionsTests
{
    [Fact]
    public void All_holds_every_action_constant_so_the_audit_filter_accepts_it()
    {
        var constants = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        constants.Count.ShouldBeGreaterThan(10);
        AuditActions.All.ShouldBe(constants, ignoreOrder: true);
    }
}
