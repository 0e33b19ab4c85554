using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Core.Tenancy;

/// <summary>
/// Resolves the tenant of each request: host name first, then the first path segment, which moves into
/// PathBase. Unknown and disabled tenants get a 404 page, tenants being set up a 503 with Retry-After.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next, TenantCatalog catalog, ILogger<TenantResolutionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, TenantContext tenantContext)
    {
        var resolution = catalog.Current.Resolve(context.Request.Host, context.Request.Path);
        switch (resolution.Kind)
        {
            case ResolutionKind.Unknown:
                await StatusPages.WriteAsync(context, StatusCodes.Status404NotFound, "Không tìm thấy trang", "Địa chỉ này không thuộc cuộc thi nào đang diễn ra trên hệ thống.");
                return;
            case ResolutionKind.Tenant when resolution.Tenant!.State is TenantState.Initializing or TenantState.Uninitialized:
                context.Response.Headers.RetryAfter = "10";
                await StatusPages.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Trang đang được thiết lập", "Cuộc thi đang được chuẩn bị. Vui lòng quay lại sau ít phút.");
                return;
            case ResolutionKind.Tenant when resolution.Tenant!.State == TenantState.Disabled:
                await StatusPages.WriteAsync(context, StatusCodes.Status404NotFound, "Không tìm thấy trang", "Địa chỉ này không thuộc cuộc thi nào đang diễn ra trên hệ thống.");
                return;
        }

        context.Features.Set(resolution);
        tenantContext.Set(resolution.Tenant, resolution.PathBase.Value ?? string.Empty);
        var originalPathBase = context.Request.PathBase;
        var originalPath = context.Request.Path;
        context.Request.PathBase = originalPathBase.Add(resolution.PathBase);
        context.Request.Path = resolution.Path;

        var culture = CultureInfo.GetCultureInfo(resolution.Tenant?.Culture ?? "vi-VN");
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        using (logger.BeginScope(new TenantLogScope(resolution.Tenant?.Name ?? "(host)")))
        {
            try
            {
                await next(context);
            }
            finally
            {
                context.Request.PathBase = originalPathBase;
                context.Request.Path = originalPath;
            }
        }
    }
}

/// <summary>Small self-contained status pages (no theme: they must work when nothing else does).</summary>
public static class StatusPages
{
    /// <summary>Writes a Vietnamese status page with the given code.</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var encoder = Theming.ThemeRenderer.Encoder;
        return context.Response.WriteAsync($$"""
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{{encoder.Encode(title)}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:10vh auto;padding:0 1rem;color:#1f2937}h1{font-size:1.5rem}</style></head>
            <body><h1>{{encoder.Encode(title)}}</h1><p>{{encoder.Encode(message)}}</p><p><small>Mã lỗi {{status}}</small></p></body></html>
            """);
    }
}

/// <summary>The logging scope of a request: structured (<c>Tenant</c> property) and readable in plain console logs.</summary>
internal sealed class TenantLogScope(string tenant) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new("Tenant", tenant) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"Tenant:{tenant}";
}
