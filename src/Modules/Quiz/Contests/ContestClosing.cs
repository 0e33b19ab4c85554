using Microsoft.EntityFrameworkCore;
using Quiz.Attempts;
using Quiz.Data;

namespace Quiz.Contests;

/// <summary>What must follow when a contest (or a round) closes earlier than its attempts expected.</summary>
internal static class ContestClosing
{
    /// <summary>
    /// Brings the deadline of every attempt in progress back to the close of its contest or round, so nobody answers
    /// after an early close; the sweeper then finalizes them with what was saved (after the grace period).
    /// Returns how many attempts were cut short.
    /// </summary>
    public static async Task<int> ClampDeadlinesAsync(QuizDbContext db, Contest contest, CancellationToken cancellationToken)
    {
        var closes = contest.ClosesAt;
        var count = await db.Attempts
            .Where(a => a.ContestId == contest.Id && a.State == AttemptState.InProgress && a.Deadline > closes)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Deadline, closes), cancellationToken);
        foreach (var round in contest.Rounds)
        {
            var roundCloses = round.ClosesAt;
            count += await db.Attempts
                .Where(a => a.ContestId == contest.Id && a.Round == round.Number && a.State == AttemptState.InProgress && a.Deadline > roundCloses)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Deadline, roundCloses), cancellationToken);
        }

        return count;
    }
}
