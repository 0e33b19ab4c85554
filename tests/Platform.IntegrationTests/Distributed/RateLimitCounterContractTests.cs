using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Platform.Core.Distributed;

namespace Platform.IntegrationTests.Distributed;

/// <summary>What every rate-limit counter must do, run against the in-process counter and the Redis counter.</summary>
public abstract class RateLimitCounterContractTests
{
    /// <summary>A clock in the middle of a one-minute window, which the tests move on.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 10, 0, 20, TimeSpan.Zero));

    /// <summary>Two nodes' counters (the same one twice where there is only one node).</summary>
    protected abstract (IRateLimitCounter A, IRateLimitCounter B) CreateNodes();

    protected static string NewKey() => "sign-in|t" + Guid.NewGuid().ToString("N")[..8] + "|10.0.0.1";

    [Fact]
    public async Task Permits_PassUpToTheLimit_ThenAreRefusedForTheRestOfTheWindow()
    {
        var (a, _) = CreateNodes();
        var key = NewKey();

        var taken = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            taken.Add(await a.TryTakeAsync(key, 3, TimeSpan.FromMinutes(1), CancellationToken.None));
        }

        Clock.Advance(TimeSpan.FromSeconds(30)); // 10:00:50, same window
        taken.Add(await a.TryTakeAsync(key, 3, TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.Equal([true, true, true, false, false, false], taken);
    }

    [Fact]
    public async Task NewWindow_StartsAFreshCount()
    {
        var (a, _) = CreateNodes();
        var key = NewKey();
        Assert.True(await a.TryTakeAsync(key, 2, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await a.TryTakeAsync(key, 2, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await a.TryTakeAsync(key, 2, TimeSpan.FromMinutes(1), CancellationToken.None));

        Clock.Advance(TimeSpan.FromSeconds(40)); // 10:01:00, the next window

        Assert.True(await a.TryTakeAsync(key, 2, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await a.TryTakeAsync(key, 2, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await a.TryTakeAsync(key, 2, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task Keys_AreCountedApart()
    {
        var (a, _) = CreateNodes();
        var key = NewKey();
        var other = NewKey();
        Assert.True(await a.TryTakeAsync(key, 1, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await a.TryTakeAsync(key, 1, TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.True(await a.TryTakeAsync(other, 1, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await a.TryTakeAsync(key + "x", 1, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task Nodes_ShareTheCount()
    {
        var (a, b) = CreateNodes();
        var key = NewKey();
        Assert.True(await a.TryTakeAsync(key, 2, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await a.TryTakeAsync(key, 2, TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.False(await b.TryTakeAsync(key, 2, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentTakes_NeverPassMoreThanTheLimit()
    {
        var (a, b) = CreateNodes();
        var key = NewKey();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).TryTakeAsync(key, 10, TimeSpan.FromMinutes(1), CancellationToken.None))));

        Assert.Equal(10, results.Count(r => r));
    }
}

public sealed class InProcessRateLimitCounterContractTests : RateLimitCounterContractTests
{
    private readonly InProcessRateLimitCounter _counter;

    public InProcessRateLimitCounterContractTests() => _counter = new InProcessRateLimitCounter(Clock);

    protected override (IRateLimitCounter A, IRateLimitCounter B) CreateNodes() => (_counter, _counter);

    [Fact]
    public async Task EndedWindows_AreDropped()
    {
        for (var i = 0; i < 100; i++)
        {
            await _counter.TryTakeAsync(NewKey(), 5, TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        Assert.Equal(100, _counter.Count);
        Clock.Advance(TimeSpan.FromMinutes(2));
        await _counter.TryTakeAsync("now", 5, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(1, _counter.Count);
    }
}

public sealed class RedisRateLimitCounterContractTests : RateLimitCounterContractTests
{
    private const string Down = "127.0.0.1:1,connectTimeout=300";
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";

    protected override (IRateLimitCounter A, IRateLimitCounter B) CreateNodes() => (Node(_prefix), Node(_prefix));

    [Fact]
    public async Task Count_IsOneRedisKeyPerWindow_ThatExpires()
    {
        var counter = Node(_prefix);
        var key = NewKey();
        await counter.TryTakeAsync(key, 5, TimeSpan.FromMinutes(1), CancellationToken.None);
        await counter.TryTakeAsync(key, 5, TimeSpan.FromMinutes(1), CancellationToken.None);

        var connection = await RedisNodes.Connection(_prefix).GetAsync();
        var window = InProcessRateLimitCounter.WindowNumber(Clock.GetUtcNow(), TimeSpan.FromMinutes(1));
        var redisKey = $"{_prefix}rl:{key}:{window}";
        var database = connection!.GetDatabase();

        Assert.Equal(2, (long)await database.StringGetAsync(redisKey));
        var ttl = await database.KeyTimeToLiveAsync(redisKey);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task PrefixesKeepEnvironmentsApart()
    {
        var key = NewKey();
        Assert.True(await Node(_prefix).TryTakeAsync(key, 1, TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.True(await Node(_prefix + "other:").TryTakeAsync(key, 1, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task RedisDown_CountsOnThisNode_StillLimiting_WithoutThrowing()
    {
        var local = new InProcessRateLimitCounter(Clock);
        var down = new RedisRateLimitCounter(RedisNodes.Connection(_prefix, Down), local, Clock, NullLogger<RedisRateLimitCounter>.Instance);
        var key = NewKey();

        var taken = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            taken.Add(await down.TryTakeAsync(key, 3, TimeSpan.FromMinutes(1), CancellationToken.None));
        }

        Assert.Equal([true, true, true, false], taken);
        Assert.False(await local.TryTakeAsync(key, 3, TimeSpan.FromMinutes(1), CancellationToken.None)); // the count is this node's
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await down.TryTakeAsync(key, 3, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    private RedisRateLimitCounter Node(string prefix) =>
        new(RedisNodes.Connection(prefix), new InProcessRateLimitCounter(Clock), Clock, NullLogger<RedisRateLimitCounter>.Instance);
}
