namespace Castellan.Domain.Zones;

/// <summary>Purdue reference model levels (ISA-95 / IEC 62443-1-1 reference architecture), with 3.5 the industrial DMZ.</summary>
public enum PurdueLevel
{
    /// <summary>Level 0: the physical process, sensors and actuators.</summary>
    Process,

    /// <summary>Level 1: basic control (PLC, RTU, safety controllers).</summary>
    BasicControl,

    /// <summary>Level 2: area supervisory control (HMI, SCADA).</summary>
    Supervisory,

    /// <summary>Level 3: site operations (historian, engineering, site servers).</summary>
    Operations,

    /// <summary>Level 3.5: the industrial demilitarised zone between IT and OT.</summary>
    Dmz,

    /// <summary>Level 4: site business (enterprise IT at the site).</summary>
    Business,

    /// <summary>Level 5: enterprise.</summary>
    Enterprise,
}

public static class PurdueLevelNames
{
    public static string ToWire(this PurdueLevel level) => level switch
    {
        PurdueLevel.Process => "0",
        PurdueLevel.BasicControl => "1",
        PurdueLevel.Supervisory => "2",
        PurdueLevel.Operations => "3",
        PurdueLevel.Dmz => "3.5",
        PurdueLevel.Business => "4",
        PurdueLevel.Enterprise => "5",
    };

    public static bool TryParse(string? text, out PurdueLevel level) => WireNames.TryParse(text?.Trim(), ToWire, out level);

    /// <summary>Levels 4 and 5: enterprise IT.</summary>
    public static bool IsEnterprise(this PurdueLevel level) => level is PurdueLevel.Business or PurdueLevel.Enterprise;

    /// <summary>Levels 0–2: the control system proper.</summary>
    public static bool IsControl(this PurdueLevel level) => level is PurdueLevel.Process or PurdueLevel.BasicControl or PurdueLevel.Supervisory;
}
