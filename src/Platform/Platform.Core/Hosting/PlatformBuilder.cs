using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Platform.Core.Audit;
using Platform.Core.Data;
using Platform.Core.Health;
using Platform.Core.Http;
using Platform.Core.Identity;
using Platform.Core.Modules;
using Platform.Core.Tenancy;
using Platform.Core.Theming;

namespace Platform.Core.Hosting;

/// <summary>Adds modules to the platform.</summary>
public sealed class PlatformBuilder
{
    private readonly WebApplicationBuilder _builder;
    private readonly ModuleCatalog _modules;
    private readonly PlatformOptions _options;

    internal PlatformBuilder(WebApplicationBuilder builder, ModuleCatalog modules, PlatformOptions options)
    {
        _builder = builder;
        _modules = modules;
        _options = options;
    }

    /// <summary>Adds a module: its services, permissions (as authorization policies), recipe steps and migrations.</summary>
    public PlatformBuilder AddModule<TModule>() where TModule : IModule, new()
    {
        var module = new TModule();
        _modules.Add(module);
        module.ConfigureServices(_builder.Services, _builder.Configuration, _options);
        _builder.Services.Configure<AuthorizationOptions>(authorization =>
        {
            foreach (var permission in module.Permissions)
            {
                authorization.AddPolicy(permission.Name, policy => policy.RequireAuthenticatedUser().RequireRole(permission.DefaultRoles));
            }
        });
        return this;
    }
}

/// <summary>Composition of the platform: add, initialize, use, map.</summary>
public static class PlatformHostingExtensions
{
    /// <summary>Adds tenancy, data, identity, theming, health checks and logging; returns a builder for modules.</summary>
    public static PlatformBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(PlatformOptions.SectionName);
        var options = section.Get<PlatformOptions>() ?? new PlatformOptions();
        // Unset means the Bắc Kạn sample; an empty value (Platform__AutoSetup="") means none.
        options.AutoSetup = section.GetSection(nameof(PlatformOptions.AutoSetup)).Exists()
            ? options.AutoSetup.Where(f => !string.IsNullOrWhiteSpace(f)).ToList()
            : ["samples/backan-2023"];

        var services = builder.Services;
        services.AddOptions<PlatformOptions>().Bind(section).PostConfigure(o => o.AutoSetup = options.AutoSetup);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseLocator>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<SqliteWriteTurns>();
        services.AddModuleDbContext<AuditDbContext, SqliteAuditDbContext, PostgresAuditDbContext>(AuditDbContext.Module, options.Database.Provider);
        services.AddScoped<AuditLog>();
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddSingleton<TenantScopeFactory>();
        services.AddSingleton<ThemeCatalog>();
        services.AddSingleton<ThemeRenderer>();
        services.AddSingleton<ThemeText>();
        services.AddSingleton<Localization.AdminTextCatalog>();
        services.AddScoped<Localization.AdminText>();
        services.AddSingleton<ThemeAssets>();
        services.AddScoped<ISiteMenu, NoSiteMenu>();
        SiteCache.AddTo(services);
        services.AddSingleton<MatcherPolicy, EndpointScopeMatcherPolicy>();
        services.AddProblemDetails();
        services.AddPlatformRateLimits();

        // Pages, JSON and assets are a few times smaller compressed: what phones on weak networks need most.
        // Over https too (behind the proxy), but never for admin pages: they carry antiforgery tokens next to text an
        // attacker could reflect (BREACH); public pages and the JSON API carry no such secret.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes.Append("application/problem+json");
        });

        // Vietnamese stays readable UTF-8 in Razor output instead of numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAuthorization();
        services.AddSingleton<Distributed.RedisConnection>();
        services.AddSingleton<Distributed.InProcessBus>();
        services.AddSingleton<Distributed.InProcessLock>();
        services.AddSingleton<Distributed.InProcessLeaderboard>();
        services.AddSingleton<Distributed.InProcessRateLimitCounter>();
        if (string.IsNullOrWhiteSpace(options.Redis.Configuration))
        {
            services.AddSingleton<Distributed.IPlatformBus>(sp => sp.GetRequiredService<Distributed.InProcessBus>());
            services.AddSingleton<Distributed.IDistributedLock>(sp => sp.GetRequiredService<Distributed.InProcessLock>());
            services.AddSingleton<Distributed.ILeaderboard>(sp => sp.GetRequiredService<Distributed.InProcessLeaderboard>());
            services.AddSingleton<Distributed.IRateLimitCounter>(sp => sp.GetRequiredService<Distributed.InProcessRateLimitCounter>());
            services.AddDistributedMemoryCache();
        }
        else
        {
            services.AddSingleton<Distributed.IPlatformBus, Distributed.RedisBus>();
            services.AddSingleton<Distributed.IDistributedLock, Distributed.RedisLock>();
            services.AddSingleton<Distributed.ILeaderboard, Distributed.RedisLeaderboard>();
            services.AddSingleton<Distributed.IRateLimitCounter, Distributed.RedisRateLimitCounter>();
            services.AddSingleton<Microsoft.Extensions.Caching.Distributed.IDistributedCache, Distributed.RedisDistributedCache>();
        }

        services.AddSingleton<Distributed.SharedCache>();

        services.AddHostedService<Distributed.BusSubscriber>();
        Observability.PlatformMetrics.AddTo(services, builder.Configuration);
        services.AddSingleton<RedisHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);

        var modules = new ModuleCatalog();
        services.AddSingleton(modules);

        // The key ring lives in the platform database: every node signs and reads the same cookies, and it survives
        // Redis being down (decision 0007).
        services.AddDataProtection()
            .SetApplicationName("ContestPlatform")
            .PersistKeysToDbContext<PlatformDbContext>();

        // One line per entry by default; Logging:Console:FormatterName=json (or systemd) switches the format.
        if (string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }

        services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);

        // Behind a reverse proxy (nginx on the same machine by default, Platform:ForwardedHeaders:KnownProxies for
        // others): the client's address for rate limits, and https in absolute links and secure cookies.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("Platform:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        return new PlatformBuilder(builder, modules, options);
    }

    /// <summary>Migrates the platform database and dedicated tenant databases, loads the catalog and creates the host admin.</summary>
    public static async Task InitializePlatformAsync(this WebApplication app, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(app);
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        await migrator.MigratePlatformAsync(CancellationToken.None);
        var catalog = app.Services.GetRequiredService<TenantCatalog>();
        await catalog.RefreshAsync();
        foreach (var tenant in catalog.Current.Tenants)
        {
            await migrator.MigrateTenantAsync(tenant, CancellationToken.None);
        }

        await app.Services.GetRequiredService<HostAdminBootstrapper>().EnsureAsync(console);
    }

    /// <summary>Theme assets, tenant resolution, routing, authentication and authorization, in that order.</summary>
    public static WebApplication UsePlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseMiddleware<DatabaseUnavailableMiddleware>();
        app.UseWhen(http => !IsAdmin(http.Request.Path), branch => branch.UseResponseCompression());
        var themes = app.Services.GetRequiredService<ThemeCatalog>();
        foreach (var theme in themes.Names)
        {
            var assets = Path.Combine(themes.Root, theme, "assets");
            if (Directory.Exists(assets))
            {
                app.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = new PhysicalFileProvider(assets),
                    RequestPath = $"/themes/{theme}",
                    // A fingerprinted address (see ThemeAssets) never changes content: keep it a year.
                    OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = c.Context.Request.Query.ContainsKey(ThemeAssets.VersionKey)
                        ? "public,max-age=31536000,immutable"
                        : "public,max-age=3600",
                });
            }
        }

        app.UseStaticFiles();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        return app;
    }

    // /admin/... of the host, or /{prefix}/admin/... of a tenant.
    private static bool IsAdmin(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
        || (path.Value is { } value && value.IndexOf('/', 1) is var slash and > 0 && new PathString(value[slash..]).StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase));

    /// <summary>Maps health checks and every module's endpoints.</summary>
    public static WebApplication MapPlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ForAnyScope();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).ForAnyScope();
        foreach (var module in app.Services.GetRequiredService<ModuleCatalog>().Modules)
        {
            module.MapEndpoints(app);
        }

        return app;
    }
}
