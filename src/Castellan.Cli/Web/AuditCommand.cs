using System.CommandLine;
using Castellan.Core.Audit;

namespace Castellan.Cli.Web;

/// <summary>castellan audit verify: recomputes the hash chain and names the first broken record (exit 1).</summary>
public static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var verify = new Command("verify", "Recompute the audit trail's hash chain; exit 1 and name the first broken record if anything was changed or removed.");
        verify.SetAction(async (parse, ct) =>
        {
            await using var db = await context.OpenDatabaseAsync(parse, ct);
            var outcome = await new VerifyAuditChain(db).RunAsync(ct);
            if (outcome.Intact)
            {
                await context.Out.WriteLineAsync($"Audit trail intact: {outcome.Records} record(s) verified.");
                return Program.Success;
            }

            await context.Out.WriteLineAsync($"Audit trail BROKEN at record {outcome.FirstBroken}: {outcome.Reason}");
            return Program.Refused;
        });
        return new Command("audit", "The tamper-evident audit trail.") { verify };
    }
}
