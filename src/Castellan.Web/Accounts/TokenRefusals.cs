using Castellan.Core.Audit;
using Castellan.Core.Persistence;

namespace Castellan.Web.Accounts;

/// <summary>A refused token creation is worth an audit record: someone tried to obtain a credential.</summary>
internal static class TokenRefusals
{
    public static Task RecordAsync(CastellanDbContext db, TimeProvider clock, string actor, string name, string reason, CancellationToken cancellationToken) =>
        new AuditTrail(clock).AppendAloneAsync(db, new AuditEntry(actor, "", "token.create", $"token/{(name.Length > 128 ? name[..128] : name)}", null,
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["reason"] = reason }), AuditOutcome.Refused), cancellationToken);
}
