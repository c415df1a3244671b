namespace Castellan.Core.Advisories;

/// <summary>
/// Why a CSAF document is refused: the test that failed ("schema" for the structure Castellan relies on, else the
/// CSAF 2.0 §6.1 mandatory test id), the JSON path of the offending value, and what is wrong.
/// </summary>
public sealed record CsafProblem(string TestId, string Path, string Message)
{
    public override string ToString() => $"{TestId} at {Path}: {Message}";
}
