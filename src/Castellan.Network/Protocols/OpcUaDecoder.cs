using System.Buffers.Binary;

namespace Castellan.Network.Protocols;

/// <summary>
/// OPC UA binary (OPC 10000-6) on TCP 4840: 3-letter message type (HEL, ACK, OPN, MSG, CLO, ERR, RHE), chunk type
/// (F, C, A) and the message size. In unencrypted MSG chunks the request's encoding NodeId names the service
/// (Write and Call are notable).
/// </summary>
internal static class OpcUaDecoder
{
    public static readonly ushort[] Ports = [4840];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        if (payload.Length < 8 || !KnownType(payload) || payload[3] is not ((byte)'F' or (byte)'C' or (byte)'A'))
        {
            return false;
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        return size >= 8 && (onPort ? size <= 1 << 24 : size == payload.Length);
    }

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (payload.Length < 8 || !KnownType(payload))
        {
            return;
        }

        switch ((char)payload[0])
        {
            case 'H':
                context.Add(Operation.OpcUaHello);
                context.Direction = MessageDirection.Request;
                break;
            case 'O':
                context.Add(Operation.OpcUaOpenSecureChannel);
                break;
            case 'M':
                Message(payload, context);
                break;
            default:
                break;
        }
    }

    private static bool KnownType(ReadOnlySpan<byte> p) =>
        (p[0], p[1], p[2]) is ((byte)'H', (byte)'E', (byte)'L') or ((byte)'A', (byte)'C', (byte)'K') or ((byte)'O', (byte)'P', (byte)'N')
            or ((byte)'M', (byte)'S', (byte)'G') or ((byte)'C', (byte)'L', (byte)'O') or ((byte)'E', (byte)'R', (byte)'R') or ((byte)'R', (byte)'H', (byte)'E');

    /// <summary>MSG: header (8), channel id (4), token id (4), sequence number (4), request id (4), then the type NodeId.</summary>
    private static void Message(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (payload.Length < 28 || payload[24] != 0x01 || payload[25] != 0x00)
        {
            return;
        }

        var id = BinaryPrimitives.ReadUInt16LittleEndian(payload[26..]);
        var (operation, request) = id switch
        {
            461 or 467 => (Operation.OpcUaSession, true),
            464 or 470 => (Operation.OpcUaSession, false),
            631 => (Operation.OpcUaRead, true),
            634 => (Operation.OpcUaRead, false),
            673 => (Operation.OpcUaWrite, true),
            676 => (Operation.OpcUaWrite, false),
            712 => (Operation.OpcUaCall, true),
            715 => (Operation.OpcUaCall, false),
            527 or 533 => (Operation.OpcUaBrowse, true),
            530 or 536 => (Operation.OpcUaBrowse, false),
            787 or 751 or 826 => (Operation.OpcUaSubscription, true),
            790 or 754 or 829 => (Operation.OpcUaSubscription, false),
            _ => (Operation.OpcUaOther, false),
        };
        context.Add(operation);
        if (operation != Operation.OpcUaOther)
        {
            context.Direction = request ? MessageDirection.Request : MessageDirection.Response;
        }
    }
}
