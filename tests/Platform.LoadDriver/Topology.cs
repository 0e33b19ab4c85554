using Microsoft.Data.Sqlite;
using Npgsql;
using Platform.ClusterTests;

namespace Platform.LoadDriver;

/// <summary>
/// Where the suite runs: the platform's own <c>Platform.Web.dll</c> as child processes on loopback, started the way the
/// cluster tests start them (their process wrappers are linked into this project), with the Bắc Kạn sample set up
/// and the benchmark tenant created by the CLI from a generated recipe.
/// </summary>
internal abstract class Topology : IAsyncDisposable
{
    public const string Tenant = "bench";
    public const string SamplePath = "/backan-2023/";

    /// <summary>The nodes' settings: the benchmark's own, then the operator's <c>--node-setting</c>s, which win.</summary>
    protected static Dictionary<string, string> CommonSettings(string adminPassword, IReadOnlyDictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Platform__Bootstrap__AdminPassword"] = adminPassword,
            ["Platform__CatalogRefreshInterval"] = "00:00:01",
            ["Platform__RateLimits__RegisterPerMinute"] = "1000000",
            ["Platform__RateLimits__SignInPerMinute"] = "1000000",
            ["Platform__RateLimits__AttemptStartsPerMinute"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A title for the report.</summary>
    public abstract string Title { get; }

    /// <summary>Where contestants send requests: the node itself, or nginx in front of the nodes.</summary>
    public abstract Uri Entry { get; }

    public abstract IReadOnlyList<PlatformNode> Nodes { get; }

    /// <summary>
    /// Starts everything and creates the benchmark tenant from <paramref name="recipe"/>; bare Kestrel on
    /// <paramref name="barePort"/> is the baseline, reached the way contestants reach the platform.
    /// </summary>
    public abstract Task StartAsync(string recipe, int barePort);

    /// <summary>Bare Kestrel's address as seen from the contestants: directly, or through the same nginx.</summary>
    public abstract string Bare { get; }

    /// <summary>Moves the contest's closing time to now, as an organiser editing it in the admin would.</summary>
    public abstract Task CloseContestAsync(string slug);

    /// <summary>Runs a CLI verb on the first node (same settings, same database).</summary>
    public Task<(int ExitCode, string Output)> CliAsync(params string[] arguments) => Nodes[0].RunCliAsync(arguments);

    protected async Task CreateTenantAsync(string recipe)
    {
        var (code, output) = await CliAsync("tenant", "create", Tenant, "--recipe", recipe);
        if (code != 0)
        {
            throw new InvalidOperationException($"tenant create {Tenant} failed ({code}): {output}");
        }

        foreach (var node in Nodes)
        {
            await node.WaitUntilAnswersAsync($"/{Tenant}/");
        }
    }

    public abstract ValueTask DisposeAsync();
}

/// <summary>One node on embedded SQLite: the default installation of a province.</summary>
internal sealed class SqliteTopology(IReadOnlyDictionary<string, string> nodeSettings) : Topology
{
    private readonly PlatformNode _node = new("sqlite", CommonSettings($"bench-{Guid.NewGuid():N}"[..20], nodeSettings));

    public override string Title => "SQLite, one node";

    public override Uri Entry => _node.BaseAddress;

    public override IReadOnlyList<PlatformNode> Nodes => [_node];

    private int _barePort;

    public override string Bare => $"http://127.0.0.1:{_barePort}";

    public override async Task StartAsync(string recipe, int barePort)
    {
        _barePort = barePort;
        await _node.StartAsync(SamplePath);
        await CreateTenantAsync(recipe);
    }

    public override async Task CloseContestAsync(string slug)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_node.DataPath, "platform.db")};Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """UPDATE "quiz_Contests" SET "ClosesAt" = $now WHERE "Slug" = $slug""";
        command.Parameters.AddWithValue("$now", DateTime.UtcNow.AddSeconds(-1));
        command.Parameters.AddWithValue("$slug", slug);
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException($"contest {slug} not found in the SQLite database");
        }
    }

    public override ValueTask DisposeAsync() => _node.DisposeAsync();
}

/// <summary>
/// PostgreSQL (a fresh database on the server of <c>PLATFORM_TEST_POSTGRES</c>), its own Redis, nodes A and B and
/// Debian's nginx in front: the national-size installation of docs/operations.md, on one machine.
/// </summary>
internal sealed class ClusterTopology(IReadOnlyDictionary<string, string> nodeSettings) : Topology
{
    private Database? _database;
    private RedisServer? _redis;
    private PlatformNode? _a;
    private PlatformNode? _b;
    private NginxProxy? _nginx;

    public override string Title => "PostgreSQL + Redis, two nodes behind nginx";

    public override Uri Entry => _nginx!.BaseAddress;

    public override IReadOnlyList<PlatformNode> Nodes => [_a!, _b!];

    public override string Bare => $"{Entry.GetLeftPart(UriPartial.Authority)}/bare";

    public override async Task StartAsync(string recipe, int barePort)
    {
        _nginx = new NginxProxy { BarePort = barePort };
        _database = await Database.CreateAsync();
        _redis = new RedisServer();
        await _redis.StartAsync();
        var settings = CommonSettings($"bench-{Guid.NewGuid():N}"[..20], nodeSettings);
        settings["Platform__Database__Provider"] = "Postgres";
        // As docs/operations.md advises: each node's pool well under PostgreSQL's max_connections (100 by default) for all nodes together.
        settings["Platform__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { MaxPoolSize = 40 }.ConnectionString;
        settings["Platform__Redis__Configuration"] = _redis.Configuration;
        settings["Platform__Redis__KeyPrefix"] = $"bench-{Guid.NewGuid():N}:";
        _a = new PlatformNode("A", settings);
        _b = new PlatformNode("B", settings);
        await _a.StartAsync(SamplePath);
        await _b.StartAsync(SamplePath);
        await _nginx.StartAsync([_a, _b], SamplePath);
        await CreateTenantAsync(recipe);
        await _nginx.StartAsync([_a, _b], $"/{Tenant}/");
    }

    public override async Task CloseContestAsync(string slug)
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""UPDATE quiz."Contests" SET "ClosesAt" = @now WHERE "Slug" = @slug""", connection);
        command.Parameters.AddWithValue("now", DateTime.UtcNow.AddSeconds(-1));
        command.Parameters.AddWithValue("slug", slug);
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException($"contest {slug} not found in the PostgreSQL database");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var disposable in new IAsyncDisposable?[] { _nginx, _a, _b, _redis, _database })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
    }
}
