using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Platform.Core.Hosting;
using Platform.Core.Tenancy;

namespace Platform.Core.Localization;

/// <summary>
/// Texts of the admin pages in the tenant's culture. Like the public site (<c>ThemeText</c>), texts are written in
/// Vietnamese; <c>locales/admin/*.&lt;culture&gt;.json</c> (one file per module, flat objects: Vietnamese → translation,
/// then the neutral culture, e.g. <c>Quiz.en.json</c>) hold the translations, merged; a missing one shows the Vietnamese.
/// Razor: <c>@T["Lưu"]</c>, <c>@T.F("Đã lưu {0} câu hỏi.", n)</c>. The host admin (no tenant) is Vietnamese.
/// </summary>
public sealed class AdminText(AdminTextCatalog catalog, ITenantContext tenant)
{
    /// <summary>The culture of the current tenant (vi-VN for the host).</summary>
    public string Culture => tenant.Tenant?.Culture ?? "vi-VN";

    /// <summary>A text in the current culture.</summary>
    public string this[string text] => catalog.Translate(Culture, text);

    /// <summary>A text with <c>{0}</c>, <c>{1}</c>, ... filled in the current culture's formats.</summary>
    public string F(string text, params object?[] arguments) => string.Format(CultureInfo.GetCultureInfo(Culture), this[text], arguments);
}

/// <summary>The admin translations, read once per culture and re-read when a file changes.</summary>
public sealed class AdminTextCatalog(IHostEnvironment environment)
{
    private readonly string? _folder = ContentPaths.FindFolder("locales/admin", environment.ContentRootPath);
    private readonly ConcurrentDictionary<string, (DateTime Stamp, IReadOnlyDictionary<string, string> Texts, long CheckedAt)> _cultures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><paramref name="text"/> in <paramref name="culture"/>.</summary>
    public string Translate(string culture, string text)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (string.IsNullOrEmpty(text) || culture.StartsWith("vi", StringComparison.OrdinalIgnoreCase) || _folder is null)
        {
            return text;
        }

        foreach (var name in new[] { culture, culture.Split('-')[0] })
        {
            if (Load(name).TryGetValue(text, out var translated))
            {
                return translated;
            }
        }

        return text;
    }

    private IReadOnlyDictionary<string, string> Load(string culture)
    {
        // The folder is looked at once per interval, not for every text of a page.
        if (_cultures.TryGetValue(culture, out var cached) && System.Diagnostics.Stopwatch.GetElapsedTime(cached.CheckedAt) < ReloadingFiles<object>.CheckInterval)
        {
            return cached.Texts;
        }

        var files = Directory.GetFiles(_folder!, $"*.{culture}.json");
        var stamp = files.Length == 0 ? DateTime.MinValue : files.Max(File.GetLastWriteTimeUtc).AddTicks(files.Length);
        if (cached.Texts is not null && cached.Stamp == stamp)
        {
            _cultures[culture] = cached with { CheckedAt = System.Diagnostics.Stopwatch.GetTimestamp() };
            return cached.Texts;
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            try
            {
                foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(file)) ?? [])
                {
                    texts[key] = value;
                }
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"{file}: not a JSON object of texts ({e.Message}).", e);
            }
        }

        _cultures[culture] = (stamp, texts, System.Diagnostics.Stopwatch.GetTimestamp());
        return texts;
    }
}
