using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Platform.Core.Tenancy;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>
/// What an answer save needs to know about an attempt that never changes once it has started: whose it is, its
/// deadline, and each question's position with the options as shown. Kept in memory by the node that starts the
/// attempt, read once (one query, by key and index) by any other node it is answered through, so that a save costs one
/// database round trip: the write, which checks again that the attempt is still open. The cache holds at most
/// <see cref="ItemLimit"/> items (≈ 700 bytes each, measured: ≈ 70 MB, 5,000 attempts of 20 questions); a sheet not
/// used for <see cref="Idle"/> is dropped, and a sheet dropped, or not taken in while the cache is full, is read from
/// the database at each save, as before (decision 0011).
/// </summary>
public sealed class AnswerSheets : IDisposable
{
    /// <summary>Items kept at most, over all sheets (a sheet counts as many as its questions).</summary>
    public const int ItemLimit = 100_000;

    /// <summary>How long a sheet not used stays.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly MemoryCache _sheets = new(new MemoryCacheOptions { SizeLimit = ItemLimit });

    /// <summary>The sheet of <paramref name="attemptId"/> in the context's tenant, or null when the tenant has no such attempt.</summary>
    public async Task<AnswerSheet?> GetAsync(QuizDbContext db, TenantInfo tenant, Guid attemptId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tenant);
        var key = (tenant.Id, attemptId);
        if (_sheets.TryGetValue(key, out AnswerSheet? sheet))
        {
            return sheet;
        }

        var rows = await Query(db, attemptId).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        sheet = new AnswerSheet(
            rows[0].UserId,
            rows[0].Deadline,
            rows.ToDictionary(r => r.PublicId, r => new SheetItem(r.Position, [.. r.OptionIds], [.. r.OptionOrder]), StringComparer.Ordinal));
        Keep(key, sheet);
        return sheet;
    }

    /// <summary>
    /// Keeps the sheet of an attempt just started and committed, so that its saves on this node read nothing: a start
    /// knows everything its sheet holds. That is a round trip less per attempt; on SQLite the CPU it saves was within
    /// the machine's noise (docs/benchmarks.md, "A start's parameters").
    /// </summary>
    public void Started(TenantInfo tenant, string userId, Attempt attempt, IReadOnlyList<AttemptItem> items)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(items);
        Keep((tenant.Id, attempt.Id), new AnswerSheet(
            userId,
            attempt.Deadline,
            items.ToDictionary(i => i.PublicId, i => new SheetItem(i.Position, [.. i.OptionIds], [.. i.OptionOrder]), StringComparer.Ordinal)));
    }

    private void Keep((string TenantId, Guid AttemptId) key, AnswerSheet sheet) =>
        _sheets.Set(key, sheet, new MemoryCacheEntryOptions { Size = sheet.Items.Count, SlidingExpiration = Idle });

    /// <summary>The sheet's rows: the attempt by key, its owner by key, its items by index.</summary>
    public static IQueryable<SheetRow> Query(QuizDbContext db, Guid attemptId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from a in db.Attempts.AsNoTracking()
               where a.Id == attemptId
               join c in db.Contestants.AsNoTracking() on a.ContestantId equals c.Id
               join i in db.AttemptItems.AsNoTracking() on a.Id equals i.AttemptId
               select new SheetRow(c.UserId, a.Deadline, i.PublicId, i.Position, i.OptionIds, i.OptionOrder);
    }

    /// <inheritdoc />
    public void Dispose() => _sheets.Dispose();
}

/// <summary>An attempt's unchanging facts for a save.</summary>
/// <param name="UserId">The contestant's user.</param>
/// <param name="Deadline">When answers stop being accepted (UTC).</param>
/// <param name="Items">Each question of the attempt by its public id.</param>
public sealed record AnswerSheet(string UserId, DateTime Deadline, IReadOnlyDictionary<string, SheetItem> Items);

/// <summary>A question of an attempt: its position (unique in the attempt) and its options in the order shown.</summary>
/// <param name="Position">The item's position in the attempt, from 1.</param>
/// <param name="OptionIds">The options' public ids, as shown.</param>
/// <param name="OptionOrder">For each shown option, its index in the question.</param>
public sealed record SheetItem(int Position, string[] OptionIds, int[] OptionOrder);

/// <summary>One row of <see cref="AnswerSheets.Query"/>.</summary>
public sealed record SheetRow(string UserId, DateTime Deadline, string PublicId, int Position, List<string> OptionIds, List<int> OptionOrder);
