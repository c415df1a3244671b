namespace Castellan.Domain.Catalogs;

/// <summary>IEC 62443-4-2 component types.</summary>
public enum ComponentType
{
    /// <summary>Software application.</summary>
    SAR,

    /// <summary>Embedded device (PLC, RTU, IED, safety controller).</summary>
    EDR,

    /// <summary>Host device (workstation or server running an operating system).</summary>
    HDR,

    /// <summary>Network device (switch, router, firewall, wireless access point).</summary>
    NDR,
}

public static class ComponentTypeNames
{
    /// <summary>The name as written (<c>SAR</c>, <c>EDR</c>, <c>HDR</c>, <c>NDR</c>); a switch, not Enum.Parse, which is compiled at run time for each enum.</summary>
    public static bool TryParse(string? text, out ComponentType type)
    {
        switch (text)
        {
            case "SAR":
                type = ComponentType.SAR;
                return true;
            case "EDR":
                type = ComponentType.EDR;
                return true;
            case "HDR":
                type = ComponentType.HDR;
                return true;
            case "NDR":
                type = ComponentType.NDR;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
