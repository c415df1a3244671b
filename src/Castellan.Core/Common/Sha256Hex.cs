using System.Security.Cryptography;

namespace Castellan.Core.Common;

/// <summary>
/// SHA-256 as 64 lower-case hex digits, the form every stored hash takes (files, audit records, tokens, the shipped
/// catalogs). The digits are written by a loop of this assembly, compiled ahead of time: the framework's
/// Convert.ToHexStringLower is vectorised code with no ready-to-run form, compiled unoptimised when a short command
/// first calls it (about 1 ms, then slow code for the rest of the command; see <see cref="TextOrder"/>).
/// </summary>
public static class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return Digits(hash);
    }

    /// <summary>The lower-case hex digits of a hash already made (as Convert.ToHexStringLower writes them).</summary>
    public static string Digits(ReadOnlySpan<byte> hash)
    {
        Span<char> digits = stackalloc char[hash.Length * 2];
        for (var i = 0; i < hash.Length; i++)
        {
            digits[2 * i] = "0123456789abcdef"[hash[i] >> 4];
            digits[(2 * i) + 1] = "0123456789abcdef"[hash[i] & 0xF];
        }

        return new string(digits);
    }
}
