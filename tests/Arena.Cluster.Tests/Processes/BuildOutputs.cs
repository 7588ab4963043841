using System.Reflection;

namespace Arena.Cluster.Tests.Processes;

/// <summary>
/// Where the programs the multi-process tests run were built. The test project references Arena.Silo
/// and Arena.Web without their assemblies, so <c>dotnet test</c> builds them in the same configuration;
/// VllmSim is referenced normally, so it sits beside the tests.
/// </summary>
public static class BuildOutputs
{
    public static readonly string Configuration =
        typeof(BuildOutputs).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string VllmSim => Path.Combine(AppContext.BaseDirectory, "VllmSim.dll");

    public static string ArenaSilo => ProjectOutput("Arena.Silo");

    public static string ArenaWeb => ProjectOutput("Arena.Web");

    private static string ProjectOutput(string project) =>
        Path.Combine(RepositoryRoot(), project, "bin", Configuration, "net10.0", project + ".dll");

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Arena.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Arena.sln above {AppContext.BaseDirectory}.");
    }
}
