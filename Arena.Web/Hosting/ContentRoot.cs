namespace Arena.Web.Hosting;

/// <summary>
/// Where the web host finds its settings (<c>appsettings.json</c>) and its static files. <c>dotnet run</c> and the
/// tests start it in a directory that holds them; a published build may be started from anywhere (a service
/// manager's working directory, a shell elsewhere), and then its own directory is the root.
/// </summary>
public static class ContentRoot
{
    private const string Settings = "appsettings.json";

    /// <summary>
    /// Null (the working directory, ASP.NET Core's default) when it holds the settings or the command line names a
    /// root; otherwise the application's own directory when that holds them.
    /// </summary>
    public static string? Choose(string[] args, string workingDirectory, string applicationDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || File.Exists(Path.Combine(workingDirectory, Settings))
            || !File.Exists(Path.Combine(applicationDirectory, Settings)))
        {
            return null;
        }

        return applicationDirectory;
    }
}
