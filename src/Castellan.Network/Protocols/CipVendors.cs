namespace Castellan.Network.Protocols;

/// <summary>
/// Names for the CIP identity object's vendor id and device type (ODVA registry; only well-known entries — anything
/// else is reported by number, never guessed).
/// </summary>
internal static class CipVendors
{
    public static string Name(ushort vendorId) => vendorId switch
    {
        1 => "Rockwell Automation/Allen-Bradley",
        2 => "Namco Controls Corp.",
        3 => "Honeywell Inc.",
        5 => "Rockwell Automation/Reliance Elec.",
        7 => "SMC Corporation",
        8 => "Molex Incorporated",
        47 => "Omron Corporation",
        108 => "Beckhoff Automation GmbH",
        _ => $"CIP vendor {vendorId}",
    };

    public static string DeviceType(ushort type) => type switch
    {
        0x00 => "Generic Device (deprecated)",
        0x02 => "AC Drive",
        0x03 => "Motor Overload",
        0x04 => "Limit Switch",
        0x05 => "Inductive Proximity Switch",
        0x06 => "Photoelectric Sensor",
        0x07 => "General Purpose Discrete I/O",
        0x0C => "Communications Adapter",
        0x0E => "Programmable Logic Controller",
        0x18 => "Human-Machine Interface",
        0x2B => "Generic Device (keyable)",
        0x2C => "Managed Switch",
        _ => $"CIP device type {type}",
    };
}
