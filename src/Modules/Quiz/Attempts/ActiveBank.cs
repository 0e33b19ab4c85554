using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Quiz.Data;
using Quiz.Questions;

namespace Quiz.Attempts;

/// <summary>An active question's current version, as the draw and a new attempt need it.</summary>
/// <param name="Candidate">What the draw picks from.</param>
/// <param name="Text">Question text.</param>
/// <param name="Options">Options in the author's order.</param>
public sealed record ActiveQuestion(DrawCandidate Candidate, string Text, IReadOnlyList<string> Options);

/// <summary>
/// The tenant's active questions, kept in memory for a short while: a synchronized start of thousands of
/// contestants must not read the whole bank thousands of times. Imports and edits on this node invalidate it
/// at once; other nodes see a change within <see cref="Lifetime"/>. Attempts already started keep the
/// versions they drew, whatever the cache holds.
/// </summary>
public sealed class ActiveBank(TimeProvider clock)
{
    /// <summary>How long a tenant's bank is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, Lazy<Task<IReadOnlyList<ActiveQuestion>>> Bank)> _banks = new(StringComparer.Ordinal);

    /// <summary>The active questions of the context's tenant.</summary>
    public Task<IReadOnlyList<ActiveQuestion>> GetAsync(QuizDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        // Lazy: the dictionary may run these delegates for callers whose entry then loses; only the stored one loads,
        // so no caller's context is left running a query in the background while its owner goes on using it.
        (DateTimeOffset, Lazy<Task<IReadOnlyList<ActiveQuestion>>>) Fresh() => (now, new(() => LoadAsync(db)));
        var entry = _banks.AddOrUpdate(
            db.CurrentTenantId,
            _ => Fresh(),
            (_, old) => now - old.LoadedAt < Lifetime && !(old.Bank.IsValueCreated && old.Bank.Value.IsFaulted) ? old : Fresh());
        return entry.Bank.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets a tenant's bank after its questions changed.</summary>
    public void Invalidate(string tenantId) => _banks.TryRemove(tenantId, out _);

    // Not cancelled with the first caller's request: every concurrent start waits on this one load.
    private static async Task<IReadOnlyList<ActiveQuestion>> LoadAsync(QuizDbContext db) =>
        await db.Questions.AsNoTracking()
            .Where(q => q.State == QuestionState.Active)
            .Join(db.QuestionVersions, q => q.CurrentVersionId, v => v.Id, (q, v) => new { q.Id, q.Topic, q.Difficulty, VersionId = v.Id, v.Text, v.Options })
            .Select(x => new ActiveQuestion(new DrawCandidate(x.VersionId, x.Id, x.Topic, x.Difficulty), x.Text, x.Options))
            .ToListAsync(CancellationToken.None);
}
