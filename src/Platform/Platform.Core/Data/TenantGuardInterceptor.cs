using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Core.Data;

/// <summary>
/// Stamps new tenant-owned rows with the scope's tenant and throws when a row of another tenant is
/// about to be written: the second wall behind the query filters.
/// </summary>
public sealed class TenantGuardInterceptor : SaveChangesInterceptor
{
    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Guard(eventData.Context);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Guard(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Guard(DbContext? context)
    {
        if (context is not IModuleDbContext module)
        {
            return;
        }

        var current = module.CurrentTenantId;
        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.State == EntityState.Added && string.IsNullOrEmpty(entry.Entity.TenantId))
            {
                entry.Entity.TenantId = current;
            }

            var original = entry.State == EntityState.Added
                ? entry.Entity.TenantId
                : entry.OriginalValues.GetValue<string>(nameof(ITenantOwned.TenantId));
            if (!string.Equals(entry.Entity.TenantId, current, StringComparison.Ordinal)
                || !string.Equals(original, current, StringComparison.Ordinal))
            {
                throw new CrossTenantWriteException(entry.Metadata.ClrType.Name, entry.Entity.TenantId, current);
            }
        }
    }
}

/// <summary>Thrown when a write would touch a row of another tenant.</summary>
public sealed class CrossTenantWriteException(string entity, string rowTenant, string scopeTenant)
    : InvalidOperationException($"Refused to write a {entity} of tenant '{rowTenant}' from the scope of tenant '{scopeTenant}'.");
