using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.ClusterTests;

/// <summary>
/// The cluster shared by the tests of <see cref="ClusterGroup"/> (they run one at a time): a fresh PostgreSQL
/// database, this suite's own Redis, nodes A and B on that database and Redis, and nginx in front of both.
/// Node A starts first and sets up the sample; B starts once A serves it. Tests that break something call
/// <see cref="EnsureUpAsync"/> first and put it back before they end.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string TenantPath = "/backan-2023/";

    private Database? _database;
    private RedisServer? _redis;
    private PlatformNode? _a;
    private PlatformNode? _b;
    private NginxProxy? _nginx;

    public string AdminPassword { get; } = $"cluster-{Guid.NewGuid():N}"[..24] + "7";

    internal Database Database => _database!;

    internal RedisServer Redis => _redis!;

    internal PlatformNode A => _a!;

    internal PlatformNode B => _b!;

    internal NginxProxy Nginx => _nginx!;

    /// <summary>A unit code from the sample's tree, for registrations.</summary>
    public string UnitCode { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        File.Delete(Path.Combine(TestPaths.ResultsRoot, "measurements.log"));
        _nginx = new NginxProxy(); // fails early and clearly when nginx is missing
        _database = await Database.CreateAsync();
        _redis = new RedisServer();
        await _redis.StartAsync();

        var settings = new Dictionary<string, string>
        {
            ["Platform__Database__Provider"] = "Postgres",
            ["Platform__Database__ConnectionString"] = _database.ConnectionString,
            ["Platform__Redis__Configuration"] = _redis.Configuration,
            ["Platform__Redis__KeyPrefix"] = $"cluster-{Guid.NewGuid():N}:",
            ["Platform__Bootstrap__AdminPassword"] = AdminPassword,
            ["Platform__CatalogRefreshInterval"] = "00:00:01",
            ["Platform__RateLimits__SignInPerMinute"] = "100000",
            ["Platform__RateLimits__RegisterPerMinute"] = "100000",
            ["Platform__RateLimits__AttemptStartsPerMinute"] = "100000",
        };
        _a = new PlatformNode("A", settings);
        _b = new PlatformNode("B", settings);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await _a.StartAsync(TenantPath);
        TestPaths.Measure($"node A set up the sample and served {TenantPath} after {watch.Elapsed.TotalSeconds:0.0} s");
        watch.Restart();
        await _b.StartAsync(TenantPath);
        TestPaths.Measure($"node B served {TenantPath} after {watch.Elapsed.TotalSeconds:0.0} s");
        await _nginx.StartAsync([_a, _b], TenantPath);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var units = await http.GetFromJsonAsync<JsonElement>(new Uri(_a.BaseAddress, TenantPath + "api/v1/units"));
        UnitCode = units.EnumerateArray()
            .Where(u => u.GetProperty("parentCode").ValueKind == JsonValueKind.String)
            .Concat(units.EnumerateArray())
            .First().GetProperty("code").GetString()!;
    }

    /// <summary>
    /// Puts back whatever an earlier test may have left broken: PostgreSQL accepting connections, Redis, both nodes and
    /// nginx running and serving the sample.
    /// </summary>
    public async Task EnsureUpAsync()
    {
        await Poll.UntilAsync("PostgreSQL accepting connections", TimeSpan.FromSeconds(60), Database.AcceptsConnectionsAsync, TimeSpan.FromMilliseconds(500));
        await Redis.StartAsync();
        await A.StartAsync(TenantPath);
        await B.StartAsync(TenantPath);
        await Nginx.StartAsync([A, B], TenantPath);
    }

    /// <summary>Node logs and nginx's error log, for failure messages.</summary>
    public string Diagnostics() =>
        string.Join(Environment.NewLine, A.LogTail(), B.LogTail(), Nginx.LogTail());

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_database is not null)
        {
            // A PostgreSQL restart test may have just ended: wait until it accepts connections again, then drop.
            await Poll.UntilAsync("PostgreSQL accepting connections", TimeSpan.FromSeconds(60), Database.AcceptsConnectionsAsync, TimeSpan.FromMilliseconds(500));
            await _database.DisposeAsync();
        }
    }
}

/// <summary>All cluster tests share one cluster and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
