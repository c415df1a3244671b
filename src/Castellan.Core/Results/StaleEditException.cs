namespace Castellan.Core.Results;

/// <summary>
/// An edit made against a version of an object that is no longer the current one (optimistic concurrency): nothing was
/// written. The message names both versions; <see cref="Theirs"/> is the current state, for the caller to show.
/// </summary>
public sealed class StaleEditException(string message, long yourVersion, long? theirVersion, object? theirs) : Exception(message)
{
    public long YourVersion { get; } = yourVersion;

    public long? TheirVersion { get; } = theirVersion;

    public object? Theirs { get; } = theirs;
}
