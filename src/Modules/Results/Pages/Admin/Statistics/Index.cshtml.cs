using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Contests;
using Results.Statistics;

namespace Results.Pages.Admin.Statistics;

/// <summary>Participation, distributions and item analysis of a contest or one of its rounds, for organisers.</summary>
[Authorize(Policy = ResultsModule.ManageResults)]
public sealed class IndexModel(IContestData contests, ContestStatistics statistics) : PageModel
{
    /// <summary>Round shown, 0 for every round.</summary>
    [BindProperty(SupportsGet = true, Name = "round")]
    public int Round { get; set; }

    public ContestTerms Contest { get; private set; } = null!;

    public StatisticsReport Report { get; private set; } = null!;

    /// <summary>When computed, in the tenant's time zone.</summary>
    public DateTimeOffset ComputedAt { get; private set; }

    public DateTimeOffset Opens { get; private set; }

    public DateTimeOffset Closes { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var contest = await contests.FindContestAsync(slug, cancellationToken);
        if (contest is null || (Round != 0 && contest.Rounds.All(r => r.Number != Round)))
        {
            return NotFound();
        }

        Contest = contest;
        var window = Round == 0 ? (contest.OpensAt, contest.ClosesAt) : contest.Rounds.Where(r => r.Number == Round).Select(r => (r.OpensAt, r.ClosesAt)).Single();
        Opens = statistics.ToLocal(window.Item1);
        Closes = statistics.ToLocal(window.Item2);
        ComputedAt = statistics.Now;
        Report = await statistics.ComputeAsync(contest, Round, cancellationToken);
        return Page();
    }
}
