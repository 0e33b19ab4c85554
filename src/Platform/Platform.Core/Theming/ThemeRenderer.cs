using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Platform.Core.Hosting;
using Platform.Core.Modules;
using Platform.Core.Tenancy;

namespace Platform.Core.Theming;

/// <summary>What every template sees as <c>site</c>.</summary>
/// <param name="Name">Tenant name.</param>
/// <param name="DisplayName">Tenant display name.</param>
/// <param name="BaseUrl">The tenant's base path, for links (for example <c>/backan-2023</c>).</param>
/// <param name="Url">The tenant's absolute address (scheme, host and base path), for shared links and feeds.</param>
/// <param name="Culture">Culture name.</param>
/// <param name="Theme">Theme name, for asset links.</param>
/// <param name="Settings">Site values from the settings step.</param>
/// <param name="Menu">The site menu (empty: the layout shows its fixed links).</param>
public sealed record SiteViewModel(string Name, string DisplayName, string BaseUrl, string Url, string Culture, string Theme, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<MenuLink> Menu);

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

/// <summary>
/// Renders a page inside its <c>Layout</c>. Each template is looked up in the tenant's stored overrides, then the tenant's
/// theme, then Default. Theme files are parsed once and re-parsed when they change (<see cref="ReloadingFiles{T}"/>); overrides are cached by their owner.
/// Templates get two filters: <c>t</c> (localization, see <see cref="ThemeText"/>) and <c>asset</c> (fingerprinted theme
/// asset addresses, see <see cref="ThemeAssets"/>).
/// </summary>
public sealed class ThemeRenderer
{
    /// <summary>
    /// The HTML encoder of public pages: Vietnamese stays UTF-8 characters instead of numeric entities,
    /// which would double the size of every page on weak networks.
    /// </summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string ThemeKey = "theme";
    private readonly ReloadingFiles<IFluidTemplate> _templates = new(path => ThemeTemplates.Parse(File.ReadAllText(path), path));
    private readonly ThemeCatalog _themes;
    private readonly ITemplateOverrides? _overrides;
    private readonly TemplateOptions _options = new();

    /// <summary>Registers the view models of the platform and of every module, and the filters.</summary>
    public ThemeRenderer(ThemeCatalog themes, ModuleCatalog modules, ThemeText text, ThemeAssets assets, IEnumerable<ITemplateOverrides> overrides)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(assets);
        _themes = themes;
        _overrides = overrides?.SingleOrDefault();
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        _options.MemberAccessStrategy.Register<SiteViewModel>();
        _options.MemberAccessStrategy.Register<SiteUserViewModel>();
        _options.MemberAccessStrategy.Register<MenuLink>();
        _options.MemberAccessStrategy.Register<Notice>();
        _options.Filters.AddFilter("t", (input, arguments, context) =>
        {
            var values = Enumerable.Range(0, arguments.Count).Select(i => (object?)arguments.At(i).ToStringValue()).ToArray();
            return new StringValue(text.Format(ThemeOf(context), context.CultureInfo.Name, input.ToStringValue(), values));
        });
        _options.Filters.AddFilter("asset", (input, _, context) => new StringValue(assets.Url(ThemeOf(context), input.ToStringValue())));
        foreach (var module in modules.Modules)
        {
            module.ConfigureTemplates(_options);
        }
    }

    /// <summary>
    /// Renders <paramref name="template"/> with <paramref name="values"/> inside the Layout; <paramref name="preview"/>
    /// templates (an editor's unsaved override) take the place of the stored ones.
    /// </summary>
    public async Task<string> RenderPageAsync(TenantInfo tenant, SiteViewModel site, string template, IReadOnlyDictionary<string, object?> values, string title, IReadOnlyDictionary<string, IFluidTemplate>? preview = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(values);
        var context = new TemplateContext(_options)
        {
            CultureInfo = CultureInfo.GetCultureInfo(tenant.Culture),
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone),
        };
        context.AmbientValues[ThemeKey] = tenant.Theme;
        context.SetValue("site", site);
        context.SetValue("title", title);
        foreach (var (key, value) in values)
        {
            context.SetValue(key, value);
        }

        var body = await (await LoadAsync(tenant, template, preview, cancellationToken)).RenderAsync(context, Encoder);
        context.SetValue("content", new StringValue(body, encode: false));
        return await (await LoadAsync(tenant, "Layout", preview, cancellationToken)).RenderAsync(context, Encoder);
    }

    /// <summary>Whether a theme template of this name exists (in the tenant's theme or Default): what an override may replace.</summary>
    public bool IsTemplate(string theme, string name) =>
        _themes.FindTemplate(theme, name) is not null || _themes.FindTemplate(ThemeCatalog.DefaultTheme, name) is not null;

    /// <summary>The theme's own source of a template (tenant's theme, else Default), to start an override from.</summary>
    public string? ThemeSource(string theme, string name) =>
        (_themes.FindTemplate(theme, name) ?? _themes.FindTemplate(ThemeCatalog.DefaultTheme, name)) is { } path ? File.ReadAllText(path) : null;

    private static string ThemeOf(TemplateContext context) =>
        context.AmbientValues.TryGetValue(ThemeKey, out var theme) && theme is string name ? name : ThemeCatalog.DefaultTheme;

    private async ValueTask<IFluidTemplate> LoadAsync(TenantInfo tenant, string name, IReadOnlyDictionary<string, IFluidTemplate>? preview, CancellationToken cancellationToken)
    {
        if (preview is not null && preview.TryGetValue(name, out var previewed))
        {
            return previewed;
        }

        if (_overrides is not null && await _overrides.FindAsync(tenant, name, cancellationToken) is { } stored)
        {
            return stored;
        }

        return _templates.Get(Path.Combine(_themes.Root, tenant.Theme, name + ".liquid"))
            ?? _templates.Get(Path.Combine(_themes.Root, ThemeCatalog.DefaultTheme, name + ".liquid"))
            ?? throw new FileNotFoundException($"Template '{name}' is in neither theme '{tenant.Theme}' nor '{ThemeCatalog.DefaultTheme}'.");
    }
}
