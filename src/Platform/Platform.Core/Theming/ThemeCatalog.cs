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
