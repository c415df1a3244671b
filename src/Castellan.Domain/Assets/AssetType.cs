namespace Castellan.Domain.Assets;

/// <summary>What an asset is. The category decides which zone-separation rules apply (IEC 62443-3-2 ZCR 3.2–3.5).</summary>
public enum AssetType
{
    Plc,
    Rtu,
    Ied,
    SafetyController,
    Dcs,
    Hmi,
    EngineeringWorkstation,
    Historian,
    ScadaServer,
    OpcServer,
    Server,
    Workstation,
    Laptop,
    Printer,
    Switch,
    Router,
    Firewall,
    DataDiode,
    WirelessAccessPoint,
    JumpHost,
    Sensor,
    Actuator,
    Drive,
    Other,
}

public enum AssetCategory
{
    /// <summary>Controls or supervises the process (levels 0–3).</summary>
    Iacs,

    /// <summary>Part of a safety instrumented system.</summary>
    Safety,

    /// <summary>Business IT (office workstations, printers, enterprise servers).</summary>
    Business,

    /// <summary>Network infrastructure.</summary>
    Network,
}

public static class AssetTypeNames
{
    public static string ToWire(this AssetType type) => type switch
    {
        AssetType.Plc => "plc",
        AssetType.Rtu => "rtu",
        AssetType.Ied => "ied",
        AssetType.SafetyController => "safety-controller",
        AssetType.Dcs => "dcs-controller",
        AssetType.Hmi => "hmi",
        AssetType.EngineeringWorkstation => "engineering-workstation",
        AssetType.Historian => "historian",
        AssetType.ScadaServer => "scada-server",
        AssetType.OpcServer => "opc-server",
        AssetType.Server => "server",
        AssetType.Workstation => "workstation",
        AssetType.Laptop => "laptop",
        AssetType.Printer => "printer",
        AssetType.Switch => "switch",
        AssetType.Router => "router",
        AssetType.Firewall => "firewall",
        AssetType.DataDiode => "data-diode",
        AssetType.WirelessAccessPoint => "wireless-access-point",
        AssetType.JumpHost => "jump-host",
        AssetType.Sensor => "sensor",
        AssetType.Actuator => "actuator",
        AssetType.Drive => "drive",
        AssetType.Other => "other",
    };

    public static AssetCategory Category(this AssetType type) => type switch
    {
        AssetType.SafetyController => AssetCategory.Safety,
        AssetType.Workstation or AssetType.Laptop or AssetType.Printer or AssetType.Server => AssetCategory.Business,
        AssetType.Switch or AssetType.Router or AssetType.Firewall or AssetType.DataDiode or AssetType.WirelessAccessPoint => AssetCategory.Network,
        AssetType.Plc or AssetType.Rtu or AssetType.Ied or AssetType.Dcs or AssetType.Hmi or AssetType.EngineeringWorkstation
            or AssetType.Historian or AssetType.ScadaServer or AssetType.OpcServer or AssetType.JumpHost or AssetType.Sensor
            or AssetType.Actuator or AssetType.Drive or AssetType.Other => AssetCategory.Iacs,
    };

    /// <summary>Controllers that act on the process (basic process control, BPCS).</summary>
    public static bool IsController(this AssetType type) => type is AssetType.Plc or AssetType.Rtu or AssetType.Ied or AssetType.Dcs;

    public static bool TryParse(string? text, out AssetType type) => WireNames.TryParse(text, ToWire, out type);

    public static string AllWireNames => string.Join(", ", Enum.GetValues<AssetType>().Select(t => t.ToWire()));
}
