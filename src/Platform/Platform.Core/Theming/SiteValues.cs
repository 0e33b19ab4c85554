using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Platform.Core.Theming;

/// <summary>
/// What every rendered page of a tenant reads (its settings, its menu), kept per node as its cached pages are: until a
/// change of the tenant's site invalidates it (<see cref="SiteCache.InvalidateAsync"/>, on this node at once and on the
/// others through the bus), at most <see cref="SiteCache.Lifetime"/>. A page that cannot be output-cached (a look-up, a
/// signed-in contestant's page) then asks the database only for its own content.
/// </summary>
public sealed class SiteValues : IDisposable
{
    private readonly MemoryCache _values = new(new MemoryCacheOptions());
    private readonly ConcurrentDictionary<string, int> _generations = new(StringComparer.Ordinal);

    /// <summary>The tenant's value named <paramref name="name"/>, loaded by <paramref name="load"/> when not kept.</summary>
    public async Task<T> GetOrLoadAsync<T>(string tenantId, string name, Func<Task<T>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        // The generation is read before loading: a value loaded across an invalidation is stored where nobody looks.
        var key = $"{tenantId}|{_generations.GetValueOrDefault(tenantId)}|{name}";
        if (_values.TryGetValue(key, out T? value))
        {
            return value!;
        }

        value = await load();
        _values.Set(key, value, SiteCache.Lifetime);
        return value;
    }

    /// <summary>Forgets what is kept of a tenant.</summary>
    public void Forget(string tenantId) => _generations.AddOrUpdate(tenantId, 1, (_, generation) => generation + 1);

    /// <inheritdoc />
    public void Dispose() => _values.Dispose();
}
