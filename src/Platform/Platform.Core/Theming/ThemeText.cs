using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Platform.Core.Theming;

/// <summary>
/// The localization of public pages. Texts are written in Vietnamese, the source language; a theme may carry
/// translations in <c>locales/&lt;culture&gt;.json</c> (a flat object: Vietnamese text → translation). A tenant whose
/// culture is, say, <c>en-US</c> sees the translation from its theme, else from Default (first <c>en-US.json</c>, then
/// <c>en.json</c>), else the Vietnamese text. Files are read once and re-read when they change.
/// </summary>
public sealed class ThemeText(ThemeCatalog themes)
{
    /// <summary>The culture texts are written in.</summary>
    public const string SourceCulture = "vi";

    private readonly ConcurrentDictionary<string, (DateTime Written, IReadOnlyDictionary<string, string> Texts)> _files = new(StringComparer.Ordinal);

    /// <summary><paramref name="text"/> in <paramref name="culture"/> for a tenant using <paramref name="theme"/>.</summary>
    public string Translate(string theme, string culture, string text)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (string.IsNullOrEmpty(text) || culture.StartsWith(SourceCulture, StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var neutral = culture.Split('-')[0];
        foreach (var name in new[] { theme, ThemeCatalog.DefaultTheme })
        {
            foreach (var file in new[] { culture, neutral })
            {
                if (Load(name, file).TryGetValue(text, out var translated))
                {
                    return translated;
                }
            }
        }

        return text;
    }

    /// <summary>
    /// Every translation for <paramref name="culture"/> (Default's, then the theme's over them) as JSON, for the page's
    /// script; null for the source culture. The serializer escapes <c>&lt;</c>, so it is safe inside a script element.
    /// </summary>
    public string? TextsJson(string theme, string culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (culture.StartsWith(SourceCulture, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var neutral = culture.Split('-')[0];
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { ThemeCatalog.DefaultTheme, theme }.Distinct(StringComparer.Ordinal))
        {
            foreach (var file in new[] { neutral, culture })
            {
                foreach (var (key, value) in Load(name, file))
                {
                    merged[key] = value;
                }
            }
        }

        return merged.Count == 0 ? null : JsonSerializer.Serialize(merged);
    }

    /// <summary>Translates and fills <c>{0}</c>, <c>{1}</c>, ... with <paramref name="arguments"/> in the culture's formats.</summary>
    public string Format(string theme, string culture, string text, params object?[] arguments) =>
        arguments.Length == 0 ? Translate(theme, culture, text) : string.Format(CultureInfo.GetCultureInfo(culture), Translate(theme, culture, text), arguments);

    private IReadOnlyDictionary<string, string> Load(string theme, string culture)
    {
        var path = Path.Combine(themes.Root, theme, "locales", culture + ".json");
        if (!File.Exists(path))
        {
            return EmptyTexts;
        }

        var written = File.GetLastWriteTimeUtc(path);
        if (_files.TryGetValue(path, out var cached) && cached.Written == written)
        {
            return cached.Texts;
        }

        Dictionary<string, string> texts;
        try
        {
            texts = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(path)) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path}: not a JSON object of texts ({e.Message}).", e);
        }

        _files[path] = (written, texts);
        return texts;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyTexts = new Dictionary<string, string>();
}
