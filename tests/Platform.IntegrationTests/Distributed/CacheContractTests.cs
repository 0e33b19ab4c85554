using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Core.Distributed;
using Platform.Core.Tenancy;

namespace Platform.IntegrationTests.Distributed;

/// <summary>
/// What the deployment's cache must do, run against the in-process cache and the Redis one: the raw
/// <see cref="IDistributedCache"/> and the <see cref="SharedCache"/> the modules use on it.
/// </summary>
public abstract class CacheContractTests
{
    /// <summary>Two nodes' caches and locks (the same ones twice where there is only one node).</summary>
    protected abstract ((IDistributedCache Cache, IDistributedLock Locks) A, (IDistributedCache Cache, IDistributedLock Locks) B) CreateNodes();

    private static readonly TenantInfo TenantA = Tenant("cache-a");
    private static readonly TenantInfo TenantB = Tenant("cache-b");

    [Fact]
    public async Task Entry_StoredByOne_IsReadByTheOther_UntilRemovedOrExpired()
    {
        var (a, b) = CreateNodes();
        var key = "k" + Guid.NewGuid().ToString("N")[..8];

        await a.Cache.SetAsync(key, Encoding.UTF8.GetBytes("bảng xếp hạng"), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        await a.Cache.SetAsync(key + "-short", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(1) }); // Redis keeps whole seconds

        Assert.Equal("bảng xếp hạng", Encoding.UTF8.GetString((await b.Cache.GetAsync(key))!));
        Assert.NotNull(await b.Cache.GetAsync(key + "-short"));
        await Task.Delay(2000);
        Assert.Null(await b.Cache.GetAsync(key + "-short"));

        await b.Cache.RemoveAsync(key);
        Assert.Null(await a.Cache.GetAsync(key));
    }

    [Fact]
    public async Task SharedValue_AskedOnBothNodesAtOnce_IsComputedOnce_AndKeptPerTenant()
    {
        var (a, b) = CreateNodes();
        var name = "stats-" + Guid.NewGuid().ToString("N")[..8];
        var computations = 0;
        async Task<Report> Compute(CancellationToken ct)
        {
            Interlocked.Increment(ref computations);
            await Task.Delay(400, ct);
            return new Report(5000, [1, 2, 3]);
        }

        var onA = Shared(a).GetOrCreateAsync(TenantA, name, TimeSpan.FromMinutes(1), Compute, CancellationToken.None);
        var onB = Shared(b).GetOrCreateAsync(TenantA, name, TimeSpan.FromMinutes(1), Compute, CancellationToken.None);
        var both = await Task.WhenAll(onA, onB);
        var later = await Shared(b).GetOrCreateAsync(TenantA, name, TimeSpan.FromMinutes(1), Compute, CancellationToken.None);
        var otherTenant = await Shared(b).GetOrCreateAsync(TenantB, name, TimeSpan.FromMinutes(1), _ => Task.FromResult(new Report(7, [])), CancellationToken.None);

        Assert.Equal(1, computations);
        Assert.All(both.Append(later), r => Assert.Equal((5000, "1,2,3"), (r.Entries, string.Join(',', r.Days))));
        Assert.Equal(7, otherTenant.Entries);

        await Shared(a).RemoveAsync(TenantA, name, CancellationToken.None);
        await Shared(b).GetOrCreateAsync(TenantA, name, TimeSpan.FromMinutes(1), Compute, CancellationToken.None);
        Assert.Equal(2, computations);
    }

    internal sealed record Report(int Entries, IReadOnlyList<int> Days);

    private static SharedCache Shared((IDistributedCache Cache, IDistributedLock Locks) node) =>
        new(node.Cache, node.Locks, TimeProvider.System, NullLogger<SharedCache>.Instance);

    private static TenantInfo Tenant(string name) =>
        new(name + Guid.NewGuid().ToString("N")[..6], name, name, TenantState.Running, name, [], "vi-VN", "Asia/Ho_Chi_Minh", "default", null, null);

    internal static MemoryDistributedCache Memory() => new(Options.Create(new MemoryDistributedCacheOptions()));
}

public sealed class InProcessCacheContractTests : CacheContractTests
{
    private readonly MemoryDistributedCache _cache = Memory();
    private readonly InProcessLock _lock = new(TimeProvider.System);

    protected override ((IDistributedCache, IDistributedLock), (IDistributedCache, IDistributedLock)) CreateNodes() => ((_cache, _lock), (_cache, _lock));
}

public sealed class RedisCacheContractTests : CacheContractTests
{
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";

    protected override ((IDistributedCache, IDistributedLock), (IDistributedCache, IDistributedLock)) CreateNodes() => (Node(), Node());

    [Fact]
    public async Task Cache_WhenRedisIsDown_KeepsEntriesInThisNode()
    {
        var down = new RedisDistributedCache(RedisNodes.Connection(_prefix, "127.0.0.1:1,connectTimeout=300"), NullLogger<RedisDistributedCache>.Instance);
        var options = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) };

        await down.SetAsync("k", [42], options);

        Assert.Equal([42], await down.GetAsync("k"));
        await down.RemoveAsync("k");
        Assert.Null(await down.GetAsync("k"));
    }

    private (IDistributedCache Cache, IDistributedLock Locks) Node() =>
        (new RedisDistributedCache(RedisNodes.Connection(_prefix), NullLogger<RedisDistributedCache>.Instance),
         new RedisLock(RedisNodes.Connection(_prefix), new InProcessLock(TimeProvider.System), NullLogger<RedisLock>.Instance));
}
