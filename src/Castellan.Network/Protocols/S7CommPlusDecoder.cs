using System.Buffers.Binary;

namespace Castellan.Network.Protocols;

/// <summary>
/// Siemens S7comm-plus (protocol id 0x72, S7-1200/1500) over TPKT/COTP: header (0x72, version, length), then
/// opcode (0x31 request, 0x32 response, 0x33 notification) and the function code; version 3 frames carry a 32-byte
/// integrity digest first. Set-variable functions are writes; invoke is control.
/// </summary>
internal static class S7CommPlusDecoder
{
    public static readonly ushort[] Ports = [102];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) =>
        Tpkt.TryReadData(payload, out var data) && data.Length >= 4 && data[0] == 0x72 && data[1] is >= 1 and <= 3 or 0xFE;

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        for (var units = 0; units < 16 && Tpkt.TryRead(payload, out var type, out _, out var data, out var next); units++)
        {
            if (type == Tpkt.Data && data.Length >= 4 && data[0] == 0x72)
            {
                Message(data, context);
            }

            payload = next;
        }
    }

    internal static Operation FunctionOperation(ushort function) => function switch
    {
        0x04BB => Operation.S7PlusExplore,
        0x04CA => Operation.S7PlusCreateObject,
        0x04D4 => Operation.S7PlusDeleteObject,
        0x04F2 => Operation.S7PlusSetVariable,
        0x04FC => Operation.S7PlusGetVariable,
        0x0542 => Operation.S7PlusSetMultiVariables,
        0x054C => Operation.S7PlusGetMultiVariables,
        0x056B => Operation.S7PlusInvoke,
        _ => Operation.S7PlusOther,
    };

    private static void Message(ReadOnlySpan<byte> frame, DecodeContext context)
    {
        var body = frame[4..];
        if (frame[1] == 3 && body.Length > 33 && body[0] == 0x20)
        {
            body = body[33..];
        }

        if (body.Length < 5)
        {
            return;
        }

        var opcode = body[0];
        switch (opcode)
        {
            case 0x31 or 0x32:
                context.Direction = opcode == 0x31 ? MessageDirection.Request : MessageDirection.Response;
                context.Add(FunctionOperation(BinaryPrimitives.ReadUInt16BigEndian(body[3..])));
                break;
            case 0x33:
                context.Direction = MessageDirection.Response;
                break;
            default:
                break;
        }
    }
}
