using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Tenancy;
using Quiz.Data;

namespace Quiz.Pages.Admin.Contests;

/// <summary>The tenant's contests with their windows and how many attempts they have.</summary>
[Authorize(Policy = QuizModule.ManageContests)]
public sealed class IndexModel(QuizDbContext db, ITenantContext tenant, TimeProvider clock) : PageModel
{
    public sealed record Row(string Slug, string Title, DateTimeOffset Opens, DateTimeOffset Closes, string State, int Attempts, bool Practice);

    public List<Row> Rows { get; } = [];

    public string ZoneLabel => tenant.Tenant!.TimeZone;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var counts = await db.Attempts.GroupBy(a => a.ContestId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        foreach (var c in await db.Contests.AsNoTracking().OrderByDescending(c => c.OpensAt).ToListAsync())
        {
            var state = now < c.OpensAt ? "Sắp mở" : now >= c.ClosesAt ? "Đã đóng" : "Đang mở";
            Rows.Add(new Row(c.Slug, c.Title, tenant.Tenant!.ToLocal(c.OpensAt), tenant.Tenant!.ToLocal(c.ClosesAt), state, counts.GetValueOrDefault(c.Id), c.IsPractice));
        }
    }
}
