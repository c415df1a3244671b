using System.Buffers.Binary;
using System.Globalization;

namespace Castellan.Network.Protocols;

/// <summary>
/// BACnet/IP (ASHRAE 135 Annex J) on UDP 47808: BVLC (0x81, function, length), NPDU, APDU. Confirmed and unconfirmed
/// service choices become operations (write property, reinitialize device, device communication control are
/// notable); I-Am gives the device instance and vendor id.
/// </summary>
internal static class BacnetDecoder
{
    public static readonly ushort[] Ports = [47808];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) =>
        payload.Length >= 4 && payload[0] == 0x81 && payload[1] <= 0x0C && BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) == payload.Length;

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (!Matches(payload, true))
        {
            context.Malformed = true;
            return;
        }

        var npdu = payload[1] switch
        {
            0x0A or 0x0B => payload[4..],
            0x04 when payload.Length >= 10 => payload[10..],
            _ => default,
        };
        if (npdu.Length < 2 || npdu[0] != 0x01)
        {
            return;
        }

        var control = npdu[1];
        if ((control & 0x80) != 0)
        {
            return;
        }

        var position = 2;
        var hasDestination = (control & 0x20) != 0;
        if (hasDestination)
        {
            if (npdu.Length < position + 3)
            {
                context.Malformed = true;
                return;
            }

            position += 3 + npdu[position + 2];
        }

        if ((control & 0x08) != 0)
        {
            if (npdu.Length < position + 3)
            {
                context.Malformed = true;
                return;
            }

            position += 3 + npdu[position + 2];
        }

        if (hasDestination)
        {
            position++;
        }

        if (position >= npdu.Length)
        {
            return;
        }

        Apdu(npdu[position..], context);
    }

    private static void Apdu(ReadOnlySpan<byte> apdu, DecodeContext context)
    {
        var type = apdu[0] >> 4;
        switch (type)
        {
            case 0:
                context.Direction = MessageDirection.Request;
                var serviceAt = (apdu[0] & 0x08) != 0 ? 5 : 3;
                if (apdu.Length > serviceAt)
                {
                    context.Add(apdu[serviceAt] switch
                    {
                        1 => Operation.BacnetNotification,
                        5 => Operation.BacnetSubscribeCov,
                        6 => Operation.BacnetAtomicReadFile,
                        7 => Operation.BacnetAtomicWriteFile,
                        12 or 14 or 26 => Operation.BacnetReadProperty,
                        8 or 9 or 10 or 11 or 15 or 16 => Operation.BacnetWriteProperty,
                        17 => Operation.BacnetDeviceCommunicationControl,
                        20 => Operation.BacnetReinitializeDevice,
                        _ => Operation.BacnetOther,
                    });
                }

                break;
            case 1:
                if (apdu.Length < 2)
                {
                    return;
                }

                context.Direction = apdu[1] is 0 or 1 ? MessageDirection.Response : MessageDirection.Request;
                context.Add(apdu[1] switch
                {
                    0 or 1 => Operation.BacnetIAm,
                    7 or 8 => Operation.BacnetWhoIs,
                    2 or 3 => Operation.BacnetNotification,
                    _ => Operation.BacnetOther,
                });
                if (apdu[1] == 0)
                {
                    IAm(apdu[2..], context);
                }

                break;
            case 2 or 3 or 5 or 6 or 7:
                context.Direction = MessageDirection.Response;
                break;
            default:
                break;
        }
    }

    /// <summary>I-Am: object identifier (application tag 12, 4 bytes), max APDU, segmentation, vendor id (unsigned).</summary>
    private static void IAm(ReadOnlySpan<byte> body, DecodeContext context)
    {
        if (body.Length < 5 || body[0] != 0xC4)
        {
            return;
        }

        var instance = BinaryPrimitives.ReadUInt32BigEndian(body[1..]) & 0x3FFFFF;
        var rest = body[5..];
        for (var i = 0; i < 2 && rest.Length > 0; i++)
        {
            rest = rest[Math.Min(1 + (rest[0] & 0x07), rest.Length)..];
        }

        string? vendor = null;
        if (rest.Length >= 2 && (rest[0] & 0xF8) == 0x20)
        {
            var length = rest[0] & 0x07;
            if (length is 1 or 2 && rest.Length > length)
            {
                var id = length == 1 ? rest[1] : BinaryPrimitives.ReadUInt16BigEndian(rest[1..]);
                vendor = "BACnet vendor " + id.ToString(CultureInfo.InvariantCulture);
            }
        }

        context.SenderIdentity().Set("BACnet I-Am", vendor: vendor, name: "BACnet device " + instance.ToString(CultureInfo.InvariantCulture));
    }
}
