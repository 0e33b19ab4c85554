using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Core;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Results.Benchmarks;

/// <summary>The platform in-process (as the integration tests run it), on a temporary or given data folder.</summary>
internal static class BenchHost
{
    public const string Tenant = "bench";

    /// <summary>What <c>ResultsService</c> logs at Information (its phases), kept for the report and out of the console.</summary>
    public static CapturedLog ComputeLog { get; } = new(ComputeCategory);

    private const string ComputeCategory = "Results.Ranking.ResultsService";

    public static WebApplicationFactory<Program> Create(string dataPath, BenchOptions options, bool kestrel)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Platform:DataPath", dataPath);
            b.UseSetting("Platform:Database:Provider", (options.Postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres).ToString());
            b.UseSetting("Platform:Database:ConnectionString", options.Postgres ?? string.Empty);
            b.UseSetting("Platform:AutoSetup", string.Empty);
            b.UseSetting("Platform:Bootstrap:AdminPassword", "bench-admin-2023");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
            b.UseSetting($"Logging:LogLevel:{ComputeCategory}", "Information");
            b.ConfigureLogging(logging => logging
                .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(ComputeCategory, LogLevel.Warning)
                .AddProvider(ComputeLog));
        });
        if (kestrel)
        {
            // A free loopback port: the platform's appsettings.json would otherwise put Kestrel on 5080.
            factory = factory.WithWebHostBuilder(b => b.UseSetting("urls", "http://127.0.0.1:0"));
            factory.UseKestrel(0);
        }

        factory.StartServer();
        return factory;
    }

    /// <summary>The tenant <c>bench</c> when the data folder already has it, else null.</summary>
    public static TenantInfo? Existing(IServiceProvider services) =>
        services.GetRequiredService<TenantCatalog>().Current.Tenants.FirstOrDefault(t => t.Name == Tenant);

    /// <summary>Creates the tenant from a minimal recipe (settings and roles) written into the data folder.</summary>
    public static async Task<TenantInfo> CreateTenantAsync(IServiceProvider services, string dataPath)
    {
        var folder = Path.Combine(dataPath, "recipe");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "recipe.json"), """
            { "displayName": "Đo kết quả", "steps": [
              { "name": "settings", "culture": "vi-VN", "timeZone": "Asia/Ho_Chi_Minh" },
              { "name": "roles" } ] }
            """);
        await using var scope = Scope(services, null);
        return await scope.ServiceProvider.GetRequiredService<TenantSetupService>()
            .CreateAsync(new CreateTenantRequest(Tenant, folder, null, [], null), TextWriter.Null, CancellationToken.None);
    }

    /// <summary>A scope bound to a tenant (or the host scope).</summary>
    public static AsyncServiceScope Scope(IServiceProvider services, TenantInfo? tenant) =>
        services.GetRequiredService<TenantScopeFactory>().CreateScope(tenant);
}
