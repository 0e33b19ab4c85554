namespace Platform.Web.Cli;

/// <summary>
/// Paths typed by the operator are relative to the directory they typed them in. <c>dotnet run</c> starts the
/// program in the project folder, but the shell's <c>PWD</c> still names the operator's directory.
/// </summary>
internal static class CliPaths
{
    public static string Resolve(string path)
    {
        var pwd = Environment.GetEnvironmentVariable("PWD");
        var baseDirectory = !string.IsNullOrEmpty(pwd) && Path.IsPathRooted(pwd) && Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory;
        return Path.GetFullPath(path, baseDirectory);
    }
}
