using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Contests;
using Platform.Core.Localization;
using Results.Statistics;

namespace Results.Pages.Admin.Statistics;

/// <summary>The daily participation bulletin of a contest, on the page and as an Excel workbook.</summary>
[Authorize(Policy = ResultsModule.ManageResults)]
public sealed class BulletinModel(IContestData contests, ContestStatistics statistics, AdminText t) : PageModel
{
    /// <summary>The day asked for, <c>yyyy-MM-dd</c>; today in the tenant's calendar when absent.</summary>
    [BindProperty(SupportsGet = true, Name = "date")]
    public string? Date { get; set; }

    public ContestTerms Contest { get; private set; } = null!;

    public ParticipationBulletin Bulletin { get; private set; } = null!;

    public string? Error { get; private set; }

    public DateOnly Opens { get; private set; }

    public DateOnly Closes { get; private set; }

    public DateTimeOffset ComputedAt { get; private set; }

    /// <summary>The day as the date input wants it.</summary>
    public string DayValue => Bulletin.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } problem)
        {
            return problem;
        }

        return Page();
    }

    public async Task<IActionResult> OnGetExcelAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (Error is not null)
        {
            return BadRequest(Error);
        }

        // A bulletin is a few hundred rows: built in memory, because the zip writer finishes with synchronous writes.
        var stream = new MemoryStream();
        BulletinWorkbook.Write(stream, Contest.Title, Bulletin);
        stream.Position = 0;
        return File(stream, BulletinWorkbook.ContentType, BulletinWorkbook.FileName(Contest.Slug, Bulletin.Day));
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var contest = await contests.FindContestAsync(slug, cancellationToken);
        if (contest is null)
        {
            return NotFound();
        }

        var day = statistics.Today;
        if (!string.IsNullOrEmpty(Date))
        {
            if (DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked))
            {
                day = asked;
            }
            else
            {
                Error = t["Ngày không hợp lệ; đang hiển thị hôm nay."];
            }
        }

        Contest = contest;
        Opens = DateOnly.FromDateTime(statistics.ToLocal(contest.OpensAt).DateTime);

        // A contest closing at 24:00 closes at 00:00 of the next day: its last day is the day before.
        Closes = DateOnly.FromDateTime(statistics.ToLocal(contest.ClosesAt).AddTicks(-1).DateTime);
        ComputedAt = statistics.Now;
        Bulletin = await statistics.BulletinAsync(contest, day, cancellationToken);
        return null;
    }
}
