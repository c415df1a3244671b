namespace Castellan.Tests;

/// <summary>Where the repository and the shared third-party test data are.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>../shared/testdata beside the repository (never copied into it).</summary>
    public static string TestData => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "testdata"));

    /// <summary>A file under ../shared/testdata; skips the calling test (with the reason) when the folder is absent.</summary>
    public static string RequireTestData(params string[] parts)
    {
        var path = Path.Combine([TestData, .. parts]);
        if (!Directory.Exists(TestData))
        {
            Assert.Skip($"needs ../shared/testdata ({TestData} is absent)");
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Skip($"needs {path}, which is absent");
        }

        return path;
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "castellan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Castellan.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Castellan.slnx not found above " + AppContext.BaseDirectory);
    }
}
