using System.Globalization;
using System.IO.Compression;
using Fluid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Contests;
using Platform.Core.Tenancy;
using Platform.Core.Theming;
using Results.Api;
using Results.Data;
using Results.Ranking;
using Results.Statistics;

namespace Results.Pages;

/// <summary>A contest with published results, as the list shows it.</summary>
internal sealed record ResultCard(string Title, string? Url, string? PublishedAtText, int Entries, int Winners, string? StatisticsUrl);

/// <summary>A group tab.</summary>
internal sealed record GroupTab(string Code, string Name, string Url, bool Current);

/// <summary>A line of the public ranking.</summary>
internal sealed record RankLineView(int Rank, string Name, string Unit, int Score, string Duration, string? Prize);

/// <summary>A prize winner.</summary>
internal sealed record WinnerView(string Group, string Prize, int Rank, string Name, string Unit, int Score, string Duration);

/// <summary>A unit award line.</summary>
internal sealed record UnitView(string? Block, int Rank, string Name, int Participants, int Entries, string Metric, string? Prize);

/// <summary>The contestant's own line.</summary>
internal sealed record OwnView(string Group, int Rank, int Of, int Score, string Duration, string? Prediction, string? Prize, bool Eligible);

/// <summary>The published result page.</summary>
internal sealed record RankingPage(
    string Title,
    string ContestUrl,
    string PublishedAtText,
    string ContentHash,
    string EvidenceUrl,
    string? ActualPrediction,
    string MetricLabel,
    IReadOnlyList<GroupTab> Groups,
    string GroupName,
    IReadOnlyList<WinnerView> Winners,
    IReadOnlyList<UnitView> Units,
    IReadOnlyList<RankLineView> Lines,
    int Page,
    string? PreviousUrl,
    string? NextUrl,
    OwnView? Own,
    bool SignedIn,
    string SignInUrl,
    IReadOnlyList<string> History);

/// <summary>
/// Public results in the tenant's theme: contests with published results, and a published ranking with its
/// winners, unit awards, the contestant's own standing and the evidence to check it. Names and units only:
/// never a citizen id, phone, e-mail or date of birth. Nothing before publication.
/// </summary>
internal static class PublicResultsPages
{
    public static void MapPublicResultsPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/ket-qua", ListAsync).WithName("ResultsListPage").CacheAsPublicPage();
        endpoints.MapGet("/ket-qua/{slug}", RankingAsync).WithName("ResultsPage").CacheAsPublicPage();
        endpoints.MapGet("/ket-qua/{slug}/bang-chung.zip", EvidenceAsync).WithName("ResultsEvidence");
    }

    public static void RegisterViewModels(TemplateOptions options)
    {
        var members = options.MemberAccessStrategy;
        members.Register<ResultCard>();
        members.Register<GroupTab>();
        members.Register<RankLineView>();
        members.Register<WinnerView>();
        members.Register<UnitView>();
        members.Register<OwnView>();
        members.Register<RankingPage>();
    }

    private static async Task<IResult> ListAsync([AsParameters] PageRequest page, IContestData contests, ResultsDbContext db, PublishedResults published, ResultsService results)
    {
        var cards = new List<ResultCard>();
        foreach (var contest in (await contests.ListContestsAsync(page.Aborted)).Where(c => !c.IsPractice))
        {
            var run = await published.RunAsync(db, page.Tenant.Name, contest.Id, 0, page.Aborted);
            var statistics = (await results.SettingsAsync(contest.Id, page.Aborted)).PublicStatistics ? $"{page.BaseUrl}/thong-ke/{contest.Slug}" : null;
            if (run is not null || statistics is not null)
            {
                cards.Add(new ResultCard(
                    contest.Title,
                    run is null ? null : $"{page.BaseUrl}/ket-qua/{contest.Slug}",
                    run is null ? null : Time(page.Tenant, run.PublishedAt!.Value),
                    run?.EntryCount ?? 0,
                    run?.PrizeCount ?? 0,
                    statistics));
            }
        }

        return await page.RenderAsync("Rankings", page.T("Kết quả"), new() { ["results"] = cards });
    }

    private static async Task<IResult> RankingAsync(string slug, string? nhom, int? trang, [AsParameters] PageRequest page, IContestData contests, ResultsDbContext db, PublishedResults published)
    {
        var (contest, run) = await ResultsEndpoints.PublishedAsync(slug, contests, db, published, page.TenantContext, page.Aborted);
        if (contest is null || run is null)
        {
            return await page.NotFoundAsync(page.T("Kết quả của cuộc thi này chưa được công bố."));
        }

        var group = contest.Groups.FirstOrDefault(g => g.Code == nhom) ?? (contest.Groups.Count > 0 ? contest.Groups[0] : new ContestGroup());
        var number = Math.Max(1, trang ?? 1);
        var tenant = page.Tenant;
        var baseUrl = $"{page.BaseUrl}/ket-qua/{contest.Slug}";
        var lines = await published.PageAsync(db, tenant.Name, run.Id, group.Code, number, page.Aborted);
        var inGroup = await db.RankedEntries.CountAsync(e => e.RunId == run.Id && e.GroupCode == group.Code, page.Aborted);
        var names = contest.Groups.ToDictionary(g => g.Code, g => g.Name);
        var winners = (await published.WinnersAsync(db, tenant.Name, run.Id, page.Aborted))
            .Select(w => new WinnerView(names.GetValueOrDefault(w.GroupCode, w.GroupCode), w.Prize!, w.Rank, w.DisplayName, w.UnitName, w.Score, Duration(w.DurationMs / 1000.0)))
            .ToList();
        var units = await db.UnitStandings.AsNoTracking().Where(u => u.RunId == run.Id && u.Rank > 0 && u.Participants > 0).OrderBy(u => u.Block).ThenBy(u => u.Rank).Take(50).ToListAsync(page.Aborted);
        var history = await db.Runs.AsNoTracking().Where(r => r.ContestId == contest.Id && r.Round == 0 && r.Status == ResultStatus.Superseded)
            .OrderByDescending(r => r.PublishedAt).Select(r => new { r.PublishedAt, r.ContentHash }).ToListAsync(page.Aborted);

        OwnView? own = null;
        if (page.UserId is { } userId && await contests.FindContestantIdAsync(userId, page.Aborted) is { } contestantId
            && await ResultsEndpoints.OwnStandingAsync(db, run.Id, contestantId, page.Aborted) is { } mine)
        {
            own = new OwnView(names.GetValueOrDefault(mine.Group, mine.Group), mine.Rank, mine.Of, mine.Score, Duration(mine.DurationSeconds), mine.Prediction?.ToString("N0", StatisticsFormat.Vietnamese), mine.Prize, mine.Eligible);
        }

        var view = new RankingPage(
            contest.Title,
            $"{page.BaseUrl}/cuoc-thi/{contest.Slug}",
            Time(tenant, run.PublishedAt!.Value),
            run.ContentHash,
            $"{baseUrl}/bang-chung.zip",
            run.ActualPrediction?.ToString("N0", StatisticsFormat.Vietnamese),
            page.T(UnitMetric.Label(contest.UnitPrizes.Metric)),
            contest.Groups.Select(g => new GroupTab(g.Code, g.Name, $"{baseUrl}?nhom={Uri.EscapeDataString(g.Code)}", g.Code == group.Code)).ToList(),
            group.Name,
            winners,
            units.Select(u => new UnitView(u.Block, u.Rank, u.UnitName, u.Participants, u.Entries, Metric(contest.UnitPrizes.Metric, u.MetricValue), u.Prize is null ? null : page.T(u.Prize))).ToList(),
            lines.Select(l => new RankLineView(l.Rank, l.DisplayName, l.UnitName, l.Score, Duration(l.DurationSeconds), l.Prize)).ToList(),
            number,
            number > 1 ? $"{baseUrl}?nhom={Uri.EscapeDataString(group.Code)}&trang={number - 1}" : null,
            number * PublishedResults.PageSize < inGroup ? $"{baseUrl}?nhom={Uri.EscapeDataString(group.Code)}&trang={number + 1}" : null,
            own,
            page.UserId is not null,
            $"{page.BaseUrl}/dang-nhap?returnUrl={Uri.EscapeDataString(baseUrl)}",
            history.Select(h => $"{Time(tenant, h.PublishedAt!.Value)} · SHA-256 {h.ContentHash}").ToList());
        return await page.RenderAsync("Ranking", page.T("Kết quả: {0}", contest.Title), new() { ["result"] = view });
    }

    private static async Task<IResult> EvidenceAsync(string slug, HttpContext http, IContestData contests, ResultsDbContext db, PublishedResults published, ITenantContext tenant, EvidenceExport evidence)
    {
        var (contest, run) = await ResultsEndpoints.PublishedAsync(slug, contests, db, published, tenant, http.RequestAborted);
        if (contest is null || run is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"bang-chung-{contest.Slug}-{run.ContentHash[..12]}.zip\"";
        // Built in a temporary file (a national contest's entries run to a hundred megabytes), then sent.
        await using var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await evidence.WriteAsync(run.Id, name => zip.CreateEntry(name, CompressionLevel.Optimal).Open(), http.RequestAborted);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, http.RequestAborted);
        return TypedResults.Empty;
    }

    private static string Time(TenantInfo tenant, DateTime utc) => StatisticsFormat.Time(tenant.ToLocal(utc));

    /// <summary>A time taken as mm:ss.fff, as rankings show it.</summary>
    public static string Duration(double seconds)
    {
        var ms = (long)Math.Round(seconds * 1000);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 60000:00}:{ms / 1000 % 60:00}.{ms % 1000:000}");
    }

    private static string Metric(string metric, double? value) => value is not { } v ? "–" : metric switch
    {
        UnitMetric.ParticipationRate => (v * 100).ToString("0.##", StatisticsFormat.Vietnamese) + "%",
        UnitMetric.AverageScore => v.ToString("0.##", StatisticsFormat.Vietnamese),
        _ => v.ToString("N0", StatisticsFormat.Vietnamese),
    };
}
