namespace Castellan.Network.Protocols;

/// <summary>
/// What a device says about itself on the wire (EtherNet/IP ListIdentity, S7 SZL, Modbus device identification,
/// PROFINET DCP, BACnet I-Am, LLDP …). Filled field by field; the first value reported for a field is kept.
/// </summary>
public sealed class DeviceIdentity
{
    private readonly SortedSet<string> sources = new(StringComparer.Ordinal);

    public string? Vendor { get; private set; }

    public string? Product { get; private set; }

    public string? ProductCode { get; private set; }

    public string? DeviceType { get; private set; }

    public string? OrderNumber { get; private set; }

    /// <summary>Firmware or revision, as the protocol states it.</summary>
    public string? Firmware { get; private set; }

    public string? SerialNumber { get; private set; }

    /// <summary>A name the device gives itself (station name, system name, module name).</summary>
    public string? Name { get; private set; }

    /// <summary>The messages the fields were read from, e.g. "EtherNet/IP ListIdentity".</summary>
    public IReadOnlyCollection<string> Sources => sources;

    public bool IsEmpty => Vendor is null && Product is null && ProductCode is null && DeviceType is null && OrderNumber is null
        && Firmware is null && SerialNumber is null && Name is null;

    public DeviceIdentity Set(string source, string? vendor = null, string? product = null, string? productCode = null, string? deviceType = null,
        string? orderNumber = null, string? firmware = null, string? serialNumber = null, string? name = null)
    {
        var before = (Vendor, Product, ProductCode, DeviceType, OrderNumber, Firmware, SerialNumber, Name);
        Vendor ??= Clean(vendor);
        Product ??= Clean(product);
        ProductCode ??= Clean(productCode);
        DeviceType ??= Clean(deviceType);
        OrderNumber ??= Clean(orderNumber);
        Firmware ??= Clean(firmware);
        SerialNumber ??= Clean(serialNumber);
        Name ??= Clean(name);
        if (before != (Vendor, Product, ProductCode, DeviceType, OrderNumber, Firmware, SerialNumber, Name))
        {
            sources.Add(source);
        }

        return this;
    }

    public void MergeFrom(DeviceIdentity other)
    {
        foreach (var source in other.sources)
        {
            sources.Add(source);
        }

        Set(other.sources.FirstOrDefault() ?? "merged", other.Vendor, other.Product, other.ProductCode, other.DeviceType, other.OrderNumber,
            other.Firmware, other.SerialNumber, other.Name);
    }

    /// <summary>Printable text only, trimmed; null when nothing is left (devices pad fields with NULs and spaces).</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var chars = value.Where(c => c >= ' ' && c != '\u007F').ToArray();
        var text = new string(chars).Trim();
        return text.Length == 0 || text == "-" ? null : text;
    }

    /// <summary>ASCII bytes as text (non-printable bytes dropped), for fixed-width device fields.</summary>
    public static string? Ascii(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[Math.Min(bytes.Length, 256)];
        var n = 0;
        foreach (var b in bytes[..chars.Length])
        {
            if (b is >= 0x20 and < 0x7F)
            {
                chars[n++] = (char)b;
            }
        }

        return Clean(new string(chars[..n]));
    }
}
