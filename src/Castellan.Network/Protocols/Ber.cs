namespace Castellan.Network.Protocols;

/// <summary>Minimal ASN.1 BER reading for MMS and SNMP: one tag-length header at a time, bounds-checked.</summary>
internal static class Ber
{
    /// <summary>
    /// Reads the header at the start of <paramref name="data"/>: the tag (high-tag-number form folded into
    /// <paramref name="tagNumber"/>), whether it is constructed, and the content (cut to what is there).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out byte tagClass, out bool constructed, out int tagNumber, out ReadOnlySpan<byte> content, out ReadOnlySpan<byte> rest)
    {
        tagClass = 0;
        constructed = false;
        tagNumber = 0;
        content = rest = default;
        if (data.Length < 2)
        {
            return false;
        }

        tagClass = (byte)(data[0] >> 6);
        constructed = (data[0] & 0x20) != 0;
        tagNumber = data[0] & 0x1F;
        var position = 1;
        if (tagNumber == 0x1F)
        {
            tagNumber = 0;
            for (var i = 0; i < 3; i++)
            {
                if (position >= data.Length)
                {
                    return false;
                }

                var b = data[position++];
                tagNumber = (tagNumber << 7) | (b & 0x7F);
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }
        }

        if (position >= data.Length)
        {
            return false;
        }

        int length = data[position++];
        if (length > 0x80)
        {
            var count = length & 0x7F;
            if (count > 3 || position + count > data.Length)
            {
                return false;
            }

            length = 0;
            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | data[position++];
            }
        }
        else if (length == 0x80)
        {
            // Indefinite length: take the rest.
            length = data.Length - position;
        }

        var available = Math.Min(length, data.Length - position);
        content = data.Slice(position, available);
        rest = data[(position + available)..];
        return true;
    }

    /// <summary>The content of a primitive string element as printable text.</summary>
    public static string? Text(ReadOnlySpan<byte> content) => DeviceIdentity.Ascii(content);
}
