using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Core.Tenancy;

/// <summary>
/// The in-memory catalog every request resolves against. It holds a whole snapshot, so "no such tenant"
/// is answered from memory too; it reloads when the version stamp in the database moves, which the
/// background refresher checks every <see cref="PlatformOptions.CatalogRefreshInterval"/>.
/// </summary>
public sealed class TenantCatalog(IServiceScopeFactory scopes, ILogger<TenantCatalog> logger) : IDisposable
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile TenantCatalogSnapshot _snapshot = TenantCatalogSnapshot.Empty;

    /// <summary>The current snapshot.</summary>
    public TenantCatalogSnapshot Current => _snapshot;

    /// <inheritdoc />
    public void Dispose() => _reload.Dispose();

    /// <summary>Reloads the snapshot when the stored version differs from the one in memory.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var version = await db.CatalogStamps.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Version).SingleAsync(cancellationToken);
            if (version == _snapshot.Version)
            {
                return;
            }

            var records = await db.Tenants.AsNoTracking().Include(t => t.Hosts).OrderBy(t => t.Name).ToListAsync(cancellationToken);
            _snapshot = new TenantCatalogSnapshot(records.Select(r => r.ToInfo()).ToList(), version);
            logger.LogInformation("Tenant catalog loaded at version {Version}: {Count} tenant(s)", version, records.Count);
        }
        finally
        {
            _reload.Release();
        }
    }
}

/// <summary>Polls the catalog's version stamp so that changes from the CLI or other nodes arrive without a restart.</summary>
internal sealed partial class TenantCatalogRefresher(TenantCatalog catalog, IOptions<PlatformOptions> options, ILogger<TenantCatalogRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CatalogRefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await catalog.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Tenant catalog refresh failed; serving the last snapshot");
            }
        }
    }
}
