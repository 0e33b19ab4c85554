using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Platform.Core.Settings;

/// <summary>The <c>settings</c> step: culture, time zone, theme and site values.</summary>
public sealed class SettingsStepData : RecipeStepData
{
    /// <summary>Culture, for example <c>vi-VN</c>.</summary>
    public string? Culture { get; set; }

    /// <summary>IANA time zone, for example <c>Asia/Ho_Chi_Minh</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Theme folder under <c>themes/</c>.</summary>
    public string? Theme { get; set; }

    /// <summary>Site values by key (organiser, contact, footer, ...).</summary>
    public Dictionary<string, string>? Values { get; set; }
}

/// <summary>Applies the <c>settings</c> step.</summary>
internal sealed class SettingsStep : RecipeStep<SettingsStepData>
{
    public override string Name => "settings";

    protected override async Task RunAsync(SettingsStepData data, RecipeContext context, CancellationToken cancellationToken)
    {
        var themes = context.Services.GetRequiredService<Theming.ThemeCatalog>();
        if (data.Theme is not null && !themes.Exists(data.Theme))
        {
            throw new RecipeException($"theme '{data.Theme}' does not exist (known: {string.Join(", ", themes.Names)}).");
        }

        var store = context.Services.GetRequiredService<TenantCatalogStore>();
        await store.UpdateSettingsAsync(context.Tenant.Name, null, data.Culture, data.TimeZone, data.Theme, cancellationToken);
        if (data.Values is { Count: > 0 })
        {
            var settings = context.Services.GetRequiredService<SiteSettings>();
            await settings.SetAsync(data.Values, cancellationToken);
        }

        await context.Services.GetRequiredService<Theming.SiteCache>().InvalidateAsync(context.Tenant, cancellationToken);
    }
}

/// <summary>Exports the catalog settings and site values.</summary>
internal sealed class SettingsExporter : IRecipeExporter
{
    public int Order => 0;

    public async Task<IReadOnlyList<RecipeStepData>> ExportAsync(TenantInfo tenant, string folder, IServiceProvider services, CancellationToken cancellationToken)
    {
        var values = await services.GetRequiredService<SiteSettings>().GetAllAsync(cancellationToken);
        return [new SettingsStepData { Name = "settings", Culture = tenant.Culture, TimeZone = tenant.TimeZone, Theme = tenant.Theme, Values = values.Count > 0 ? new Dictionary<string, string>(values) : null }];
    }
}

/// <summary>Reads and writes the current tenant's site values.</summary>
public sealed class SiteSettings(SettingsDbContext db)
{
    /// <summary>All values of the current tenant.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking().OrderBy(s => s.Key).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);

    /// <summary>Adds or replaces values.</summary>
    public async Task SetAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var keys = values.Keys.ToList();
        var existing = await db.Settings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        foreach (var (key, value) in values)
        {
            if (existing.TryGetValue(key, out var row))
            {
                row.Value = value;
            }
            else
            {
                db.Settings.Add(new TenantSetting { Key = key, Value = value });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
