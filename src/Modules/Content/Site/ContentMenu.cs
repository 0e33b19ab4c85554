using Content.Data;
using Content.Publishing;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Theming;

namespace Content.Site;

/// <summary>The site menu from the menu editor; a link's key is its path inside the site (<c>the-le</c>, <c>tin-tuc</c>).</summary>
internal sealed class ContentMenu(ContentDbContext db) : ISiteMenu
{
    public async Task<IReadOnlyList<MenuLink>> GetAsync(string baseUrl, CancellationToken cancellationToken)
    {
        var items = await db.Menu.AsNoTracking().OrderBy(m => m.Position).Select(m => new { m.Title, m.Url }).ToListAsync(cancellationToken);
        return items.Select(m => new MenuLink(m.Title, ContentHtml.ResolveUrl(m.Url, baseUrl), m.Url.StartsWith("~/", StringComparison.Ordinal) ? m.Url[2..].Split('/', '?')[0] : m.Url)).ToList();
    }
}
