using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Platform.Core.Tenancy;

namespace Platform.Core.Theming;

/// <summary>
/// The output cache of public pages. A page marked with <c>CacheAsPublicPage()</c> is kept per tenant,
/// culture and full address (query included) for a minute, for visitors who are not signed in, and only when it is a
/// plain 200 answer that sets no cookie; the modules that change what such pages show (content, settings, templates,
/// published results) call <see cref="InvalidateAsync"/> so that the next visitor sees the change at once. The values
/// every page shows (<see cref="SiteValues"/>) are kept and dropped with them.
/// </summary>
public sealed class SiteCache(IOutputCacheStore store, SiteValues values, Distributed.IPlatformBus bus)
{
    /// <summary>The bus channel telling every node to drop a tenant's pages.</summary>
    public const string Channel = "site-cache";

    /// <summary>The output cache policy name.</summary>
    public const string PolicyName = "public-page";

    /// <summary>How long a page is kept when nothing invalidates it (time-dependent parts such as scheduled news).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>The tag of every cached page of a tenant.</summary>
    public static string TagOf(string tenantId) => "tenant:" + tenantId;

    /// <summary>Drops every cached page of a tenant, on this node at once and on every other node through the bus.</summary>
    public async ValueTask InvalidateAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        values.Forget(tenant.Id);
        await store.EvictByTagAsync(TagOf(tenant.Id), cancellationToken);
        await bus.PublishAsync(Channel, tenant.Id, cancellationToken);
    }

    internal static void AddTo(IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(PolicyName, new PublicPagePolicy()));
        services.AddSingleton<SiteCache>();
        services.AddSingleton<SiteValues>();
        services.AddSingleton<Distributed.IBusHandler, Evictions>();
    }

    // Another node changed something a tenant's pages show.
    private sealed class Evictions(IOutputCacheStore store, SiteValues values) : Distributed.IBusHandler
    {
        public string Channel => SiteCache.Channel;

        public Task HandleAsync(string message)
        {
            values.Forget(message);
            return store.EvictByTagAsync(TagOf(message), CancellationToken.None).AsTask();
        }
    }

    private sealed class PublicPagePolicy : IOutputCachePolicy
    {
        private static string TenantName(OutputCacheContext context) =>
            context.HttpContext.RequestServices.GetRequiredService<ITenantContext>().Tenant?.Name ?? "-";

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var tenant = http.RequestServices.GetRequiredService<ITenantContext>().Tenant;
            var cacheable = tenant is not null
                && http.User.Identity?.IsAuthenticated != true
                && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = Lifetime;
            context.CacheVaryByRules.QueryKeys = "*";
            if (tenant is not null)
            {
                context.Tags.Add(TagOf(tenant.Id));
                context.CacheVaryByRules.VaryByValues["tenant"] = $"{tenant.Id}|{tenant.Culture}|{tenant.Theme}";
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            Observability.PlatformMetrics.PageCacheHits.Add(1, Observability.PlatformMetrics.Tenant(TenantName(context)));
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
            {
                context.AllowCacheStorage = false;
            }

            if (context.AllowCacheStorage)
            {
                Observability.PlatformMetrics.PageCacheMisses.Add(1, Observability.PlatformMetrics.Tenant(TenantName(context)));
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Marks public pages for the output cache.</summary>
public static class SiteCacheExtensions
{
    /// <summary>The endpoint's answers are output-cached as public pages (see <see cref="SiteCache"/>).</summary>
    public static TBuilder CacheAsPublicPage<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.CacheOutput(SiteCache.PolicyName);
}
