using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Contests;
using Quiz.Attempts;
using Quiz.Data;

namespace Quiz.Contests;

/// <summary>The quiz module's answer to <see cref="IContestData"/>: read-only, untracked, streamed where it can be large.</summary>
internal sealed class QuizContestData(QuizDbContext db) : IContestData
{
    public async Task<ContestTerms?> FindContestAsync(string slug, CancellationToken cancellationToken)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        return contest is null ? null : Terms(contest);
    }

    public async Task<IReadOnlyList<ContestTerms>> ListContestsAsync(CancellationToken cancellationToken)
    {
        var contests = await db.Contests.AsNoTracking().OrderByDescending(c => c.OpensAt).ThenBy(c => c.Slug).ToListAsync(cancellationToken);
        return contests.Select(Terms).ToList();
    }

    public async IAsyncEnumerable<EntryRecord> ReadEntriesAsync(long contestId, int round, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = Final(contestId, round)
            .Select(a => new { a.Id, a.ContestantId, a.GroupCode, a.Round, a.Score, a.CorrectCount, a.QuestionCount, a.DurationMs, a.Prediction, Submitted = a.SubmittedAt ?? a.Deadline });
        await foreach (var a in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new EntryRecord(a.Id, a.ContestantId, a.GroupCode, a.Round, a.Score, a.CorrectCount, a.QuestionCount, a.DurationMs, a.Prediction, a.Submitted);
        }
    }

    // Every contestant, without filtering by the contest's attempts: callers look entries up by id, and the plain scan
    // reads a third of a million rows in less than half the time of the filtered query (docs/benchmarks.md).
    public IAsyncEnumerable<ContestantRecord> ReadContestantsAsync(CancellationToken cancellationToken) =>
        db.Contestants.AsNoTracking()
            .Select(c => new ContestantRecord(c.Id, c.FullName, c.UnitCode, c.GroupCode))
            .AsAsyncEnumerable();

    public async Task<IReadOnlyList<ContestantContact>> ReadContactsAsync(IReadOnlyCollection<long> contestantIds, CancellationToken cancellationToken)
    {
        var contacts = new List<ContestantContact>(contestantIds.Count);
        foreach (var chunk in contestantIds.Distinct().Chunk(500))
        {
            contacts.AddRange(await db.Contestants.AsNoTracking()
                .Where(c => chunk.Contains(c.Id))
                .Select(c => new ContestantContact(c.Id, c.FullName, c.DateOfBirth, c.CitizenId, c.Phone, c.Email))
                .ToListAsync(cancellationToken));
        }

        return contacts;
    }

    public async Task<IReadOnlyList<UnitRecord>> ReadUnitsAsync(CancellationToken cancellationToken) =>
        await db.Units.AsNoTracking()
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => new UnitRecord(u.Code, u.Name, u.ParentCode, u.Block, u.Headcount, u.SortOrder))
            .ToListAsync(cancellationToken);

    public async IAsyncEnumerable<ItemResponse> ReadItemResponsesAsync(long contestId, int round, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query =
            from a in Final(contestId, round)
            join i in db.AttemptItems.AsNoTracking() on a.Id equals i.AttemptId
            join v in db.QuestionVersions.AsNoTracking() on i.QuestionVersionId equals v.Id
            join q in db.Questions.AsNoTracking() on v.QuestionId equals q.Id
            select new { a.Id, q.Code, v.Text, i.SelectedIndex, v.CorrectIndex };
        await foreach (var r in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new ItemResponse(r.Id, r.Code, r.Text, r.SelectedIndex == r.CorrectIndex);
        }
    }

    public Task<int> CountUnfinishedAsync(long contestId, int round, CancellationToken cancellationToken)
    {
        var query = db.Attempts.Where(a => a.ContestId == contestId && a.State == AttemptState.InProgress);
        return (round == 0 ? query : query.Where(a => a.Round == round)).CountAsync(cancellationToken);
    }

    public async Task<long?> FindContestantIdAsync(string userId, CancellationToken cancellationToken) =>
        await db.Contestants.AsNoTracking().Where(c => c.UserId == userId).Select(c => (long?)c.Id).SingleOrDefaultAsync(cancellationToken);

    private IQueryable<Attempt> Final(long contestId, int round)
    {
        var query = db.Attempts.AsNoTracking().Where(a => a.ContestId == contestId && a.State != AttemptState.InProgress);
        return round == 0 ? query : query.Where(a => a.Round == round);
    }

    private static ContestTerms Terms(Contest c) => new(
        c.Id,
        c.Slug,
        c.Title,
        c.OpensAt,
        c.ClosesAt,
        c.IsPractice,
        c.Groups,
        c.Rounds,
        c.Counts,
        c.PredictionPrompt is null ? null : c.Predicts,
        c.Prizes,
        c.UnitPrizes,
        c.QuestionsPerAttempt);
}
