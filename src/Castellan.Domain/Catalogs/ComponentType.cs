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
