using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Core.Distributed;
using Platform.Core.Hosting;
using Platform.Core.Tenancy;

namespace Platform.Core.Recipes;

/// <summary>
/// On a start with an empty catalog, sets up every folder of <see cref="PlatformOptions.AutoSetup"/> as a
/// tenant named after the folder, in the background so that the site answers 503 meanwhile. A tenant of
/// those folders left unfinished by an earlier start is finished. Nodes started together on an empty catalog take
/// turns (a lock across nodes): the first creates the tenants, the others then find them and leave them be.
/// </summary>
internal sealed class AutoSetupService(
    TenantCatalog catalog,
    TenantScopeFactory scopes,
    IDistributedLock locks,
    TimeProvider clock,
    IOptions<PlatformOptions> options,
    IHostEnvironment environment,
    ILogger<AutoSetupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folders = options.Value.AutoSetup;
        if (folders.Count == 0)
        {
            return;
        }

        IAsyncDisposable turn;
        try
        {
            turn = await locks.AcquireAsync("auto-setup", TenantSetupService.SetupLease, TenantSetupService.SetupLease, clock, stoppingToken);
        }
        catch (TimeoutException e)
        {
            logger.LogError(e, "Auto-setup skipped: another node has been setting up for {Minutes} minutes", TenantSetupService.SetupLease.TotalMinutes);
            return;
        }

        await using var held = turn;
        await catalog.RefreshAsync(stoppingToken);
        var firstStart = catalog.Current.Tenants.Count == 0;
        foreach (var configured in folders)
        {
            var folder = ContentPaths.FindFolder(configured, environment.ContentRootPath);
            if (folder is null)
            {
                logger.LogError("Auto-setup recipe folder {Folder} not found", configured);
                continue;
            }

            var name = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar)).ToLowerInvariant();
            var existing = catalog.Current.FindByName(name);
            if ((existing is null && !firstStart) || existing?.State is TenantState.Running or TenantState.Disabled)
            {
                continue;
            }

            try
            {
                await using var scope = scopes.CreateScope(null);
                var setup = scope.ServiceProvider.GetRequiredService<TenantSetupService>();
                var output = new StringWriter();
                var tenant = existing is null
                    ? await setup.CreateAsync(new CreateTenantRequest(name, folder, name, [], null), output, stoppingToken)
                    : await setup.SetupAsync(name, output, stoppingToken);
                foreach (var line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    Console.WriteLine(line);
                }

                logger.LogInformation("Auto-setup of {Tenant} finished: {State}", tenant.Name, tenant.State);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Auto-setup of {Folder} failed", folder);
            }
        }
    }
}
