using Microsoft.EntityFrameworkCore;

namespace Platform.Core.Tenancy;

/// <summary>Thrown when an operator's request breaks a rule; carries the errors by field.</summary>
public sealed class TenantValidationException(IReadOnlyDictionary<string, string> errors)
    : Exception(string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")))
{
    /// <summary>Errors by field.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}

/// <summary>Changes to the catalog. Every change moves the version stamp in the same transaction.</summary>
public sealed class TenantCatalogStore(PlatformDbContext db, TenantCatalog catalog, TimeProvider clock)
{
    /// <summary>Adds an Uninitialized tenant after checking it against the rules and the other tenants.</summary>
    public async Task<TenantInfo> CreateAsync(TenantDraft draft, string displayName, string? databaseConnectionString, string? recipePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await catalog.RefreshAsync(cancellationToken);
        var errors = TenantNameRules.Validate(draft, catalog.Current.Tenants);
        if (errors.Count > 0)
        {
            throw new TenantValidationException(errors);
        }

        var now = clock.GetUtcNow();
        var record = new TenantRecord
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Name = draft.Name,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? draft.Name : displayName.Trim(),
            State = TenantState.Uninitialized,
            Prefix = string.IsNullOrEmpty(draft.Prefix) ? null : draft.Prefix,
            Hosts = draft.Hosts.Select(h => new TenantHost { Host = TenantNameRules.NormalizeHost(h) }).ToList(),
            Culture = draft.Culture,
            TimeZone = draft.TimeZone,
            DatabaseConnectionString = string.IsNullOrWhiteSpace(databaseConnectionString) ? null : databaseConnectionString,
            RecipePath = recipePath,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tenants.Add(record);
        await SaveWithNewVersionAsync(record, cancellationToken);
        return record.ToInfo();
    }

    /// <summary>Moves a tenant to another state, recording the error of a failed setup.</summary>
    public Task<TenantInfo> SetStateAsync(string name, TenantState state, string? error, CancellationToken cancellationToken) =>
        ChangeAsync(name, r =>
        {
            r.State = state;
            r.LastError = error;
        }, cancellationToken);

    /// <summary>Changes display name, culture, time zone or theme; null leaves a value as it is.</summary>
    public Task<TenantInfo> UpdateSettingsAsync(string name, string? displayName, string? culture, string? timeZone, string? theme, CancellationToken cancellationToken) =>
        ChangeAsync(name, r =>
        {
            var draft = new TenantDraft
            {
                Name = r.Name,
                Prefix = r.Prefix,
                Hosts = r.Hosts.Select(h => h.Host).ToList(),
                Culture = culture ?? r.Culture,
                TimeZone = timeZone ?? r.TimeZone,
                IsUpdate = true,
            };
            var errors = TenantNameRules.Validate(draft, []);
            if (errors.Count > 0)
            {
                throw new TenantValidationException(errors);
            }

            r.DisplayName = string.IsNullOrWhiteSpace(displayName) ? r.DisplayName : displayName.Trim();
            r.Culture = draft.Culture;
            r.TimeZone = draft.TimeZone;
            r.Theme = string.IsNullOrWhiteSpace(theme) ? r.Theme : theme;
        }, cancellationToken);

    /// <summary>The stored record of a tenant, or null.</summary>
    public Task<TenantRecord?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Tenants.Include(t => t.Hosts).SingleOrDefaultAsync(t => t.Name == name, cancellationToken);

    /// <summary>The setup log of a tenant, oldest first.</summary>
    public Task<List<TenantSetupStep>> SetupLogAsync(string tenantId, CancellationToken cancellationToken) =>
        db.SetupSteps.AsNoTracking().Where(s => s.TenantRecordId == tenantId).OrderBy(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>Appends a step to the setup log.</summary>
    public async Task LogStepAsync(TenantSetupStep step, CancellationToken cancellationToken)
    {
        db.SetupSteps.Add(step);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<TenantInfo> ChangeAsync(string name, Action<TenantRecord> change, CancellationToken cancellationToken)
    {
        // Setup steps change the record through other scopes: always start from the stored row.
        db.ChangeTracker.Clear();
        var record = await FindAsync(name, cancellationToken)
            ?? throw new TenantValidationException(new Dictionary<string, string> { ["name"] = $"Không có tenant tên '{name}'." });
        change(record);
        record.UpdatedAt = clock.GetUtcNow();
        await SaveWithNewVersionAsync(record, cancellationToken);
        return record.ToInfo();
    }

    private async Task SaveWithNewVersionAsync(TenantRecord record, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // One atomic increment: concurrent writers on other nodes each get their own version.
            await db.CatalogStamps.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
            record.Version = await db.CatalogStamps.Where(s => s.Id == 1).Select(s => s.Version).SingleAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await catalog.RefreshAsync(cancellationToken);
    }
}
