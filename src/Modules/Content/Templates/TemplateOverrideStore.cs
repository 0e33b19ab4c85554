using System.Collections.Concurrent;
using Content.Data;
using Fluid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Core;
using Platform.Core.Audit;
using Platform.Core.Distributed;
using Platform.Core.Tenancy;
using Platform.Core.Theming;

namespace Content.Templates;

/// <summary>
/// The tenant's stored template overrides. Live sources are parsed once per tenant and kept; every node checks the
/// overrides' stamp (count and last change) at most once per catalog refresh interval and reloads when it moved, so an
/// override applied on one node is live on all of them within that interval (and on the node that applied it at once).
/// An override is parsed before it is stored (a broken one is refused with its line and column, and the live site keeps
/// what it had); an editor saves a draft, previews it, then publishes it.
/// </summary>
public sealed class TemplateOverrideStore(TenantScopeFactory scopes, SiteCache cache, TimeProvider clock, IOptions<PlatformOptions> options) : ITemplateOverrides
{
    private sealed record Entry(IReadOnlyDictionary<string, IFluidTemplate> Templates, Stamp Stamp, long CheckedAt);

    private readonly record struct Stamp(int Count, DateTime? LastChange);

    private readonly ConcurrentDictionary<string, Entry> _live = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<IFluidTemplate?> FindAsync(TenantInfo tenant, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (!_live.TryGetValue(tenant.Id, out var entry) || clock.GetElapsedTime(entry.CheckedAt) >= options.Value.CatalogRefreshInterval)
        {
            entry = await RefreshAsync(tenant, entry, cancellationToken);
        }

        return entry.Templates.GetValueOrDefault(name);
    }

    /// <summary>The bus channel telling every node that a tenant's overrides changed.</summary>
    public const string Channel = "template-overrides";

    /// <summary>Forgets the parsed overrides of a tenant on this node.</summary>
    public void Invalidate(string tenantId) => _live.TryRemove(tenantId, out _);

    private async Task<Entry> RefreshAsync(TenantInfo tenant, Entry? known, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        var live = db.Templates.AsNoTracking().Where(t => t.Source != null);
        var stamp = new Stamp(await live.CountAsync(cancellationToken), await live.MaxAsync(t => (DateTime?)t.UpdatedAt, cancellationToken));
        if (known is not null && known.Stamp == stamp)
        {
            return _live[tenant.Id] = known with { CheckedAt = clock.GetTimestamp() };
        }

        var parsed = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        foreach (var row in await live.Select(t => new { t.Name, t.Source }).ToListAsync(cancellationToken))
        {
            // Stored sources were parsed on save; one that no longer parses (a newer parser) falls back to the theme.
            try
            {
                parsed[row.Name] = ThemeTemplates.Parse(row.Source!, row.Name);
            }
            catch (TemplateParseException)
            {
            }
        }

        if (known is not null)
        {
            // Changed on another node: pages this node cached with the old templates go too.
            await cache.InvalidateAsync(tenant, cancellationToken);
        }

        return _live[tenant.Id] = new Entry(parsed, stamp, clock.GetTimestamp());
    }
}

/// <summary>What an editor does with overrides of the current tenant.</summary>
public sealed class TemplateEditor(ContentDbContext db, TemplateOverrideStore store, ThemeRenderer renderer, SiteCache cache, IPlatformBus bus, AuditLog audit, ITenantContext tenant, TimeProvider clock)
{
    /// <summary>The templates a tenant may override: those of its theme and Default.</summary>
    public bool IsTemplate(string name) => renderer.IsTemplate(tenant.Tenant!.Theme, name);

    /// <summary>The overrides of the tenant.</summary>
    public Task<List<TemplateOverride>> ListAsync(CancellationToken cancellationToken) =>
        db.Templates.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);

    /// <summary>The override of a template, or null.</summary>
    public Task<TemplateOverride?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, cancellationToken);

    /// <summary>The theme's own source of a template, to start from.</summary>
    public string? ThemeSource(string name) => renderer.ThemeSource(tenant.Tenant!.Theme, name);

    /// <summary>Parses and stores a draft (the live site is unchanged); throws <see cref="TemplateParseException"/> when broken.</summary>
    public async Task SaveDraftAsync(string name, string source, string actor, CancellationToken cancellationToken)
    {
        CheckName(name);
        ThemeTemplates.Parse(source, name);
        var row = await db.Templates.FirstOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (row is null)
        {
            row = new TemplateOverride { Name = name };
            db.Templates.Add(row);
        }

        row.Draft = source;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Makes the draft live.</summary>
    public async Task PublishAsync(string name, string actor, CancellationToken cancellationToken)
    {
        var row = await db.Templates.FirstOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (row?.Draft is null)
        {
            throw new InvalidOperationException($"Mẫu '{name}' không có bản nháp để áp dụng.");
        }

        ThemeTemplates.Parse(row.Draft, name);
        var before = row.Source;
        row.Source = row.Draft;
        row.Draft = null;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(actor, "template.publish", name, before, row.Source, cancellationToken);
    }

    /// <summary>Parses and stores a template and makes it live at once (recipes).</summary>
    public async Task PutLiveAsync(string name, string source, string actor, CancellationToken cancellationToken)
    {
        await SaveDraftAsync(name, source, actor, cancellationToken);
        await PublishAsync(name, actor, cancellationToken);
    }

    /// <summary>Removes the override: the theme's template is used again.</summary>
    public async Task RemoveAsync(string name, string actor, CancellationToken cancellationToken)
    {
        var row = await db.Templates.FirstOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (row is null)
        {
            return;
        }

        db.Templates.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(actor, "template.remove", name, row.Source, null, cancellationToken);
    }

    /// <summary>The templates to preview a draft with: the draft in the place of the live one.</summary>
    public static IReadOnlyDictionary<string, IFluidTemplate> PreviewSet(string name, string source) =>
        new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal) { [name] = ThemeTemplates.Parse(source, name) };

    private void CheckName(string name)
    {
        if (!IsTemplate(name))
        {
            throw new TemplateParseException($"Không có mẫu '{name}' trong giao diện {tenant.Tenant!.Theme} hay Default.", null, null);
        }
    }

    private async Task ChangedAsync(string actor, string action, string name, string? before, string? after, CancellationToken cancellationToken)
    {
        store.Invalidate(tenant.TenantId);
        await bus.PublishAsync(TemplateOverrideStore.Channel, tenant.TenantId, cancellationToken);
        await cache.InvalidateAsync(tenant.Tenant!, cancellationToken);
        await audit.WriteAsync(actor, action, $"template:{name}", before, after, cancellationToken);
    }
}

/// <summary>Drops this node's parsed overrides of a tenant when another node changed them.</summary>
internal sealed class TemplateOverrideEvictions(TemplateOverrideStore store) : IBusHandler
{
    public string Channel => TemplateOverrideStore.Channel;

    public Task HandleAsync(string message)
    {
        store.Invalidate(message);
        return Task.CompletedTask;
    }
}
