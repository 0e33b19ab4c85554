using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core;
using Platform.Core.Hosting;
using Platform.Core.Identity;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// One running platform (a WebApplicationFactory on a real database) shared by the test classes of a
/// provider. Every test class makes its own tenants with unique names, so no test depends on another's data.
/// </summary>
public abstract class PlatformFixture : IAsyncLifetime
{
    public const string HostAdminPassword = "host-admin-2023";

    private readonly List<WebApplicationFactory<Program>> _nodes = [];

    public abstract DatabaseProvider Provider { get; }

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));

    public string ConnectionString { get; private set; } = string.Empty;

    public WebApplicationFactory<Program> Factory => _nodes[0];

    public IServiceProvider Services => Factory.Services;

    /// <summary>The whole Bắc Kạn sample: units, the question bank and the contests too.</summary>
    public static string SampleRecipe { get; } = ContentPaths.FindFolder("samples/backan-2023", AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("samples/backan-2023 not found.");

    /// <summary>
    /// The sample's site only (settings, roles, users): what most tests need, without importing the bank
    /// into every tenant. Tests add the quiz data they need themselves.
    /// </summary>
    public static string SiteRecipe { get; } = WriteSiteRecipe();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataPath);
        TenantCommands.Listen();
        ConnectionString = await CreateDatabaseAsync("platform");
        _nodes.Add(CreateNode());
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await DropDatabasesAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>Another node on the same database: its own catalog cache, its own services.</summary>
    public WebApplicationFactory<Program> AddNode()
    {
        var node = CreateNode();
        _nodes.Add(node);
        _ = node.Server;
        return node;
    }

    /// <summary>A new empty database on this provider, as a connection string.</summary>
    public abstract Task<string> CreateDatabaseAsync(string label);

    protected abstract Task DropDatabasesAsync();

    public static string UniqueName(string prefix = "t") => $"{prefix}{Guid.NewGuid():N}"[..14];

    /// <summary>Creates and sets up a tenant from the Bắc Kạn sample recipe (or another).</summary>
    public async Task<TenantInfo> CreateTenantAsync(string? name = null, string? prefix = null, string[]? hosts = null, string? database = null, string? recipe = null)
    {
        name ??= UniqueName();
        await using var scope = Scope(null);
        return await scope.ServiceProvider.GetRequiredService<TenantSetupService>()
            .CreateAsync(new CreateTenantRequest(name, recipe ?? SiteRecipe, prefix, hosts ?? [], database), TextWriter.Null, CancellationToken.None);
    }

    /// <summary>A scope bound to a tenant (or to the host scope).</summary>
    public AsyncServiceScope Scope(TenantInfo? tenant) => Services.GetRequiredService<TenantScopeFactory>().CreateScope(tenant);

    /// <summary>Creates (or updates) an account with a known password in a tenant.</summary>
    public async Task<PlatformUser> CreateUserAsync(TenantInfo tenant, string userName, string role, string password, string? phone = null)
    {
        await using var scope = Scope(tenant);
        var (user, _) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().EnsureUserAsync(userName, role, password, phone: phone);
        return user;
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateClient(string? host = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (host is not null)
        {
            client.DefaultRequestHeaders.Host = host;
        }

        return client;
    }

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="expected"/> (or 10 s pass); returns the last status.</summary>
    public async Task<HttpStatusCode> WaitForStatusAsync(string path, HttpStatusCode expected)
    {
        var client = CreateClient();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var status = (await client.GetAsync(path)).StatusCode;
        while (status != expected && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
            status = (await client.GetAsync(path)).StatusCode;
        }

        return status;
    }

    /// <summary>Signs in through the JSON API of the tenant.</summary>
    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string basePath, string login, string password) =>
        client.PostAsJsonAsync($"{basePath}/api/v1/account/login", new { login, password });

    private static string WriteSiteRecipe()
    {
        var recipe = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(SampleRecipe, "recipe.json")))!.AsObject();
        var steps = recipe["steps"]!.AsArray().Where(s => s!["name"]!.GetValue<string>() is "settings" or "roles" or "users").Select(s => s!.DeepClone()).ToArray();
        recipe["steps"] = new System.Text.Json.Nodes.JsonArray(steps);
        var folder = Directory.CreateTempSubdirectory("site-recipe-").FullName;
        File.WriteAllText(Path.Combine(folder, "recipe.json"), recipe.ToJsonString());
        return folder;
    }

    private WebApplicationFactory<Program> CreateNode() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Testing");
        b.UseSetting("Platform:DataPath", DataPath);
        b.UseSetting("Platform:Database:Provider", Provider.ToString());
        b.UseSetting("Platform:Database:ConnectionString", ConnectionString);
        b.UseSetting("Platform:AutoSetup", string.Empty);
        b.UseSetting("Platform:Bootstrap:AdminPassword", HostAdminPassword);
        b.UseSetting("Platform:CatalogRefreshInterval", "00:00:00.200");
    });
}

/// <summary>SQLite files in a temp folder.</summary>
public sealed class SqliteFixture : PlatformFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override Task<string> CreateDatabaseAsync(string label) =>
        Task.FromResult(Platform.Core.Data.DatabaseLocator.DefaultSqlite(Path.Combine(DataPath, $"{label}-{Guid.NewGuid():N}.db")));

    protected override Task DropDatabasesAsync() => Task.CompletedTask;
}

/// <summary>
/// Databases on the PostgreSQL server that test.sh starts (PLATFORM_TEST_POSTGRES). Without it the tests
/// fail: a suite that needs a service must not pass by skipping.
/// </summary>
public sealed class PostgresFixture : PlatformFixture
{
    private readonly List<string> _databases = [];

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string AdminConnectionString => Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PLATFORM_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL.");

    public override async Task<string> CreateDatabaseAsync(string label)
    {
        var name = $"pt_{label}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    protected override async Task DropDatabasesAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteSuite : ICollectionFixture<SqliteFixture>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresSuite : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
