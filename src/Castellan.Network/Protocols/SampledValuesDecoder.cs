using System.Buffers.Binary;

namespace Castellan.Network.Protocols;

/// <summary>IEC 61850-9-2 sampled values (EtherType 0x88BA, layer 2 only): APPID, length, reserved, savPdu [APPLICATION 0].</summary>
internal static class SampledValuesDecoder
{
    public const ushort EtherType = 0x88BA;

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) =>
        payload.Length >= 10 && BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) >= 8 && payload[8] == 0x60;

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context) => context.Add(Operation.SampledValuesPublish);
}
