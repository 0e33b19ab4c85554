using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Platform.Core.Hosting;

namespace Platform.Core.Theming;

/// <summary>
/// The localization of public pages. Texts are written in Vietnamese, the source language; a theme may carry
/// translations in <c>locales/&lt;culture&gt;.json</c> (a flat object: Vietnamese text → translation). A tenant whose
/// culture is, say, <c>en-US</c> sees the translation from its theme, else from Default (first <c>en-US.json</c>, then
/// <c>en.json</c>), else the Vietnamese text. Files are read once and re-read when they change (<see cref="ReloadingFiles{T}"/>).
/// </summary>
public sealed class ThemeText(ThemeCatalog themes)
{
    /// <summary>The culture texts are written in.</summary>
    public const string SourceCulture = "vi";

    private readonly ReloadingFiles<IReadOnlyDictionary<string, string>> _files = new(Read);
    private readonly ConcurrentDictionary<(string Theme, string Culture), (IReadOnlyDictionary<string, string>[] From, string? Json)> _json = new();

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
        var from = new[] { ThemeCatalog.DefaultTheme, theme }.Distinct(StringComparer.Ordinal)
            .SelectMany(name => new[] { Load(name, neutral), Load(name, culture) }).ToArray();
        // Serialized once per set of files: pages render this for every English visitor.
        if (_json.TryGetValue((theme, culture), out var cached) && cached.From.SequenceEqual(from))
        {
            return cached.Json;
        }

        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in from.SelectMany(texts => texts))
        {
            merged[key] = value;
        }

        var json = merged.Count == 0 ? null : JsonSerializer.Serialize(merged);
        _json[(theme, culture)] = (from, json);
        return json;
    }

    /// <summary>Translates and fills <c>{0}</c>, <c>{1}</c>, ... with <paramref name="arguments"/> in the culture's formats.</summary>
    public string Format(string theme, string culture, string text, params object?[] arguments) =>
        arguments.Length == 0 ? Translate(theme, culture, text) : string.Format(CultureInfo.GetCultureInfo(culture), Translate(theme, culture, text), arguments);

    private IReadOnlyDictionary<string, string> Load(string theme, string culture) =>
        _files.Get(Path.Combine(themes.Root, theme, "locales", culture + ".json"), EmptyTexts)!;

    private static Dictionary<string, string> Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(path)) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path}: not a JSON object of texts ({e.Message}).", e);
        }
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyTexts = new Dictionary<string, string>();
}
