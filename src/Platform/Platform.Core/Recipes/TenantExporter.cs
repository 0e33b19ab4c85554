using System.Text.Json;
using Platform.Core.Tenancy;

namespace Platform.Core.Recipes;

/// <summary>Writes a recipe folder that recreates a tenant: each module exports its own steps.</summary>
public sealed class TenantExporter(TenantCatalog catalog, TenantScopeFactory scopes, IEnumerable<IRecipeExporter> exporters)
{
    /// <summary>Exports <paramref name="name"/> into <paramref name="folder"/> (created if missing).</summary>
    public async Task<string> ExportAsync(string name, string folder, CancellationToken cancellationToken)
    {
        await catalog.RefreshAsync(cancellationToken);
        var tenant = catalog.Current.FindByName(name)
            ?? throw new TenantValidationException(new Dictionary<string, string> { ["name"] = $"Không có tenant tên '{name}'." });
        var full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        var steps = new List<object>();
        await using (var scope = scopes.CreateScope(tenant))
        {
            foreach (var exporter in exporters.OrderBy(e => e.Order))
            {
                // Serialize by runtime type so each step keeps its own fields.
                steps.AddRange(await exporter.ExportAsync(tenant, full, scope.ServiceProvider, cancellationToken));
            }
        }

        var recipe = new Dictionary<string, object>
        {
            ["displayName"] = tenant.DisplayName,
            ["description"] = $"Exported from tenant '{tenant.Name}'.",
            ["steps"] = steps,
        };
        var file = Path.Combine(full, "recipe.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(recipe, RecipeReader.JsonOptions), cancellationToken);
        return file;
    }
}
