using Fluid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Core.Contests;
using Platform.Core.Theming;
using Results.Ranking;
using Results.Statistics;

namespace Results.Pages;

/// <summary>A unit's participation line.</summary>
internal sealed record PublicUnitLine(string Name, int Participants, int Entries, string Rate);

/// <summary>The public participation statistics of a contest.</summary>
internal sealed record PublicStatisticsView(
    string Title,
    string ComputedAtText,
    string Participants,
    string Entries,
    string DayChart,
    string CumulativeChart,
    IReadOnlyList<PublicUnitLine> Units,
    string ScoreChart);

/// <summary>
/// Participation statistics on the public site, for contests whose organisers chose to publish them (as provinces
/// publish daily participation during a contest): totals, per day, per unit, the score distribution. No names, and
/// no item analysis (it would tell which questions are hard before the contest ends).
/// </summary>
internal static class PublicStatisticsPage
{
    public static void MapPublicStatisticsPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/thong-ke/{slug}", ShowAsync).WithName("PublicStatisticsPage").CacheAsPublicPage();

    public static void RegisterViewModels(TemplateOptions options)
    {
        options.MemberAccessStrategy.Register<PublicUnitLine>();
        options.MemberAccessStrategy.Register<PublicStatisticsView>();
    }

    private static async Task<IResult> ShowAsync(string slug, [AsParameters] PageRequest page, ResultsService results, ContestStatistics statistics)
    {
        ContestTerms contest;
        try
        {
            contest = await results.ContestAsync(slug, page.Aborted);
        }
        catch (ResultsProblemException)
        {
            return await page.NotFoundAsync(page.T("Không có cuộc thi này."));
        }

        if (contest.IsPractice || !(await results.SettingsAsync(contest.Id, page.Aborted)).PublicStatistics)
        {
            return await page.NotFoundAsync(page.T("Ban Tổ chức chưa công khai thống kê của cuộc thi này."));
        }

        var report = await statistics.PublicAsync(contest, page.Aborted);
        var days = report.Days;
        var view = new PublicStatisticsView(
            contest.Title,
            StatisticsFormat.Time(statistics.ToLocal(report.ComputedAt.UtcDateTime)),
            StatisticsFormat.Number(report.Summary.Participants),
            StatisticsFormat.Number(report.Summary.Entries),
            SvgCharts.Bars("chart-day", page.T("Người tham gia theo ngày"), page.T("Ngày"), page.T("Người tham gia"), days.Select(d => new ChartPoint(StatisticsFormat.ShortDay(d.Day), d.Participants)).ToList(), page.T).Value!,
            SvgCharts.LineChart("chart-cumulative", page.T("Người tham gia lũy kế"), page.T("Ngày"), page.T("Người tham gia"), days.Select(d => new ChartPoint(StatisticsFormat.ShortDay(d.Day), d.CumulativeParticipants)).ToList(), page.T).Value!,
            report.Units.OrderByDescending(u => u.Participants).ThenBy(u => u.Name, StringComparer.Ordinal)
                .Select(u => new PublicUnitLine(u.Name, u.Participants, u.Entries, StatisticsFormat.Percent(u.Rate))).ToList(),
            SvgCharts.Bars("chart-score", page.T("Phân bố điểm"), page.T("Điểm"), page.T("Số bài"), report.Scores.Select(s => new ChartPoint(StatisticsFormat.Number(s.Score), s.Entries)).ToList(), page.T).Value!);
        return await page.RenderAsync("Statistics", page.T("Thống kê: {0}", contest.Title), new() { ["stats"] = view });
    }
}
