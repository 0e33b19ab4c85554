using Fluid;
using Platform.Core.Tenancy;

namespace Platform.Core.Theming;

/// <summary>
/// A tenant's own templates, stored in its database and edited in admin: the first place the renderer looks, before the
/// tenant's theme and Default. Implemented by the module that owns the overrides; without it themes are used as they are.
/// </summary>
public interface ITemplateOverrides
{
    /// <summary>The tenant's live override of <paramref name="name"/> (already parsed and cached), or null.</summary>
    ValueTask<IFluidTemplate?> FindAsync(TenantInfo tenant, string name, CancellationToken cancellationToken);
}

/// <summary>A link of the site menu.</summary>
/// <param name="Title">Link text.</param>
/// <param name="Url">Address (already resolved against the tenant's base path).</param>
/// <param name="Key">What the link points at (a page's slug, <c>contests</c>, <c>news</c>, ...) so that the layout can mark the current one.</param>
public sealed record MenuLink(string Title, string Url, string Key);

/// <summary>The tenant's site menu, from the module that owns it; without it the layout shows its fixed links.</summary>
public interface ISiteMenu
{
    /// <summary>The current tenant's menu, in order.</summary>
    Task<IReadOnlyList<MenuLink>> GetAsync(string baseUrl, CancellationToken cancellationToken);
}
