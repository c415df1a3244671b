namespace Castellan.Domain.Catalogs;

/// <summary>
/// Whether a record was checked against independent public sources or a licensed copy (<see cref="Verified"/>),
/// or rests on one secondary source or on memory (<see cref="Unsure"/>) and must be reviewed.
/// </summary>
public enum VerificationStatus
{
    Verified,
    Unsure,
}

public static class VerificationStatusNames
{
    public static string ToWire(this VerificationStatus status) => status switch
    {
        VerificationStatus.Verified => "verified",
        VerificationStatus.Unsure => "unsure",
    };

    public static bool TryParse(string? text, out VerificationStatus status)
    {
        switch (text)
        {
            case "verified":
                status = VerificationStatus.Verified;
                return true;
            case "unsure":
                status = VerificationStatus.Unsure;
                return true;
            default:
                status = default;
                return false;
        }
    }
}
