namespace Castellan.Web.Jobs;

/// <summary>Where a job is shown: organisation jobs (site "") live outside any site.</summary>
public static class JobLinks
{
    public static string Page(string site, long id) => site.Length == 0 ? $"/jobs/{id}" : $"/sites/{site}/jobs/{id}";

    public static string Api(string site, long id) => "/api/v1" + Page(site, id);

    public static string Result(string site, long id) => Api(site, id) + "/result";
}
