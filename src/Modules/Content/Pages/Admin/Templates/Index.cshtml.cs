using Content.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Localization;
using Platform.Core.Tenancy;
using Platform.Core.Theming;

namespace Content.Pages.Admin.Templates;

/// <summary>The templates a tenant may override (its theme's and Default's), with their overrides and drafts.</summary>
[Authorize(Policy = ContentModule.ManageContent)]
internal sealed class IndexModel(TemplateEditor editor, ThemeCatalog themes, ITenantContext tenant, AdminText t) : PageModel
{
    /// <param name="Name">Template name (file name without .liquid).</param>
    /// <param name="From">The theme its source comes from.</param>
    /// <param name="Live">Whether a live override replaces the theme's.</param>
    /// <param name="Draft">Whether a draft is waiting.</param>
    /// <param name="Changed">Last change of the override (tenant time, by whom), if any.</param>
    public sealed record Row(string Name, string From, bool Live, bool Draft, string? Changed);

    public List<Row> Rows { get; } = [];

    public string Theme => tenant.Tenant!.Theme;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var overrides = (await editor.ListAsync(cancellationToken)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var (name, from) in Names(themes, Theme))
        {
            var row = overrides.GetValueOrDefault(name);
            Rows.Add(new Row(name, from, row?.Source is not null, row?.Draft is not null, row is null ? null : t.F("{0} bởi {1}", ContentAdmin.Time(tenant.Tenant!, row.UpdatedAt), row.UpdatedBy)));
        }
    }

    /// <summary>The template names of the tenant's theme and of Default, each with the theme whose file is used.</summary>
    public static IEnumerable<(string Name, string From)> Names(ThemeCatalog themes, string theme)
    {
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { theme, ThemeCatalog.DefaultTheme })
        {
            var path = Path.Combine(themes.Root, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path, "*.liquid"))
            {
                names.TryAdd(Path.GetFileNameWithoutExtension(file), folder);
            }
        }

        return names.Select(n => (n.Key, n.Value));
    }
}
