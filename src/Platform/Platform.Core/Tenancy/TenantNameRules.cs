using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Core.Tenancy;

/// <summary>The rules a tenant's name, prefix, hosts, culture and time zone must follow.</summary>
public static partial class TenantNameRules
{
    /// <summary>First path segments the platform keeps for itself.</summary>
    public static readonly IReadOnlySet<string> ReservedSegments = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "api", "health", "themes", "static", "assets", "media", "account", "login", "logout",
        "setup", "host", "platform", "_framework", "_content", "lib", "css", "js", "favicon.ico",
        "robots.txt", "sitemap.xml", "rss", "__host",
    };

    /// <summary>Whether a first path segment is kept by the platform.</summary>
    public static bool IsReserved(string segment) => ReservedSegments.Contains(segment);

    /// <summary>Checks a new or changed tenant against the rules and the other tenants; returns errors by field.</summary>
    public static IReadOnlyDictionary<string, string> Validate(TenantDraft draft, IEnumerable<TenantInfo> others)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(others);
        var errors = new Dictionary<string, string>();
        var existing = others.Where(t => !string.Equals(t.Name, draft.Name, StringComparison.OrdinalIgnoreCase) || !draft.IsUpdate).ToList();

        if (!SlugPattern().IsMatch(draft.Name ?? string.Empty))
        {
            errors["name"] = $"Tên '{draft.Name}' không hợp lệ: 2–63 ký tự a-z, 0-9 và '-', bắt đầu và kết thúc bằng chữ hoặc số.";
        }
        else if (IsReserved(draft.Name!))
        {
            errors["name"] = $"Tên '{draft.Name}' là từ dành riêng của nền tảng.";
        }
        else if (!draft.IsUpdate && existing.Any(t => string.Equals(t.Name, draft.Name, StringComparison.OrdinalIgnoreCase)))
        {
            errors["name"] = $"Đã có tenant tên '{draft.Name}'.";
        }

        var prefix = draft.Prefix ?? string.Empty;
        if (prefix.Length > 0)
        {
            if (!SlugPattern().IsMatch(prefix))
            {
                errors["prefix"] = $"Tiền tố '{prefix}' không hợp lệ: 2–63 ký tự a-z, 0-9 và '-'.";
            }
            else if (IsReserved(prefix))
            {
                errors["prefix"] = $"Tiền tố '{prefix}' là từ dành riêng của nền tảng (admin, api, health, ...).";
            }
            else if (existing.Any(t => string.Equals(t.Prefix, prefix, StringComparison.OrdinalIgnoreCase)))
            {
                errors["prefix"] = $"Tiền tố '{prefix}' đã được tenant khác dùng.";
            }
        }

        var hosts = draft.Hosts ?? [];
        foreach (var host in hosts)
        {
            if (!HostPattern().IsMatch(host) || !HasValidPort(host))
            {
                errors["hosts"] = $"Tên miền '{host}' không hợp lệ.";
                break;
            }

            if (existing.Any(t => t.Hosts.Contains(host, StringComparer.OrdinalIgnoreCase)))
            {
                errors["hosts"] = $"Tên miền '{host}' đã được tenant khác dùng.";
                break;
            }
        }

        if (hosts.Distinct(StringComparer.OrdinalIgnoreCase).Count() != hosts.Count && !errors.ContainsKey("hosts"))
        {
            errors["hosts"] = "Một tên miền được khai báo hai lần.";
        }

        if (prefix.Length == 0 && hosts.Count == 0)
        {
            errors["prefix"] = "Cần ít nhất một tiền tố đường dẫn hoặc một tên miền.";
        }

        if (!IsCulture(draft.Culture))
        {
            errors["culture"] = $"Ngôn ngữ '{draft.Culture}' không được hỗ trợ.";
        }

        if (!IsTimeZone(draft.TimeZone))
        {
            errors["timeZone"] = $"Múi giờ '{draft.TimeZone}' không tồn tại.";
        }

        return errors;
    }

    /// <summary>Normalizes a host name as the catalog stores it: lower case, no trailing dot.</summary>
    public static string NormalizeHost(string host) => (host ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();

    private static bool HasValidPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon < 0 || (int.TryParse(host.AsSpan(colon + 1), CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535);
    }

    private static bool IsCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static bool IsTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])\z")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^(?=.{1,253}(:\d{1,5})?\z)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?\z")]
    private static partial Regex HostPattern();
}

/// <summary>What an operator asks for when creating or changing a tenant.</summary>
public sealed record TenantDraft
{
    /// <summary>Unique slug.</summary>
    public required string Name { get; init; }

    /// <summary>Path prefix; empty for host-only tenants.</summary>
    public string? Prefix { get; init; }

    /// <summary>Host names, normalized.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>Culture name.</summary>
    public string Culture { get; init; } = "vi-VN";

    /// <summary>IANA time zone.</summary>
    public string TimeZone { get; init; } = "Asia/Ho_Chi_Minh";

    /// <summary>True when the tenant already exists and is being changed.</summary>
    public bool IsUpdate { get; init; }
}
