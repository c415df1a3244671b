using Castellan.Core.Common;
using Castellan.Core.GapAnalysis;
using Castellan.Core.Persistence;
using Castellan.Domain.GapAnalysis;
using Castellan.Web.Authorization;
using Castellan.Web.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.GapAnalysis;

/// <summary>
/// The gap analysis of the stored SoA against a chosen target, rendered with the site's own styles (the standalone
/// HTML report carries inline CSS, which the CSP forbids here; it is offered as a download instead).
/// </summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class GapPageModel(CastellanDbContext db, WebOptions options, StartJob start) : PageModel
{
    public IReadOnlyList<ListGapTargets.Choice> Targets { get; private set; } = [];

    public string? Target { get; private set; }

    public bool IsmsCertified { get; private set; }

    public GapReport? Report { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? target, bool ismsCertified, CancellationToken cancellationToken)
    {
        Targets = await new ListGapTargets(db).RunAsync(cancellationToken);
        Target = target;
        IsmsCertified = ismsCertified;
        if (string.IsNullOrWhiteSpace(target))
        {
            return;
        }

        try
        {
            Report = await StoredSoaGap.RunAsync(target, ismsCertified, db, options, null, cancellationToken);
            Target = Report.Target.ToString();
        }
        catch (InputException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>A download: the report is made as a job, whose page offers the file when it is ready.</summary>
    public async Task<IActionResult> OnPostDownloadAsync(string? target, bool ismsCertified, string? format, CancellationToken cancellationToken)
    {
        try
        {
            return Redirect(JobLinks.Page("", await GapApi.StartAsync(User, target, format, ismsCertified, start, db, cancellationToken)));
        }
        catch (InputException e)
        {
            await OnGetAsync(null, ismsCertified, cancellationToken);
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    /// <summary>An HTML id for a requirement: "SR 1.1 RE 1" → "r-SR-1-1-RE-1".</summary>
    public static string Anchor(string requirementId) => "r-" + string.Concat(requirementId.Select(c => char.IsLetterOrDigit(c) ? c : '-'));

    public static string BadgeClass(CoverageStatus status) => "gap-" + status.ToWire();
}
