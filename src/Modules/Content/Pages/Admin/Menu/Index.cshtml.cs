using System.Globalization;
using System.Text.RegularExpressions;
using Content.Data;
using Content.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Audit;
using Platform.Core.Localization;

namespace Content.Pages.Admin.Menu;

/// <summary>The site menu as text, a link per line ("Tiêu đề | ~/duong-dan"), saved as a whole.</summary>
[Authorize(Policy = ContentModule.ManageContent)]
internal sealed partial class IndexModel(ContentDbContext db, ContentService content, AdminText t) : PageModel
{
    public sealed record Link(string Title, string Url, string Href);

    [BindProperty]
    public string? Text { get; set; }

    /// <summary>The menu as saved.</summary>
    public List<Link> Current { get; } = [];

    public List<string> Errors { get; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Text = string.Join('\n', Current.Select(l => $"{l.Title} | {l.Url}"));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var links = new List<MenuInput>();
        var lines = new List<int>();
        var number = 0;
        foreach (var raw in (Text ?? string.Empty).Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var bar = line.LastIndexOf('|');
            if (bar < 0)
            {
                Errors.Add(t.F("Dòng {0} ('{1}'): thiếu dấu | giữa tiêu đề và đường dẫn.", number, line));
                continue;
            }

            links.Add(new MenuInput(line[..bar].Trim(), line[(bar + 1)..].Trim()));
            lines.Add(number);
        }

        if (Errors.Count == 0)
        {
            try
            {
                await content.SaveMenuAsync(links, AuditLog.ActorOf(User), cancellationToken);
                Message = links.Count == 0 ? t["Đã xoá menu: trang công khai hiện các liên kết mặc định."] : t.F("Đã lưu menu ({0} liên kết).", links.Count);
                return Redirect($"{Request.PathBase}/admin/content/menu");
            }
            catch (ContentValidationException e)
            {
                // menu[i].title / menu[i].url: the i-th link, counted among non-empty lines.
                var match = LinkField().Match(e.Field);
                var index = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1 : -1;
                var title = match.Success && match.Groups[2].Value == "title";
                Errors.Add(index < 0 || index >= lines.Count ? e.Message
                    : title ? t.F("Dòng {0}: tiêu đề: {1}", lines[index], e.Message)
                    : t.F("Dòng {0}: {1}", lines[index], e.Message));
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var items = await db.Menu.AsNoTracking().OrderBy(m => m.Position).Select(m => new { m.Title, m.Url }).ToListAsync(cancellationToken);
        Current.AddRange(items.Select(m => new Link(m.Title, m.Url, ContentHtml.ResolveUrl(m.Url, Request.PathBase.Value ?? string.Empty))));
    }

    [GeneratedRegex(@"^menu\[(\d+)\]\.(title|url)$")]
    private static partial Regex LinkField();
}
