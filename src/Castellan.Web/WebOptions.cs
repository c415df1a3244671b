using Castellan.Core.Persistence;

namespace Castellan.Web;

/// <summary>How `castellan serve` was asked to run.</summary>
public sealed record WebOptions
{
    /// <summary>The database, already migrated and seeded by the host.</summary>
    public required DatabaseTarget Database { get; init; }

    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Where the console messages (setup code, demo sign-in) go.</summary>
    public TextWriter Console { get; init; } = TextWriter.Null;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Optional OpenID Connect sign-in (configuration only); null = local accounts only.</summary>
    public OpenIdOptions? OpenId { get; init; }

    /// <summary>How this instance runs background jobs (imports, reports).</summary>
    public Jobs.JobOptions Jobs { get; init; } = new();

    /// <summary>How many requests this instance works on at once (the rest wait, then get 503).</summary>
    public Hosting.AdmissionOptions Admission { get; init; } = new();
}

public sealed record OpenIdOptions(string Authority, string ClientId, string? ClientSecret, string DisplayName = "Single sign-on");
