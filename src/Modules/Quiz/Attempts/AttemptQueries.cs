using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Quiz.Contestants;
using Quiz.Contests;
using Quiz.Data;
using Quiz.Questions;

namespace Quiz.Attempts;

/// <summary>
/// The look-ups of a start and a submit, compiled once per model (one per database provider). Written as LINQ each
/// call, EF Core walks a query's expression tree on every execution to pull out its parameters and find its cached
/// plan (a quarter of the time of a start's three look-ups in a profile of the deadline evening; what compiling them
/// saved: docs/benchmarks.md, "Compiled look-ups"). The tenant's query filter is part of each compiled query and reads
/// the tenant of the context it is given, as LINQ does.
/// </summary>
internal static class AttemptQueries
{
    /// <summary>
    /// Every attempt of a contestant at a contest, read at each start: the one in progress, what counts against the
    /// limit, and whether any questions were seen before. Searched by the contestant's index, whatever the statistics.
    /// </summary>
    public static readonly Expression<Func<QuizDbContext, long, long, IQueryable<Attempt>>> ContestantAttempts =
        (db, contestantId, contestId) => db.Attempts.AsNoTracking().Where(a => a.ContestId == contestId && a.ContestantId == contestantId);

    private static readonly PerModel<Func<QuizDbContext, long, long, IAsyncEnumerable<Attempt>>> ContestantAttemptsQuery =
        new(() => EF.CompileAsyncQuery(ContestantAttempts));

    private static readonly PerModel<Func<QuizDbContext, string, CancellationToken, Task<Contestant?>>> ContestantOfUserQuery =
        new(() => EF.CompileAsyncQuery((QuizDbContext db, string userId, CancellationToken _) =>
            db.Contestants.AsNoTracking().SingleOrDefault(c => c.UserId == userId)));

    private static readonly PerModel<Func<QuizDbContext, string, CancellationToken, Task<Contest?>>> ContestBySlugQuery =
        new(() => EF.CompileAsyncQuery((QuizDbContext db, string slug, CancellationToken _) =>
            db.Contests.AsNoTracking().SingleOrDefault(c => c.Slug == slug)));

    private static readonly PerModel<Func<QuizDbContext, long, CancellationToken, Task<Contest>>> ContestByIdQuery =
        new(() => EF.CompileAsyncQuery((QuizDbContext db, long id, CancellationToken _) =>
            db.Contests.AsNoTracking().Single(c => c.Id == id)));

    private static readonly PerModel<Func<QuizDbContext, long, CancellationToken, Task<int>>> GraceSecondsQuery =
        new(() => EF.CompileAsyncQuery((QuizDbContext db, long id, CancellationToken _) =>
            db.Contests.Where(c => c.Id == id).Select(c => c.GraceSeconds).Single()));

    private static readonly PerModel<Func<QuizDbContext, Guid, string, CancellationToken, Task<Attempt?>>> OwnedAttemptQuery =
        new(() => EF.CompileAsyncQuery((QuizDbContext db, Guid attemptId, string userId, CancellationToken _) =>
            db.Attempts.AsNoTracking().SingleOrDefault(a => a.Id == attemptId && db.Contestants.Any(c => c.Id == a.ContestantId && c.UserId == userId))));

    private static readonly PerModel<Func<QuizDbContext, Guid, CancellationToken, Task<Attempt>>> TrackedAttemptQuery =
        new(() => EF.CompileAsyncQuery((QuizDbContext db, Guid attemptId, CancellationToken _) =>
            db.Attempts.Single(a => a.Id == attemptId)));

    private static readonly PerModel<Func<QuizDbContext, Guid, IAsyncEnumerable<AttemptItem>>> ItemsQuery =
        new(() => EF.CompileAsyncQuery<QuizDbContext, Guid, AttemptItem>((db, attemptId) =>
            db.AttemptItems.AsNoTracking().Where(i => i.AttemptId == attemptId).OrderBy(i => i.Position)));

    private static readonly PerModel<Func<QuizDbContext, long[], IAsyncEnumerable<QuestionVersion>>> VersionsQuery =
        new(() => EF.CompileAsyncQuery((QuizDbContext db, long[] ids) =>
            db.QuestionVersions.AsNoTracking().Where(v => ids.Contains(v.Id))));

    /// <summary><see cref="ContestantAttempts"/>, run.</summary>
    public static ValueTask<List<Attempt>> ContestantAttemptsAsync(QuizDbContext db, long contestantId, long contestId, CancellationToken cancellationToken) =>
        ContestantAttemptsQuery.For(db)(db, contestantId, contestId).ToListAsync(cancellationToken);

    /// <summary>An attempt, tracked (to be finalized); throws if the tenant has none with this key.</summary>
    public static Task<Attempt> TrackedAttemptAsync(QuizDbContext db, Guid attemptId, CancellationToken cancellationToken) =>
        TrackedAttemptQuery.For(db)(db, attemptId, cancellationToken);

    /// <summary>An attempt's items in their order.</summary>
    public static ValueTask<List<AttemptItem>> ItemsAsync(QuizDbContext db, Guid attemptId, CancellationToken cancellationToken) =>
        ItemsQuery.For(db)(db, attemptId).ToListAsync(cancellationToken);

    /// <summary>Question versions by key (those of the tenant).</summary>
    public static ValueTask<List<QuestionVersion>> VersionsAsync(QuizDbContext db, long[] ids, CancellationToken cancellationToken) =>
        VersionsQuery.For(db)(db, ids).ToListAsync(cancellationToken);

    /// <summary>The contestant of a signed-in user, or null.</summary>
    public static Task<Contestant?> ContestantOfUserAsync(QuizDbContext db, string userId, CancellationToken cancellationToken) =>
        ContestantOfUserQuery.For(db)(db, userId, cancellationToken);

    /// <summary>A contest by its slug, or null.</summary>
    public static Task<Contest?> ContestBySlugAsync(QuizDbContext db, string slug, CancellationToken cancellationToken) =>
        ContestBySlugQuery.For(db)(db, slug, cancellationToken);

    /// <summary>A contest by its key; throws if the tenant has none (an attempt refers to it).</summary>
    public static Task<Contest> ContestByIdAsync(QuizDbContext db, long id, CancellationToken cancellationToken) =>
        ContestByIdQuery.For(db)(db, id, cancellationToken);

    /// <summary>The seconds after its deadline a contest still takes a submit; throws if the tenant has no such contest.</summary>
    public static Task<int> GraceSecondsAsync(QuizDbContext db, long contestId, CancellationToken cancellationToken) =>
        GraceSecondsQuery.For(db)(db, contestId, cancellationToken);

    /// <summary>An attempt if it belongs to the signed-in user, or null.</summary>
    public static Task<Attempt?> OwnedAttemptAsync(QuizDbContext db, Guid attemptId, string userId, CancellationToken cancellationToken) =>
        OwnedAttemptQuery.For(db)(db, attemptId, userId, cancellationToken);

    // EF Core runs a compiled query only with the model it was compiled against, and a process may hold several (one per
    // database provider): each model gets its own, compiled at its first use.
    private sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
    {
        private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];

        // Looked up first: the factory for GetValue is a new delegate per call, and this runs on every start and submit.
        public TQuery For(QuizDbContext db) => _compiled.TryGetValue(db.Model, out var query) ? query : _compiled.GetValue(db.Model, _ => compile());
    }
}
