namespace Castellan.Web.Risk;

/// <summary>The zone and conduit requirements (ZCR) of IEC 62443-3-2 that make up the workflow, as the register records them.</summary>
public static class ZcrSteps
{
    public static string Name(int zcr) => zcr switch
    {
        1 => "Identify the system under consideration",
        2 => "Initial cybersecurity risk assessment",
        3 => "Partition into zones and conduits",
        4 => "Compare initial risk with tolerable risk",
        5 => "Detailed cybersecurity risk assessment",
        6 => "Document cybersecurity requirements, assumptions and constraints",
        7 => "Asset owner approval",
        _ => $"ZCR {zcr}",
    };
}
