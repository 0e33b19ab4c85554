using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Core.Tenancy;

namespace Platform.Core.Identity;

/// <summary>Stamps every principal with the tenant of its user.</summary>
internal sealed class TenantClaimsPrincipalFactory(
    UserManager<PlatformUser> userManager,
    RoleManager<PlatformRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PlatformUser, PlatformRole>(userManager, roleManager, options)
{
    public const string TenantClaim = "tenant";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PlatformUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaim, user.TenantId));
        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        }

        return identity;
    }
}

/// <summary>
/// Keeps each tenant's auth cookie apart: its own cookie name and path, and a principal whose tenant claim
/// differs from the request's tenant is rejected.
/// </summary>
internal static class TenantCookies
{
    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = ".platform.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.CookieManager = new TenantCookieManager();
        options.LoginPath = "/admin/login";
        options.LogoutPath = "/admin/logout";
        options.AccessDeniedPath = "/admin/denied";
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.Events.OnValidatePrincipal = async context =>
        {
            var tenant = context.HttpContext.RequestServices.GetRequiredService<ITenantContext>();
            if (context.Principal?.FindFirstValue(TenantClaimsPrincipalFactory.TenantClaim) != tenant.TenantId)
            {
                context.RejectPrincipal();
                return;
            }

            if (StampCheckDue(context))
            {
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            }
        };
        options.Events.OnSigningIn = context =>
        {
            context.CookieOptions.Path = CookiePath(context.HttpContext);
            return Task.CompletedTask;
        };
        options.Events.OnSigningOut = context =>
        {
            context.CookieOptions.Path = CookiePath(context.HttpContext);
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
    }

    // The validator checks the stamp once per ValidationInterval of a cookie's life and does nothing in between; asking
    // it builds the sign-in and user managers and a users context for every request, a few percent of a node's CPU at
    // the deadline (docs/benchmarks.md). The same test, before building them.
    private static bool StampCheckDue(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var issued = context.Properties.IssuedUtc;
        return issued is null || (options.TimeProvider ?? TimeProvider.System).GetUtcNow() - issued.Value > options.ValidationInterval;
    }

    private static string CookiePath(HttpContext context) =>
        context.Request.PathBase.HasValue ? context.Request.PathBase.Value! : "/";

    // API callers get a status code, people get the login page of their tenant.
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private sealed class TenantCookieManager : ICookieManager
    {
        private readonly ChunkingCookieManager _inner = new();

        public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Key(context, key));

        public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
            _inner.AppendResponseCookie(context, Key(context, key), value, options);

        public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
            _inner.DeleteCookie(context, Key(context, key), options);

        private static string Key(HttpContext context, string key)
        {
            var tenant = context.RequestServices.GetRequiredService<ITenantContext>().Tenant;
            return tenant is null ? key : $"{key}.{tenant.Name}";
        }
    }
}
