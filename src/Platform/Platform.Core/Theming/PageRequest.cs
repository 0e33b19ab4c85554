using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Core.Settings;
using Platform.Core.Tenancy;

namespace Platform.Core.Theming;

/// <summary>
/// What every themed public page needs, bound with <c>[AsParameters]</c>: the request, its tenant, the theme renderer and
/// the site settings the layout shows.
/// </summary>
public sealed record PageRequest(HttpContext Http, ITenantContext TenantContext, ThemeRenderer Renderer, SiteSettings Settings, ISiteMenu Menu, SiteValues Values, ThemeText Text, TimeProvider Clock)
{
    /// <summary>The tenant of the request.</summary>
    public TenantInfo Tenant => TenantContext.Tenant ?? throw new InvalidOperationException("Contestant pages live in a tenant.");

    /// <summary>The tenant's base path for links (empty when the tenant is served at a host's root).</summary>
    public string BaseUrl => Http.Request.PathBase.Value ?? string.Empty;

    /// <summary>The tenant's absolute address (for shared links, feeds and the sitemap).</summary>
    public string AbsoluteBaseUrl => $"{Http.Request.Scheme}://{Http.Request.Host}{BaseUrl}";

    /// <summary>The request's cancellation.</summary>
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Now (UTC).</summary>
    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in the tenant's time zone.</summary>
    public DateOnly Today => Tenant.LocalDate(UtcNow);

    /// <summary>The signed-in account (the auth cookie is already checked against this tenant), or null.</summary>
    public string? UserId => Http.User.Identity?.IsAuthenticated == true ? Http.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>Who is signed in, by display name only (never a citizen id or phone), or null.</summary>
    public SiteUserViewModel? Viewer => SiteUserViewModel.From(Http.User);

    /// <summary>A Vietnamese text of C# code in the tenant's culture (see <see cref="ThemeText"/>), formatted with <paramref name="arguments"/>.</summary>
    public string T(string text, params object?[] arguments) => Text.Format(Tenant.Theme, Tenant.Culture, text, arguments);

    /// <summary>What the layout needs: the tenant, its settings and menu (kept per node, see <see cref="SiteValues"/>).</summary>
    public async Task<SiteViewModel> SiteAsync()
    {
        var tenant = Tenant;
        var settings = await Values.GetOrLoadAsync(tenant.Id, "settings", () => Settings.GetAllAsync(Aborted));
        var menu = await Values.GetOrLoadAsync(tenant.Id, "menu|" + BaseUrl, () => Menu.GetAsync(BaseUrl, Aborted));
        return new SiteViewModel(tenant.Name, tenant.DisplayName, BaseUrl, AbsoluteBaseUrl, tenant.Culture, tenant.Theme, settings, menu);
    }

    /// <summary>
    /// Renders a page of the tenant's theme; <paramref name="personal"/> pages are never stored by caches. Values the
    /// layout reads when present: <c>description</c> (meta and Open Graph description) and <c>image</c> (absolute address
    /// of the picture shown when the link is shared).
    /// </summary>
    public async Task<ContentHttpResult> RenderAsync(string template, string title, Dictionary<string, object?> values, int status = StatusCodes.Status200OK, bool personal = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        var tenant = Tenant;
        values["user"] = Viewer;
        values["page"] = template;
        values["url"] = $"{AbsoluteBaseUrl}{Http.Request.Path}";
        values["site_texts"] = Text.TextsJson(tenant.Theme, tenant.Culture);
        var fullTitle = string.IsNullOrEmpty(title) || title == tenant.DisplayName ? tenant.DisplayName : $"{title} · {tenant.DisplayName}";
        var html = await Renderer.RenderPageAsync(tenant, await SiteAsync(), template, values, fullTitle, cancellationToken: Aborted);
        Http.Response.Headers.CacheControl = personal || UserId is not null ? "no-store" : "no-cache";
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>The theme's notice page with status 404.</summary>
    public Task<ContentHttpResult> NotFoundAsync(string message) =>
        RenderAsync("Notice", T("Không tìm thấy"), new() { ["notice"] = new Notice(T("Không tìm thấy"), message, $"{BaseUrl}/cuoc-thi", T("Xem các cuộc thi")) }, StatusCodes.Status404NotFound);

    /// <summary>To the sign-in page, coming back here afterwards.</summary>
    public RedirectHttpResult RedirectToSignIn()
    {
        var here = $"{BaseUrl}{Http.Request.Path}{Http.Request.QueryString}";
        return TypedResults.Redirect($"{BaseUrl}/dang-nhap?returnUrl={Uri.EscapeDataString(here)}");
    }

    /// <summary>
    /// <paramref name="candidate"/> when it is a path inside this tenant (so a crafted link cannot send a contestant to
    /// another site or tenant after signing in), else null.
    /// </summary>
    public string? LocalReturnUrl(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > 2000 || candidate.Contains('\\', StringComparison.Ordinal)
            || candidate.Contains("//", StringComparison.Ordinal) || candidate.Any(char.IsControl))
        {
            return null;
        }

        return candidate.StartsWith(BaseUrl + "/", StringComparison.Ordinal) ? candidate : null;
    }
}

/// <summary>The menu when no module provides one: the layout's fixed links.</summary>
internal sealed class NoSiteMenu : ISiteMenu
{
    public Task<IReadOnlyList<MenuLink>> GetAsync(string baseUrl, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<MenuLink>>([]);
}

/// <summary>A message page: heading, text and one link onwards.</summary>
/// <param name="Heading">Heading.</param>
/// <param name="Message">Message.</param>
/// <param name="LinkUrl">Link.</param>
/// <param name="LinkText">Link text.</param>
public sealed record Notice(string Heading, string Message, string LinkUrl, string LinkText);
