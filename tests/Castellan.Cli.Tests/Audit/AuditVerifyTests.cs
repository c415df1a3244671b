using Castellan.Core.Audit;
using Castellan.Core.Persistence;
using Castellan.Tests;

namespace Castellan.Cli.Tests.Audit;

/// <summary>Tampering with the stored trail — changing a field, removing a record in the middle or at the end — is found and named.</summary>
public sealed class AuditVerifyTests
{
    public static TheoryData<string, string, long, string> Tampering()
    {
        var data = new TheoryData<string, string, long, string>();
        foreach (var provider in TestDatabases.Providers)
        {
            data.Add(provider, """UPDATE audit_records SET "Actor" = 'cli:mallory' WHERE "Sequence" = 2""", 2, "record 2 was changed after it was written");
            data.Add(provider, """UPDATE audit_records SET "After" = NULL WHERE "Sequence" = 3""", 3, "record 3 was changed");
            data.Add(provider, """UPDATE audit_records SET "Outcome" = 'refused' WHERE "Sequence" = 1""", 1, "record 1 was changed");
            data.Add(provider, """DELETE FROM audit_records WHERE "Sequence" = 2""", 2, "record 2 is missing (the next one is 3)");
            data.Add(provider, """DELETE FROM audit_records WHERE "Sequence" = 4""", 4, "records 4–4 were removed from the end of the trail");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Verify_NamesTheFirstBrokenRecord(string provider, string tamper, long broken, string reason)
    {
        var db = await CliRun.NewDatabaseAsync(provider);
        foreach (var name in new[] { "alice", "bob", "carol", "dave" })
        {
            var added = await CliRun.RunAsync(db, "user", "add", name, "--role", "auditor");
            added.ExitCode.ShouldBe(0, added.Error);
        }

        var intact = await CliRun.RunAsync(db, "audit", "verify");
        intact.ExitCode.ShouldBe(0, intact.Error);
        intact.Out.ShouldContain("Audit trail intact: 4 record(s) verified.");

        var target = DatabaseTarget.Parse(db);
        await using (var connection = target.CreateConnection())
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = tamper;
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        await using (var context = target.CreateContext())
        {
            var outcome = await new VerifyAuditChain(context).RunAsync();
            outcome.Intact.ShouldBeFalse();
            outcome.FirstBroken.ShouldBe(broken);
            outcome.Reason.ShouldNotBeNull().ShouldContain(reason);
        }

        var verify = await CliRun.RunAsync(db, "audit", "verify");
        verify.ExitCode.ShouldBe(1);
        verify.Out.ShouldContain($"Audit trail BROKEN at record {broken}: ");
        verify.Out.ShouldContain(reason);
        verify.Error.ShouldNotContain("   at ");
    }
}
