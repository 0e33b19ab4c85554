using Fluid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Contests;
using Platform.Core.Theming;
using Results.Data;
using Results.Ranking;

namespace Results.Pages;

/// <summary>A contest whose published results can be searched.</summary>
internal sealed record LookupContest(string Slug, string Title, bool Selected);

/// <summary>A line found.</summary>
internal sealed record LookupLine(string Group, int Rank, string Name, string Unit, int Score, string Duration, string? Prize, string RankingUrl);

/// <summary>
/// "Tra cứu kết quả": find one's line in a published ranking by name (and optionally unit), without scrolling through
/// thousands of lines; signed-in contestants are also pointed to their own attempts. It shows only what the published
/// ranking already shows (name, unit, score, time, prize).
/// </summary>
internal static class ResultLookupPage
{
    /// <summary>Fewest characters searched for.</summary>
    public const int MinimumQuery = 3;

    /// <summary>Most lines shown.</summary>
    public const int MaximumLines = 50;

    public static void MapResultLookupPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/tra-cuu", LookupAsync).WithName("ResultLookupPage").CacheAsPublicPage();

    public static void RegisterViewModels(TemplateOptions options)
    {
        options.MemberAccessStrategy.Register<LookupContest>();
        options.MemberAccessStrategy.Register<LookupLine>();
    }

    private static async Task<ContentHttpResult> LookupAsync(string? cuocThi, string? ten, string? donVi, [AsParameters] PageRequest page, IContestData contests, ResultsDbContext db, PublishedResults published)
    {
        var withResults = new List<(ContestTerms Contest, ResultRun Run)>();
        foreach (var contest in (await contests.ListContestsAsync(page.Aborted)).Where(c => !c.IsPractice))
        {
            if (await published.RunAsync(db, page.Tenant.Name, contest.Id, 0, page.Aborted) is { } run)
            {
                withResults.Add((contest, run));
            }
        }

        var chosen = withResults.FirstOrDefault(c => c.Contest.Slug == cuocThi);
        if (chosen.Contest is null && withResults.Count > 0)
        {
            chosen = withResults[0];
        }

        var name = (ten ?? string.Empty).Trim();
        var unit = (donVi ?? string.Empty).Trim();
        string? problem = null;
        List<LookupLine>? lines = null;
        if (chosen.Contest is not null && name.Length > 0)
        {
            if (name.Length < MinimumQuery)
            {
                problem = page.T("Hãy nhập ít nhất {0} ký tự của họ tên.", MinimumQuery);
            }
            else
            {
                lines = await SearchAsync(db, published, chosen.Contest, chosen.Run, name, unit, page);
            }
        }

        return await page.RenderAsync("Lookup", page.T("Tra cứu kết quả"), new()
        {
            ["contests"] = withResults.Select(c => new LookupContest(c.Contest.Slug, c.Contest.Title, c.Contest.Slug == chosen.Contest?.Slug)).ToList(),
            ["name"] = name,
            ["unit"] = unit,
            ["problem"] = problem,
            ["lines"] = lines,
            ["more"] = lines is { Count: MaximumLines },
            ["current"] = "tra-cuu",
        });
    }

    private static async Task<List<LookupLine>> SearchAsync(ResultsDbContext db, PublishedResults published, ContestTerms contest, ResultRun run, string name, string unit, PageRequest page)
    {
        var directory = await published.DirectoryAsync(db, page.Tenant.Name, run, page.Aborted);
        var positions = directory.Find(name, unit, MaximumLines);
        var order = positions.Select((position, i) => (position, i)).ToDictionary(p => p.position, p => p.i);
        var found = positions.Count == 0 ? [] : (await db.RankedEntries.AsNoTracking()
            .Where(e => e.RunId == run.Id && positions.Contains(e.Position))
            .Select(e => new { e.Position, e.GroupCode, e.Rank, e.DisplayName, e.UnitName, e.Score, e.DurationMs, e.Prize })
            .ToListAsync(page.Aborted)).OrderBy(e => order[e.Position]).ToList(); // in ranking order, as found
        var groups = contest.Groups.ToDictionary(g => g.Code, g => g.Name);
        var ranking = $"{page.BaseUrl}/ket-qua/{contest.Slug}";
        return found.Select(e => new LookupLine(
            groups.GetValueOrDefault(e.GroupCode, e.GroupCode),
            e.Rank,
            e.DisplayName,
            e.UnitName,
            e.Score,
            PublicResultsPages.Duration(e.DurationMs / 1000.0),
            e.Prize,
            $"{ranking}?nhom={Uri.EscapeDataString(e.GroupCode)}&trang={((e.Rank - 1) / PublishedResults.PageSize) + 1}")).ToList();
    }
}
