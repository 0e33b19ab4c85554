using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Platform.Core.Modules;
using Platform.Core.Tenancy;

namespace Platform.Core.Theming;

/// <summary>What every template sees as <c>site</c>.</summary>
/// <param name="Name">Tenant name.</param>
/// <param name="DisplayName">Tenant display name.</param>
/// <param name="BaseUrl">The tenant's base path, for links (for example <c>/backan-2023</c>).</param>
/// <param name="Culture">Culture name.</param>
/// <param name="Theme">Theme name, for asset links.</param>
/// <param name="Settings">Site values from the settings step.</param>
public sealed record SiteViewModel(string Name, string DisplayName, string BaseUrl, string Culture, string Theme, IReadOnlyDictionary<string, string> Settings);

/// <summary>What templates see as <c>user</c> when someone is signed in: a display name, never personal data.</summary>
/// <param name="Name">Display name.</param>
public sealed record SiteUserViewModel(string Name)
{
    /// <summary>The signed-in person of a request, or null.</summary>
    public static SiteUserViewModel? From(System.Security.Claims.ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
            ? new SiteUserViewModel(user.FindFirst(System.Security.Claims.ClaimTypes.GivenName)?.Value ?? user.Identity.Name ?? string.Empty)
            : null;
}

/// <summary>Thrown when a template cannot be parsed; names the file, line and column.</summary>
public sealed class TemplateParseException(string message) : Exception(message);

/// <summary>
/// Renders a page of the tenant's theme inside its <c>Layout</c>. Lookup: the tenant's theme, then Default.
/// Parsed templates are cached and re-parsed when their file changes.
/// </summary>
public sealed class ThemeRenderer
{
    /// <summary>
    /// The HTML encoder of public pages: Vietnamese stays UTF-8 characters instead of numeric entities,
    /// which would double the size of every page on weak networks.
    /// </summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly FluidParser _parser = new();
    private readonly ConcurrentDictionary<string, (DateTime Written, IFluidTemplate Template)> _cache = new(StringComparer.Ordinal);
    private readonly ThemeCatalog _themes;
    private readonly TemplateOptions _options = new();


    /// <summary>Registers the view models of the platform and of every module.</summary>
    public ThemeRenderer(ThemeCatalog themes, ModuleCatalog modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        _themes = themes;
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        _options.MemberAccessStrategy.Register<SiteViewModel>();
        _options.MemberAccessStrategy.Register<SiteUserViewModel>();
        _options.MemberAccessStrategy.Register<Notice>();
        foreach (var module in modules.Modules)
        {
            module.ConfigureTemplates(_options);
        }
    }

    /// <summary>Renders <paramref name="template"/> with <paramref name="values"/> inside the theme's Layout.</summary>
    public async Task<string> RenderPageAsync(TenantInfo tenant, SiteViewModel site, string template, IReadOnlyDictionary<string, object?> values, string title)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(values);
        var context = new TemplateContext(_options)
        {
            CultureInfo = CultureInfo.GetCultureInfo(tenant.Culture),
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone),
        };
        context.SetValue("site", site);
        context.SetValue("title", title);
        foreach (var (key, value) in values)
        {
            context.SetValue(key, value);
        }

        var body = await Load(tenant.Theme, template).RenderAsync(context, Encoder);
        context.SetValue("content", new Fluid.Values.StringValue(body, encode: false));
        return await Load(tenant.Theme, "Layout").RenderAsync(context, Encoder);
    }

    /// <summary>Parses Liquid source; throws <see cref="TemplateParseException"/> with line and column.</summary>
    public IFluidTemplate Parse(string source, string name)
    {
        if (!_parser.TryParse(source, out var template, out var error))
        {
            throw new TemplateParseException($"{name}: {error}");
        }

        return template;
    }

    private IFluidTemplate Load(string theme, string name)
    {
        var path = _themes.FindTemplate(theme, name) ?? _themes.FindTemplate(ThemeCatalog.DefaultTheme, name)
            ?? throw new FileNotFoundException($"Template '{name}' is in neither theme '{theme}' nor '{ThemeCatalog.DefaultTheme}'.");
        var written = File.GetLastWriteTimeUtc(path);
        if (_cache.TryGetValue(path, out var cached) && cached.Written == written)
        {
            return cached.Template;
        }

        var template = Parse(File.ReadAllText(path), path);
        _cache[path] = (written, template);
        return template;
    }
}
