using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>
/// CIP implicit (class 0/1) I/O on UDP 2222: a common packet format with a sequenced address item (0x8002) and a
/// connected data item (0x00B1). Cyclic data only: no operation other than "implicit I/O".
/// </summary>
internal static class CipIoDecoder
{
    public static readonly ushort[] Ports = [2222];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        if (payload.Length < 6)
        {
            return false;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        if (count is 0 or > 4)
        {
            return false;
        }

        var items = payload[2..];
        for (var i = 0; i < count; i++)
        {
            if (items.Length < 4)
            {
                return false;
            }

            var type = BinaryPrimitives.ReadUInt16LittleEndian(items);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(items[2..]);
            if (type is not (0x0000 or 0x00A1 or 0x00B1 or 0x8002) || 4 + length > items.Length)
            {
                return false;
            }

            items = items[(4 + length)..];
        }

        return onPort || items.Length == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context) => context.Add(Operation.CipImplicitIo);
}
