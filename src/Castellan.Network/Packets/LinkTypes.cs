namespace Castellan.Network.Packets;

/// <summary>The LINKTYPE_* values this reader decodes (tcpdump.org link-layer header types).</summary>
public static class LinkTypes
{
    public const int Null = 0;
    public const int Ethernet = 1;
    public const int RawOpenBsd = 12;
    public const int RawBsdOs = 14;
    public const int Raw = 101;
    public const int Loop = 108;
    public const int LinuxSll = 113;
    public const int RawIPv4 = 228;
    public const int RawIPv6 = 229;
    public const int LinuxSll2 = 276;

    public static bool IsSupported(int linkType) => linkType is Null or Ethernet or RawOpenBsd or RawBsdOs or Raw or Loop or LinuxSll or RawIPv4 or RawIPv6 or LinuxSll2;
}
