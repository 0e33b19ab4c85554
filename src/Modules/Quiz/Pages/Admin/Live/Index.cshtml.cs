using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Tenancy;
using Quiz.Attempts;
using Quiz.Data;

namespace Quiz.Pages.Admin.Live;

/// <summary>
/// Live counts while contests run (deadline night): per contest open now or closed within the hour, the attempts in
/// progress, how many of them saved an answer in the last minute, starts and finishes in the last five minutes and the
/// entries so far. Read from the database, so every node shows the same; the page refreshes itself every 10 seconds.
/// </summary>
[Authorize(Policy = QuizModule.ManageContests)]
internal sealed class IndexModel(QuizDbContext db, LiveLeaderboard leaderboard, ITenantContext tenant, TimeProvider clock) : PageModel
{
    public sealed record Row(string Slug, string Title, bool Open, int InProgress, int AnsweringLastMinute, int StartedLast5, int FinishedLast5, int Entries);

    public sealed record Board(string ContestTitle, string Group, IReadOnlyList<LiveLine> Lines);

    public List<Row> Rows { get; } = [];

    public List<Board> Boards { get; } = [];

    public string AsOf { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        AsOf = tenant.Tenant!.ToLocal(now).ToString("dd/MM/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var recent = now.AddHours(-1);
        var contests = await db.Contests.AsNoTracking().Where(c => c.OpensAt <= now && c.ClosesAt >= recent)
            .OrderBy(c => c.ClosesAt).Select(c => new { c.Id, c.Slug, c.Title, c.ClosesAt, c.Groups, c.IsPractice }).ToListAsync(cancellationToken);
        var minute = now.AddMinutes(-1);
        var five = now.AddMinutes(-5);
        foreach (var c in contests)
        {
            var attempts = db.Attempts.AsNoTracking().Where(a => a.ContestId == c.Id);
            var inProgress = attempts.Where(a => a.State == AttemptState.InProgress);
            Rows.Add(new Row(
                c.Slug,
                c.Title,
                c.ClosesAt > now,
                await inProgress.CountAsync(cancellationToken),
                await inProgress.CountAsync(a => a.LastAnswerAt > minute, cancellationToken),
                await attempts.CountAsync(a => a.StartedAt > five, cancellationToken),
                await attempts.CountAsync(a => a.State != AttemptState.InProgress && a.FinalizedAt > five, cancellationToken),
                await attempts.CountAsync(a => a.State != AttemptState.InProgress, cancellationToken)));
            if (!c.IsPractice)
            {
                foreach (var group in c.Groups)
                {
                    Boards.Add(new Board(c.Title, group.Name, await leaderboard.TopAsync(c.Id, group.Code, 10, cancellationToken)));
                }
            }
        }
    }
}
