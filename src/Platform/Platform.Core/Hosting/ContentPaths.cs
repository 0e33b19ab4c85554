namespace Platform.Core.Hosting;

/// <summary>Finds the folders the platform ships (themes, samples) whether it runs from the repository or from a publish folder.</summary>
public static class ContentPaths
{
    /// <summary>
    /// The first existing folder among: <paramref name="path"/> as given (absolute, or relative to the working
    /// directory), under the content root and its parents, and under the application folder.
    /// </summary>
    public static string? FindFolder(string path, string contentRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path))
        {
            return Directory.Exists(path) ? Path.GetFullPath(path) : null;
        }

        var candidates = new List<string> { Path.GetFullPath(path) };
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, path));
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, path));
        return candidates.FirstOrDefault(Directory.Exists) is { } found ? Path.GetFullPath(found) : null;
    }
}
