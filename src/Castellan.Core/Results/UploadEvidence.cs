using System.Text.Json;
using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Results;

/// <summary>
/// Stores a file of evidence for one requirement result of a zone, with its SHA-256, uploader and time, and one audit
/// record in the same transaction. The type comes from the extension and must agree with the first bytes; the
/// stored content type is ours, never the browser's.
/// </summary>
public sealed class UploadEvidence(CastellanDbContext db, TimeProvider clock)
{
    /// <summary>The evidence file types, by extension, with the content type they are served as (always as an attachment).</summary>
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".txt"] = "text/plain; charset=utf-8",
        [".csv"] = "text/csv; charset=utf-8",
        [".json"] = "application/json",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    public async Task<EvidenceView> RunAsync(string site, string zone, string requirement, string fileName, byte[] content, string actor, CancellationToken cancellationToken = default)
    {
        await ReadZoneResults.ZoneAsync(db, site, zone, cancellationToken);
        await ReadZoneResults.RequirementAsync(db, requirement, cancellationToken);
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!Types.TryGetValue(extension, out var contentType))
        {
            throw new InputException($"file: {name} is not one of {string.Join(", ", Types.Keys)}");
        }

        if (!LooksLike(extension, content))
        {
            throw new InputException($"file: {name} does not look like a {extension[1..]} file (its first bytes say otherwise)");
        }

        var row = new EvidenceRow
        {
            Site = site,
            Scope = ReadZoneResults.Scope(zone),
            Requirement = requirement,
            FileName = name.Length > 256 ? name[^256..] : name,
            ContentType = contentType,
            Size = content.Length,
            Sha256 = Sha256Hex.Of(content),
            Content = content,
            UploadedBy = actor,
            UploadedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        db.Evidence.Add(row);
        var after = JsonSerializer.Serialize(new Dictionary<string, object> { ["file"] = row.FileName, ["size"] = row.Size, ["sha256"] = row.Sha256 });
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, site, "evidence.upload", $"zone/{zone}/result/{requirement}/evidence/{row.Sha256[..16]}", null, after), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new EvidenceView(row.Key, row.FileName, row.ContentType, row.Size, row.Sha256, row.UploadedBy, row.UploadedAt);
    }

    /// <summary>The file's first bytes agree with its extension: magic numbers for binary formats, no NUL byte in text.</summary>
    public static bool LooksLike(string extension, ReadOnlySpan<byte> content) => extension switch
    {
        ".pdf" => content.StartsWith("%PDF-"u8),
        ".png" => content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ".jpg" or ".jpeg" => content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        ".xlsx" or ".docx" => content.StartsWith("PK\x03\x04"u8),
        ".txt" or ".csv" or ".json" => !content[..Math.Min(content.Length, 8192)].Contains((byte)0),
        _ => false,
    };
}
