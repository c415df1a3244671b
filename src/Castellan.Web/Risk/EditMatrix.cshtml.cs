using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Risk;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Risk;

/// <summary>Edits the organisation's matrix: scales, bands, cells, tolerable line. Organisation security managers only.</summary>
[Authorize(Policy = Policies.OrganisationManageSecurity)]
public sealed class EditMatrixModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public long Version { get; private set; }

    public string Likelihood { get; private set; } = "";

    public string Impact { get; private set; } = "";

    public string Bands { get; private set; } = "";

    public string Tolerable { get; private set; } = "";

    public string Cells { get; private set; } = "";

    public string? Error { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        try
        {
            var (m, version) = await new ShowSiteRisk(db).MatrixAsync(cancellationToken);
            Version = version;
            (Likelihood, Impact, Bands, Tolerable) = (string.Join(", ", m.Likelihood), string.Join(", ", m.Impact), string.Join(", ", m.Bands), m.Tolerable);
            Cells = string.Join("\n", m.Likelihood.Select((step, l) => $"{step}: {string.Join(", ", m.Cells[l])}"));
        }
        catch (UsageException)
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long version, string? likelihood, string? impact, string? bands, string? tolerable, string? cells, CancellationToken cancellationToken)
    {
        try
        {
            var input = new EditRiskMatrix.Input(List(likelihood), List(impact), List(bands), Rows(cells), tolerable, null);
            await new EditRiskMatrix(db, clock).RunAsync(WebClaims.Actor(User), input, version, cancellationToken);
            return Redirect("/risk/matrix/edit?saved=true");
        }
        catch (Exception e) when (Refusal.Of(e) is { } refusal)
        {
            if (refusal.IsNotFound)
            {
                return NotFound();
            }

            (Error, Response.StatusCode) = (refusal.Message, refusal.Status);
        }

        // Show what was entered, with the version it was based on, so nothing typed is lost.
        (Version, Likelihood, Impact, Bands, Tolerable, Cells) = (version, likelihood ?? "", impact ?? "", bands ?? "", tolerable ?? "", cells ?? "");
        return Page();
    }

    private static string[]? List(string? text) =>
        text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>One row per non-empty line; a leading "step:" label is optional and ignored (rows go by line order).</summary>
    private static IReadOnlyList<IReadOnlyList<string>>? Rows(string? text) =>
        text is null ? null : [.. text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (IReadOnlyList<string>)List(line.Contains(':', StringComparison.Ordinal) ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..] : line)!)];
}
