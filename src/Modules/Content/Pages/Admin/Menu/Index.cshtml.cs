using System.Globalization;
using System.Text.RegularExpressions;
using Content.Data;
using Content.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Audit;

namespace Content.Pages.Admin.Menu;

/// <summary>The site menu as text, a link per line ("Tiêu đề | ~/duong-dan"), saved as a whole.</summary>
[Authorize(Policy = ContentModule.ManageContent)]
internal sealed partial class IndexModel(ContentDbContext db, ContentService content) : PageModel
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
                Errors.Add($"Dòng {number} ('{line}'): thiếu dấu | giữa tiêu đề và đường dẫn.");
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
                Message = links.Count == 0 ? "Đã xoá menu: trang công khai hiện các liên kết mặc định." : $"Đã lưu menu ({links.Count} liên kết).";
                return Redirect($"{Request.PathBase}/admin/content/menu");
            }
            catch (ContentValidationException e)
            {
                // menu[i].title / menu[i].url: the i-th link, counted among non-empty lines.
                var match = LinkField().Match(e.Field);
                var index = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1 : -1;
                var what = match.Success && match.Groups[2].Value == "title" ? "tiêu đề: " : string.Empty;
                Errors.Add(index >= 0 && index < lines.Count ? $"Dòng {lines[index]}: {what}{e.Message}" : e.Message);
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
