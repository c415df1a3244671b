using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>
/// IEC 61850 MMS (ISO 9506) over TPKT/COTP/ISO session/presentation on TCP 102. Recognised by the ISO session
/// SPDU after COTP (S7 never starts that way); the MMS PDU and its service tag give the operation (write, domain
/// download, program invocation control and file services are notable). Identify answers give vendor, model, revision.
/// </summary>
internal static class MmsDecoder
{
    public static readonly ushort[] Ports = [102];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        if (!Tpkt.TryReadData(payload, out var session) || session.Length < 4)
        {
            return false;
        }

        // Session: CONNECT (13) / ACCEPT (14) SPDU, or GIVE-TOKENS + DATA TRANSFER (01 00 01 00) then presentation.
        return session[0] is 0x0D or 0x0E
            ? session.Length > 8
            : session[0] == 0x01 && session[1] == 0x00 && session[2] == 0x01 && session[3] == 0x00 && (session.Length < 5 || session[4] is 0x61 or 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (!Tpkt.TryReadData(payload, out var session) || session.Length < 5)
        {
            return;
        }

        if (session[0] is 0x0D or 0x0E)
        {
            context.Add(Operation.MmsInitiate);
            context.Direction = session[0] == 0x0D ? MessageDirection.Request : MessageDirection.Response;
            return;
        }

        if (session[0] != 0x01 || session[2] != 0x01)
        {
            return;
        }

        // Presentation fully-encoded-data [APPLICATION 1] → PDV-list SEQUENCE → context id → single-ASN1-type [0] → MMS PDU.
        if (!Ber.TryRead(session[4..], out _, out _, out var tag, out var userData, out _) || tag != 1
            || !Ber.TryRead(userData, out _, out _, out _, out var pdvList, out _))
        {
            return;
        }

        var rest = pdvList;
        for (var i = 0; i < 4 && Ber.TryRead(rest, out var tagClass, out _, out var number, out var content, out var next); i++)
        {
            if (tagClass == 2 && number == 0)
            {
                Pdu(content, context);
                return;
            }

            rest = next;
        }
    }

    private static void Pdu(ReadOnlySpan<byte> data, DecodeContext context)
    {
        if (!Ber.TryRead(data, out var tagClass, out _, out var pduType, out var body, out _) || tagClass != 2)
        {
            context.Malformed = true;
            return;
        }

        switch (pduType)
        {
            case 0 or 1:
                context.Direction = pduType == 0 ? MessageDirection.Request : MessageDirection.Response;

                // invokeID INTEGER, then the service CHOICE (context-specific tag = service number).
                if (Ber.TryRead(body, out _, out _, out _, out _, out var service) && Ber.TryRead(service, out _, out _, out var serviceTag, out var serviceBody, out _))
                {
                    context.Add(Service(serviceTag));
                    if (pduType == 1 && serviceTag == 2)
                    {
                        Identify(serviceBody, context);
                    }
                }

                break;
            case 3:
                context.Add(Operation.MmsInformationReport);
                context.Direction = MessageDirection.Response;
                break;
            case 8 or 9:
                context.Add(Operation.MmsInitiate);
                context.Direction = pduType == 8 ? MessageDirection.Request : MessageDirection.Response;
                break;
            default:
                context.Add(Operation.MmsOther);
                break;
        }
    }

    private static Operation Service(int tag) => tag switch
    {
        1 => Operation.MmsGetNameList,
        2 => Operation.MmsIdentify,
        4 => Operation.MmsRead,
        5 => Operation.MmsWrite,
        6 => Operation.MmsGetVariableAttributes,
        7 or 11 or 13 => Operation.MmsVariableListDefinition,
        12 => Operation.MmsGetVariableAttributes,
        >= 26 and <= 37 => Operation.MmsDomainTransfer,
        >= 38 and <= 44 => Operation.MmsProgramControl,
        >= 72 and <= 77 => Operation.MmsFileOperation,
        _ => Operation.MmsOther,
    };

    /// <summary>Identify-Response: vendorName [0], modelName [1], revision [2] (VisibleString).</summary>
    private static void Identify(ReadOnlySpan<byte> body, DecodeContext context)
    {
        string? vendor = null, model = null, revision = null;
        for (var i = 0; i < 4 && Ber.TryRead(body, out _, out _, out var tag, out var content, out var next); i++)
        {
            switch (tag)
            {
                case 0: vendor = Ber.Text(content); break;
                case 1: model = Ber.Text(content); break;
                case 2: revision = Ber.Text(content); break;
                default: break;
            }

            body = next;
        }

        context.SenderIdentity().Set("MMS identify", vendor: vendor, product: model, firmware: revision);
    }
}
