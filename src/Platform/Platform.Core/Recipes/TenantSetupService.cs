using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Platform.Core.Data;
using Platform.Core.Distributed;
using Platform.Core.Tenancy;

namespace Platform.Core.Recipes;

/// <summary>What an operator asks for when creating a tenant from a recipe.</summary>
/// <param name="Name">Unique slug.</param>
/// <param name="RecipeFolder">Folder holding recipe.json.</param>
/// <param name="Prefix">Path prefix; null means the name, empty means host names only.</param>
/// <param name="Hosts">Host names.</param>
/// <param name="DatabaseConnectionString">Dedicated database, or null.</param>
public sealed record CreateTenantRequest(string Name, string RecipeFolder, string? Prefix, IReadOnlyList<string> Hosts, string? DatabaseConnectionString);

/// <summary>Thrown when a setup step fails; the tenant stays Uninitialized with the error recorded.</summary>
public sealed class TenantSetupException(string message, Exception inner) : Exception(message, inner);

/// <summary>Creates tenants from recipes and runs their setup: a retryable, logged sequence of steps.</summary>
public sealed class TenantSetupService(
    RecipeReader reader,
    TenantCatalogStore store,
    TenantScopeFactory scopes,
    DatabaseMigrator migrator,
    IDistributedLock locks,
    TimeProvider clock,
    ILogger<TenantSetupService> logger)
{
    /// <summary>
    /// How long one setup may hold a tenant's setup lock, and how long another setup of it waits: a recipe with a
    /// large question bank sets up in seconds, and a node that dies mid-setup frees the tenant when this runs out.
    /// </summary>
    public static readonly TimeSpan SetupLease = TimeSpan.FromMinutes(10);

    /// <summary>The lock a tenant's setup holds across all nodes.</summary>
    public static string SetupLockName(string tenantName) => "tenant-setup:" + tenantName;

    /// <summary>Checks the recipe, adds the tenant to the catalog and sets it up.</summary>
    public async Task<TenantInfo> CreateAsync(CreateTenantRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recipe = reader.Read(request.RecipeFolder);
        var draft = new TenantDraft
        {
            Name = request.Name,
            Prefix = request.Prefix ?? request.Name,
            Hosts = request.Hosts.Select(TenantNameRules.NormalizeHost).ToList(),
        };
        await store.CreateAsync(draft, recipe.DisplayName, request.DatabaseConnectionString, recipe.Folder, cancellationToken);
        return await SetupAsync(request.Name, output, cancellationToken);
    }

    /// <summary>
    /// Runs (or finishes) a tenant's setup: steps that already succeeded are skipped, the rest run in order.
    /// On failure the tenant goes back to Uninitialized with the error, and running this again goes on from there.
    /// One setup of a tenant runs at a time across all nodes; another waits for it and then finds the tenant running.
    /// </summary>
    public async Task<TenantInfo> SetupAsync(string name, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using (await locks.AcquireAsync(SetupLockName(name), SetupLease, SetupLease, clock, cancellationToken))
        {
            var record = await store.FindAsync(name, cancellationToken)
                ?? throw new TenantValidationException(new Dictionary<string, string> { ["name"] = $"Không có tenant tên '{name}'." });
            if (record.State is TenantState.Running or TenantState.Disabled)
            {
                return record.ToInfo();
            }

            var recipe = reader.Read(record.RecipePath ?? throw new RecipeException($"Tenant '{name}' has no recipe to set up from."));
            var tenant = await store.SetStateAsync(name, TenantState.Initializing, null, cancellationToken);
            var done = (await store.SetupLogAsync(tenant.Id, cancellationToken))
                .Where(s => s.Outcome == "Succeeded")
                .Select(s => (s.Index, s.Name))
                .ToHashSet();
            try
            {
                await migrator.MigrateTenantAsync(tenant, cancellationToken);
                foreach (var step in recipe.Steps)
                {
                    if (done.Contains((step.Index, step.Data.Name)))
                    {
                        continue;
                    }

                    await RunStepAsync(tenant, recipe, step, output, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var message = ex is TenantSetupException ? ex.Message : $"Thiết lập thất bại: {ex.Message}";
                await store.SetStateAsync(name, TenantState.Uninitialized, message, CancellationToken.None);
                throw ex as TenantSetupException ?? new TenantSetupException(message, ex);
            }

            logger.LogInformation("Tenant {Tenant} set up from {Recipe}", name, recipe.Folder);
            return await store.SetStateAsync(name, TenantState.Running, null, cancellationToken);
        }
    }

    private async Task RunStepAsync(TenantInfo tenant, Recipe recipe, RecipeStepEntry step, TextWriter output, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        try
        {
            // Each step gets a fresh scope, so one step's tracked entities never leak into the next.
            await using var scope = scopes.CreateScope(tenant);
            await step.Handler.ExecuteAsync(step.Data, new RecipeContext(tenant, recipe.Folder, scope.ServiceProvider, output), cancellationToken);
            await store.LogStepAsync(new TenantSetupStep { TenantRecordId = tenant.Id, Index = step.Index, Name = step.Data.Name, Outcome = "Succeeded", StartedAt = started, DurationMs = watch.Elapsed.TotalMilliseconds }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var message = $"Bước {step.Index} '{step.Data.Name}': {ex.Message}";
            logger.LogError(ex, "Setup of {Tenant} failed at step {Index} {Step}", tenant.Name, step.Index, step.Data.Name);
            await store.LogStepAsync(new TenantSetupStep { TenantRecordId = tenant.Id, Index = step.Index, Name = step.Data.Name, Outcome = "Failed", Error = ex.Message, StartedAt = started, DurationMs = watch.Elapsed.TotalMilliseconds }, CancellationToken.None);
            throw new TenantSetupException(message, ex);
        }
    }
}
