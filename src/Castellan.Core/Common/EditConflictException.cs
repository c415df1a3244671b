using System.Globalization;

namespace Castellan.Core.Common;

/// <summary>
/// The one optimistic-concurrency refusal of every editable entity (zones, conduits, assets, SoA entries, requirement
/// results, the risk register, a previewed import): the caller named a version someone else has changed since, and
/// nothing was written. It carries both sides — theirs (what the database holds now) and yours (what the caller read and
/// tried to write), each as a version and, where there is one, the object as JSON — so any host can show them side by
/// side. Hosts map it once (the web: 409 problem details with <c>theirs</c> and <c>yours</c>; the CLI: exit 1).
/// </summary>
public sealed class EditConflictException(string what, long? theirVersion, string? theirJson, long? yourVersion, string? yourJson, string? detail = null)
    : Exception(Describe(what, theirVersion, yourVersion, detail))
{
    /// <summary>What was edited, in words ("zone 'scada'", "A.5.15 of the SoA", "the risk register").</summary>
    public string What { get; } = what;

    public long? TheirVersion { get; } = theirVersion;

    public string? TheirJson { get; } = theirJson;

    public long? YourVersion { get; } = yourVersion;

    public string? YourJson { get; } = yourJson;

    private static string Describe(string what, long? theirs, long? yours, string? detail)
    {
        static string Version(long? v) => v is { } n ? n.ToString(CultureInfo.InvariantCulture) : "(none)";
        var versions = theirs is null && yours is null
            ? ""
            : $": the database holds version {Version(theirs)}, you edited version {Version(yours)}";
        return $"{what} was changed by someone else since you read it{versions}{(detail is null ? "" : "; " + detail)}. "
            + "Nothing was written; compare both versions and apply your change again.";
    }
}
