using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Contests;
using Platform.Core.Localization;
using Platform.Core.Tenancy;
using Results.Data;
using Results.Ranking;

namespace Results.Pages.Admin.Results;

/// <summary>Ranked contests with where their results are.</summary>
[Authorize(Policy = ResultsModule.ManageResults)]
public sealed class IndexModel(IContestData contests, ResultsService results, ITenantContext tenant, TimeProvider clock, AdminText t) : PageModel
{
    /// <summary>A contest line.</summary>
    public sealed record Row(string Slug, string Title, DateTimeOffset Closes, bool Closed, string? Latest);

    /// <summary>Lines.</summary>
    public List<Row> Rows { get; } = [];

    /// <summary>Lists the contests.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var c in (await contests.ListContestsAsync(cancellationToken)).Where(c => !c.IsPractice))
        {
            var runs = await results.RunsAsync(c.Id, cancellationToken);
            var latest = runs.FirstOrDefault(r => r.Status != ResultStatus.Discarded);
            Rows.Add(new Row(c.Slug, c.Title, tenant.Tenant!.ToLocal(c.ClosesAt), now >= c.ClosesAt, latest is null ? null : $"#{latest.Id} {t[ResultsService.StatusLabel(latest.Status)]}"));
        }
    }
}
