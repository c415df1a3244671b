using System.Buffers.Binary;

namespace Castellan.Network.Protocols;

/// <summary>
/// IEC 61850-8-1 GOOSE (EtherType 0x88B8, layer 2 only): APPID, length, reserved, then goosePdu [APPLICATION 1].
/// The publisher is a device with a MAC and no IP; its gocbRef names the IED.
/// </summary>
internal static class GooseDecoder
{
    public const ushort EtherType = 0x88B8;

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) =>
        payload.Length >= 10 && BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) >= 8 && payload[8] == 0x61;

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        context.Add(Operation.GoosePublish);
        if (payload.Length < 10 || !Ber.TryRead(payload[8..], out _, out _, out var tag, out var pdu, out _) || tag != 1)
        {
            context.Malformed = true;
            return;
        }

        // gocbRef [0] VisibleString: "<IED><LD>/LLN0$GO$<control block>".
        if (Ber.TryRead(pdu, out _, out _, out var first, out var reference, out _) && first == 0)
        {
            var text = Ber.Text(reference);
            var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
            context.SenderIdentity().Set("GOOSE gocbRef", name: slash > 0 ? text![..slash] : text);
        }
    }
}
