using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Contests;
using Platform.Core.Http;
using Platform.Core.Tenancy;
using Platform.Core.Theming;
using Results.Data;
using Results.Ranking;

namespace Results.Api;

/// <summary>A contestant's own line in a published ranking.</summary>
/// <param name="Group">Group code.</param>
/// <param name="Rank">Rank in the group.</param>
/// <param name="Of">Entries in the group.</param>
/// <param name="Score">Score.</param>
/// <param name="DurationSeconds">Time taken, seconds.</param>
/// <param name="Prediction">Prediction given.</param>
/// <param name="Distance">Its distance from the actual value.</param>
/// <param name="Prize">Prize, or null.</param>
/// <param name="Eligible">False when the entry is ranked but cannot be awarded.</param>
public sealed record OwnStanding(string Group, int Rank, int Of, int Score, double DurationSeconds, long? Prediction, long? Distance, string? Prize, bool Eligible);

/// <summary>The results part of the JSON API (CONTRACT.md), under <c>{t}/api/v1</c>.</summary>
internal static class ResultsEndpoints
{
    public static void MapResultsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Results");
        api.MapGet("/contests/{slug}/results", RankingAsync).WithName("PublishedResults").CacheAsPublicPage();
        api.MapGet("/contests/{slug}/results/me", OwnAsync).WithName("OwnStanding").RequireAuthorization();
    }

    /// <summary>The published ranking of a group (page of 100, from 1); 404 until published.</summary>
    public static async Task<IResult> RankingAsync(string slug, string? group, int? page, IContestData contests, ResultsDbContext db, PublishedResults published, ITenantContext tenant, HttpContext http, CancellationToken cancellationToken)
    {
        var (contest, run) = await PublishedAsync(slug, contests, db, published, tenant, cancellationToken);
        if (run is null)
        {
            return Problems.Create("not-found", StatusCodes.Status404NotFound, "Kết quả chưa được công bố.");
        }

        var code = group ?? (contest!.Groups.Count > 0 ? contest.Groups[0].Code : string.Empty);
        if (contest!.Groups.All(g => g.Code != code))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["group"] = [$"Không có nhóm '{code}'; các nhóm: {string.Join(", ", contest.Groups.Select(g => g.Code))}."] });
        }

        var lines = await published.PageAsync(db, tenant.Tenant!.Name, run.Id, code, Math.Max(1, page ?? 1), cancellationToken);
        http.Response.Headers.CacheControl = "public, max-age=30";
        http.Response.Headers["X-Content-Hash"] = run.ContentHash;
        return TypedResults.Ok(lines);
    }

    /// <summary>The signed-in contestant's own standing; 404 until published or without an entry.</summary>
    public static async Task<IResult> OwnAsync(string slug, HttpContext http, IContestData contests, ResultsDbContext db, PublishedResults published, ITenantContext tenant, CancellationToken cancellationToken)
    {
        var (_, run) = await PublishedAsync(slug, contests, db, published, tenant, cancellationToken);
        var userId = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var contestantId = userId is null ? null : await contests.FindContestantIdAsync(userId, cancellationToken);
        var standing = run is null || contestantId is null ? null : await OwnStandingAsync(db, run.Id, contestantId.Value, cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return standing is null
            ? Problems.Create("not-found", StatusCodes.Status404NotFound, run is null ? "Kết quả chưa được công bố." : "Bạn không có bài thi trong kết quả này.")
            : TypedResults.Ok(standing);
    }

    public static async Task<(ContestTerms? Contest, ResultRun? Run)> PublishedAsync(string slug, IContestData contests, ResultsDbContext db, PublishedResults published, ITenantContext tenant, CancellationToken cancellationToken)
    {
        var contest = await contests.FindContestAsync(slug, cancellationToken);
        if (contest is null || contest.IsPractice)
        {
            return (null, null);
        }

        return (contest, await published.RunAsync(db, tenant.Tenant!.Name, contest.Id, 0, cancellationToken));
    }

    public static async Task<OwnStanding?> OwnStandingAsync(ResultsDbContext db, long runId, long contestantId, CancellationToken cancellationToken)
    {
        var mine = await db.RankedEntries.AsNoTracking().FirstOrDefaultAsync(e => e.RunId == runId && e.ContestantId == contestantId, cancellationToken);
        if (mine is null)
        {
            return null;
        }

        var of = await db.RankedEntries.CountAsync(e => e.RunId == runId && e.GroupCode == mine.GroupCode, cancellationToken);
        return new OwnStanding(mine.GroupCode, mine.Rank, of, mine.Score, mine.DurationMs / 1000.0, mine.Prediction, mine.Distance, mine.Prize, !mine.Ineligible);
    }
}
