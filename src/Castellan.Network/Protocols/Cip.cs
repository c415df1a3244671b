using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>
/// CIP explicit messages (service, request path, data), as carried by EtherNet/IP. Object-specific service codes are
/// read against the class in the path (Connection Manager, PCCC, Logix symbols); Multiple Service Packet and
/// Unconnected Send are followed two levels deep.
/// </summary>
internal static class Cip
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Message(ReadOnlySpan<byte> message, DecodeContext context, int depth)
    {
        if (message.Length < 2 || depth > 2)
        {
            return;
        }

        var service = message[0];
        if ((service & 0x80) != 0)
        {
            context.Direction = MessageDirection.Response;
            return;
        }

        context.Direction = MessageDirection.Request;
        var pathLength = message[1] * 2;
        if (2 + pathLength > message.Length)
        {
            context.Malformed = true;
            return;
        }

        var path = message.Slice(2, pathLength);
        var data = message[(2 + pathLength)..];
        var (cipClass, symbolic) = ClassOf(path);
        switch (service)
        {
            case 0x0A:
                MultipleServices(data, context, depth);
                break;
            case 0x52 when cipClass == 0x06:
                // Unconnected Send: priority/tick, timeout ticks, message size, embedded message.
                if (data.Length >= 4)
                {
                    var size = data[2] | (data[3] << 8);
                    Message(data.Slice(4, Math.Min(size, data.Length - 4)), context, depth + 1);
                }

                break;
            default:
                context.Add(ServiceOperation(service, cipClass, symbolic));
                break;
        }
    }

    /// <summary>The operation of a CIP request service; object-specific codes are read against the class (or a symbolic path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Operation ServiceOperation(byte service, int cipClass, bool symbolic) => service switch
    {
        0x01 or 0x03 or 0x0E => Operation.CipRead,
        0x02 or 0x04 or 0x10 => Operation.CipWrite,
        0x05 => Operation.CipReset,
        0x06 => Operation.CipStart,
        0x07 => Operation.CipStop,
        0x4B when cipClass == 0x67 => Operation.CipPccc,
        0x54 or 0x5B when cipClass == 0x06 => Operation.CipForwardOpen,
        0x4E when cipClass == 0x06 => Operation.CipForwardClose,
        0x4C or 0x52 when symbolic || cipClass == 0x6B => Operation.CipRead,
        0x4D or 0x4E or 0x53 when symbolic || cipClass == 0x6B => Operation.CipWrite,
        _ => Operation.CipOtherService,
    };

    /// <summary>Multiple Service Packet: count, offsets (from the count), then the embedded requests.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultipleServices(ReadOnlySpan<byte> data, DecodeContext context, int depth)
    {
        if (data.Length < 2)
        {
            return;
        }

        var count = data[0] | (data[1] << 8);
        for (var i = 0; i < count && i < 64 && 2 + (2 * i) + 2 <= data.Length; i++)
        {
            var offset = data[2 + (2 * i)] | (data[3 + (2 * i)] << 8);
            if (offset < data.Length)
            {
                Message(data[offset..], context, depth + 1);
            }
        }
    }

    /// <summary>The class id of a padded EPATH (8- or 16-bit logical class segment), and whether it names a symbol.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Class, bool Symbolic) ClassOf(ReadOnlySpan<byte> path)
    {
        if (path.Length >= 2 && path[0] == 0x20)
        {
            return (path[1], false);
        }

        if (path.Length >= 4 && path[0] == 0x21)
        {
            return (path[2] | (path[3] << 8), false);
        }

        return (-1, path.Length >= 1 && path[0] == 0x91);
    }
}
