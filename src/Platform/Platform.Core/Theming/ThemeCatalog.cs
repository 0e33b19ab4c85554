using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Core.Hosting;

namespace Platform.Core.Theming;

/// <summary>The theme folders: <c>themes/&lt;Name&gt;/</c> with Liquid templates and an <c>assets/</c> folder.</summary>
public sealed class ThemeCatalog
{
    /// <summary>The theme every lookup falls back to.</summary>
    public const string DefaultTheme = "Default";

    /// <summary>Finds the themes folder.</summary>
    public ThemeCatalog(IOptions<PlatformOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        Root = ContentPaths.FindFolder(options.Value.ThemesPath, environment.ContentRootPath)
            ?? throw new InvalidOperationException($"Themes folder '{options.Value.ThemesPath}' not found (set Platform:ThemesPath).");
    }

    /// <summary>Absolute themes folder.</summary>
    public string Root { get; }

    /// <summary>Names of the installed themes.</summary>
    public IReadOnlyList<string> Names => Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>Whether a theme is installed (names are case-sensitive, like folders on Linux).</summary>
    public bool Exists(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The file of a template in a theme, or null.</summary>
    public string? FindTemplate(string theme, string template)
    {
        var path = Path.Combine(Root, theme, template + ".liquid");
        return File.Exists(path) ? path : null;
    }
}

/// <summary>
/// Fingerprinted addresses of theme assets (<c>/themes/Default/site.css?v=1a2b3c4d</c>): the content's hash changes the
/// address, so browsers may keep an asset for a year and still see a new version at once.
/// </summary>
public sealed class ThemeAssets(ThemeCatalog themes)
{
    /// <summary>The query key carrying the fingerprint.</summary>
    public const string VersionKey = "v";

    // The fingerprint of each file (a prefix of its SHA-256).
    private readonly ReloadingFiles<string> _hashes = new(path => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))[..10]);

    /// <summary>The address of <paramref name="file"/> from the tenant's theme, else Default; the bare address when neither has it.</summary>
    public string Url(string theme, string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        foreach (var name in new[] { theme, ThemeCatalog.DefaultTheme })
        {
            var path = Path.Combine(themes.Root, name, "assets", file);
            if (IsInside(path, Path.Combine(themes.Root, name, "assets")) && _hashes.Get(path) is { } hash)
            {
                return $"/themes/{name}/{file}?{VersionKey}={hash}";
            }
        }

        return $"/themes/{theme}/{file}";
    }

    private static bool IsInside(string path, string root) =>
        Path.GetFullPath(path).StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
