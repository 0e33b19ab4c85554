using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Core.Distributed;
using Platform.Core.Tenancy;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>A line of the live leaderboard as organisers see it.</summary>
/// <param name="Rank">Position, from 1.</param>
/// <param name="Name">Full name.</param>
/// <param name="Unit">Unit name.</param>
/// <param name="Score">Best score so far.</param>
/// <param name="DurationMs">Its time.</param>
public sealed record LiveLine(int Rank, string Name, string Unit, int Score, long DurationMs);

/// <summary>
/// The provisional leaderboard of each contest and group while the contest runs: every finished attempt offers the
/// contestant's score and time (the best one stays); a board that is missing (Redis restarted, a new node without
/// Redis) is rebuilt from the database's final attempts. Organisers only: results are computed, approved and published
/// by the results module, which never reads this.
/// </summary>
public sealed class LiveLeaderboard(ILeaderboard boards, QuizDbContext db, ITenantContext tenant, ILogger<LiveLeaderboard> logger)
{
    /// <summary>The board of a contest's group.</summary>
    public string Board(long contestId, string group) => $"{tenant.TenantId}:{contestId}:{group}";

    /// <summary>Offers a finished attempt; a failure is logged, never thrown (the attempt is already safe).</summary>
    public async Task OfferAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        try
        {
            var board = Board(attempt.ContestId, attempt.GroupCode);
            if (await boards.ExistsAsync(board, cancellationToken))
            {
                await boards.OfferAsync(board, attempt.ContestantId.ToString(System.Globalization.CultureInfo.InvariantCulture), LeaderboardScore.Of(attempt.Score, attempt.DurationMs), cancellationToken);
            }
            else
            {
                await RebuildAsync(attempt.ContestId, attempt.GroupCode, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Live leaderboard not updated for attempt {Attempt}; it is rebuilt from the database when read.", attempt.Id);
        }
    }

    /// <summary>The best <paramref name="count"/> of a contest's group, with names and units.</summary>
    public async Task<IReadOnlyList<LiveLine>> TopAsync(long contestId, string group, int count, CancellationToken cancellationToken)
    {
        var board = Board(contestId, group);
        if (!await boards.ExistsAsync(board, cancellationToken))
        {
            await RebuildAsync(contestId, group, cancellationToken);
        }

        var top = await boards.TopAsync(board, count, cancellationToken);
        var ids = top.Select(e => long.Parse(e.Member, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var people = await db.Contestants.AsNoTracking().Where(c => ids.Contains(c.Id))
            .GroupJoin(db.Units, c => c.UnitCode, u => u.Code, (c, units) => new { c.Id, c.FullName, units })
            .SelectMany(x => x.units.DefaultIfEmpty(), (x, u) => new { x.Id, x.FullName, Unit = u == null ? string.Empty : u.Name })
            .ToDictionaryAsync(x => x.Id, cancellationToken);
        return top.Select((e, i) =>
        {
            var person = people.GetValueOrDefault(ids[i]);
            return new LiveLine(i + 1, person?.FullName ?? "?", person?.Unit ?? string.Empty, LeaderboardScore.ScoreOf(e.Score), LeaderboardScore.DurationOf(e.Score));
        }).ToList();
    }

    private async Task RebuildAsync(long contestId, string group, CancellationToken cancellationToken)
    {
        var finals = await db.Attempts.AsNoTracking()
            .Where(a => a.ContestId == contestId && a.GroupCode == group && a.State != AttemptState.InProgress)
            .Select(a => new { a.ContestantId, a.Score, a.DurationMs })
            .ToListAsync(cancellationToken);
        var best = finals.GroupBy(a => a.ContestantId)
            .Select(g => new LeaderboardEntry(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Max(a => LeaderboardScore.Of(a.Score, a.DurationMs))))
            .ToList();
        await boards.ReplaceAsync(Board(contestId, group), best, cancellationToken);
    }
}
