using Castellan.Tests;

namespace Castellan.Cli.Tests.Web;

public sealed class UserCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UserAdd_ThenToken_CreatesBothAndTheAuditTrailStaysIntact(string provider)
    {
        var db = await CliRun.NewDatabaseAsync(provider);
        var import = await CliRun.RunAsync(db, "import", Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml"));
        import.ExitCode.ShouldBe(0, import.Error);

        var add = await CliRun.RunAsync(db, "user", "add", "olga", "--role", "ot-engineer", "--site", "north-wtp");
        add.ExitCode.ShouldBe(0, add.Error);
        add.Out.ShouldContain("Created user 'olga' with ot-engineer on north-wtp.");
        add.Out.ShouldMatch(@"Password \(shown once\): \S{20}");

        var token = await CliRun.RunAsync(db, "user", "token", "olga", "--name", "pipeline", "--scope", "write");
        token.ExitCode.ShouldBe(0, token.Error);
        token.Out.Trim().ShouldStartWith("cst_");

        var verify = await CliRun.RunAsync(db, "audit", "verify");
        verify.ExitCode.ShouldBe(0, verify.Out);
        verify.Out.ShouldContain("Audit trail intact: 3 record(s) verified."); // workspace.import, user.add, token.create
    }

    [Fact]
    public async Task UserAdd_UnknownRoleOrSite_IsRefusedWithTheReasonAndCreatesNothing()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        var role = await CliRun.RunAsync(db, "user", "add", "bob", "--role", "superuser");
        role.ExitCode.ShouldBe(2);
        role.Error.ShouldContain("--role: 'superuser' is not a role; roles: admin, security-manager, assessor, ot-engineer, auditor");

        var site = await CliRun.RunAsync(db, "user", "add", "bob", "--role", "auditor", "--site", "nowhere");
        site.ExitCode.ShouldBe(1);
        site.Error.ShouldContain("site: no site 'nowhere' in the database");

        var token = await CliRun.RunAsync(db, "user", "token", "bob");
        token.ExitCode.ShouldBe(2);
        token.Error.ShouldContain("no user 'bob'");
    }
}
