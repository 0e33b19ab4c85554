using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Core.Data;
using Platform.Core.Distributed;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Recipes;

public abstract class TenantSetupTests<TFixture>(TFixture fixture) : IDisposable where TFixture : PlatformFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recipe-").FullName;
    private readonly CountingStep _counting = new();
    private readonly FlakyStep _flaky = new();

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Setup_WhenAStepFails_LeavesTenantUninitializedWithTheErrorAndRetryFinishesIt()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "recipe.json"), """
            { "displayName": "Thử thiết lập lại",
              "steps": [ { "name": "count" }, { "name": "flaky" }, { "name": "roles" } ] }
            """);
        var name = PlatformFixture.UniqueName();
        _flaky.FailuresLeft = 1;

        await using var scope = fixture.Scope(null);
        var setup = Service(scope);
        var failure = await Assert.ThrowsAsync<TenantSetupException>(() =>
            setup.CreateAsync(new CreateTenantRequest(name, _folder, null, [], null), TextWriter.Null, CancellationToken.None));
        var store = scope.ServiceProvider.GetRequiredService<TenantCatalogStore>();
        var failed = (await store.FindAsync(name, CancellationToken.None))!;
        var firstLog = await store.SetupLogAsync(failed.Id, CancellationToken.None);
        var whileFailed = await fixture.CreateClient().GetAsync($"/{name}/");

        var finished = await setup.SetupAsync(name, TextWriter.Null, CancellationToken.None);
        var secondLog = await store.SetupLogAsync(failed.Id, CancellationToken.None);

        Assert.Contains("Bước 2 'flaky'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TenantState.Uninitialized, failed.State);
        Assert.Contains("Bước 2 'flaky'", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(["count:Succeeded", "flaky:Failed"], firstLog.Select(s => $"{s.Name}:{s.Outcome}"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileFailed.StatusCode);
        Assert.Equal(TenantState.Running, finished.State);
        Assert.Null(finished.LastError);
        Assert.Equal(1, _counting.Runs); // the step that had succeeded is not run again
        Assert.Equal(["count:Succeeded", "flaky:Failed", "flaky:Succeeded", "roles:Succeeded"], secondLog.Select(s => $"{s.Name}:{s.Outcome}"));
        Assert.Equal(HttpStatusCode.OK, (await fixture.CreateClient().GetAsync($"/{name}/")).StatusCode);
    }

    [Fact]
    public async Task Create_WhenRecipeNamesUnknownStep_RefusesBeforeCreatingTheTenant()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "recipe.json"), """
            { "displayName": "Sai", "steps": [ { "name": "count" }, { "name": "no-such-step" } ] }
            """);
        var name = PlatformFixture.UniqueName();
        await using var scope = fixture.Scope(null);

        var error = await Assert.ThrowsAsync<RecipeException>(() =>
            Service(scope).CreateAsync(new CreateTenantRequest(name, _folder, null, [], null), TextWriter.Null, CancellationToken.None));

        Assert.Contains("step 2 'no-such-step'", error.Message, StringComparison.Ordinal);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<TenantCatalogStore>().FindAsync(name, CancellationToken.None));
        Assert.Equal(0, _counting.Runs);
    }

    [Fact]
    public async Task Setup_OfOneTenant_StartedOnTwoNodesAtOnce_RunsEachStepOnce()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "recipe.json"), """
            { "displayName": "Hai node cùng thiết lập", "steps": [ { "name": "count" }, { "name": "roles" } ] }
            """);
        var name = PlatformFixture.UniqueName();
        _counting.Delay = TimeSpan.FromMilliseconds(500);
        var prefix = $"test:{Guid.NewGuid():N}:";
        await using var scopeA = fixture.Scope(null);
        await using var scopeB = fixture.Scope(null);
        var store = scopeA.ServiceProvider.GetRequiredService<TenantCatalogStore>();
        await store.CreateAsync(new TenantDraft { Name = name, Prefix = name, Hosts = [] }, "Hai node", null, _folder, CancellationToken.None);

        // Each node has its own connection to Redis and its own in-process locks, as two machines would.
        var onA = Service(scopeA, NodeLock(prefix)).SetupAsync(name, TextWriter.Null, CancellationToken.None);
        var onB = Service(scopeB, NodeLock(prefix)).SetupAsync(name, TextWriter.Null, CancellationToken.None);
        var results = await Task.WhenAll(onA, onB);

        Assert.All(results, r => Assert.Equal(TenantState.Running, r.State));
        Assert.Equal(1, _counting.Runs);
        var log = await store.SetupLogAsync((await store.FindAsync(name, CancellationToken.None))!.Id, CancellationToken.None);
        Assert.Equal(["count:Succeeded", "roles:Succeeded"], log.Select(s => $"{s.Name}:{s.Outcome}"));
    }

    private static RedisLock NodeLock(string prefix) =>
        new(Distributed.RedisNodes.Connection(prefix), new InProcessLock(TimeProvider.System), NullLogger<RedisLock>.Instance);

    private TenantSetupService Service(AsyncServiceScope scope, IDistributedLock? locks = null)
    {
        var services = scope.ServiceProvider;
        var steps = services.GetServices<IRecipeStep>().Append(_counting).Append(_flaky);
        return new TenantSetupService(
            new RecipeReader(steps),
            services.GetRequiredService<TenantCatalogStore>(),
            services.GetRequiredService<TenantScopeFactory>(),
            services.GetRequiredService<DatabaseMigrator>(),
            locks ?? services.GetRequiredService<IDistributedLock>(),
            TimeProvider.System,
            NullLogger<TenantSetupService>.Instance);
    }

    private sealed class CountingStep : RecipeStep<RecipeStepData>
    {
        private int _runs;

        public int Runs => _runs;

        public TimeSpan Delay { get; set; }

        public override string Name => "count";

        protected override Task RunAsync(RecipeStepData data, RecipeContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return Task.Delay(Delay, cancellationToken);
        }
    }

    private sealed class FlakyStep : RecipeStep<RecipeStepData>
    {
        public int FailuresLeft { get; set; }

        public override string Name => "flaky";

        protected override Task RunAsync(RecipeStepData data, RecipeContext context, CancellationToken cancellationToken) =>
            FailuresLeft-- > 0 ? throw new InvalidOperationException("mạng chập chờn") : Task.CompletedTask;
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteTenantSetupTests(SqliteFixture fixture) : TenantSetupTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresTenantSetupTests(PostgresFixture fixture) : TenantSetupTests<PostgresFixture>(fixture);
