namespace Castellan.Core.Common;

/// <summary>
/// A problem with something a user handed in (a file, a value) that they can fix. The message is complete and
/// user-facing: it names the file, line, field or id. Hosts print it without a stack trace (CLI exit 1, HTTP 4xx).
/// </summary>
public class InputException(string message) : Exception(message)
{
    /// <summary>"file:line: field 'x' (id Y): message" — the form every parser uses.</summary>
    public static InputException At(string file, int? line, string message) =>
        new(line is null ? $"{file}: {message}" : $"{file}:{line}: {message}");
}

/// <summary>An unknown id or an impossible combination of arguments (CLI exit 2, HTTP 404/400).</summary>
public sealed class UsageException(string message) : InputException(message);
