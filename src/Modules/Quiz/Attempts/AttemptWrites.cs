using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Data;
using Platform.Core.Observability;
using Platform.Core.Tenancy;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>One answer to write: the item's chosen option (its index in the version's options) at a time.</summary>
/// <param name="AttemptId">The attempt, which must still be in progress with its deadline not passed at <paramref name="At"/>.</param>
/// <param name="ItemId">The attempt item's row id.</param>
/// <param name="SelectedIndex">The chosen option's index in the question version's options.</param>
/// <param name="At">When the answer was given (UTC).</param>
public sealed record AnswerWrite(Guid AttemptId, long ItemId, int SelectedIndex, DateTime At);

/// <summary>
/// Group commit of answer saves. Each commit waits for the disk (SQLite and PostgreSQL both flush the log
/// before a commit returns), so one transaction per answer caps a node at the disk's flushes per second. Here
/// the answers of one tenant's database that arrive while a commit is under way wait together and go into the
/// next transaction: the first to arrive leads, writes the whole queue (up to <see cref="MaxBatch"/>) in one
/// transaction, then hands the lead to the first answer that arrived meanwhile. Nobody is told "saved" before
/// the transaction that holds their answer has committed, so durability is the database's, unchanged.
/// </summary>
public sealed class AnswerCommits(SqliteWriteTurns writes)
{
    /// <summary>At most this many answers share one transaction.</summary>
    public const int MaxBatch = 256;

    private readonly ConcurrentDictionary<(string Database, string TenantId), Queue> _queues = new();

    /// <summary>Answers of a tenant queued in this process for a commit that has not begun yet.</summary>
    public int Waiting(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return _queues.Where(q => q.Key.TenantId == tenant.Id).Sum(q => q.Value.Count);
    }

    /// <summary>
    /// Writes an answer, together with others waiting for the same database; returns once it is committed: true,
    /// or false when the attempt was no longer in progress (submitted, expired or past its deadline) by then.
    /// </summary>
    /// <param name="db">The caller's context, scoped to <paramref name="tenant"/>; it writes the batch if the caller leads.</param>
    /// <param name="tenant">The tenant whose attempt it is.</param>
    /// <param name="answer">The answer.</param>
    public async Task<bool> SaveAsync(QuizDbContext db, TenantInfo tenant, AnswerWrite answer)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tenant);
        var queue = _queues.GetOrAdd((db.Database.GetConnectionString() ?? string.Empty, tenant.Id), _ => new Queue());
        var mine = new Pending(answer);
        if (!queue.Join(mine))
        {
            var outcome = await mine.Signal.Task;
            if (outcome != Outcome.Lead)
            {
                return outcome == Outcome.Saved;
            }
        }

        // This caller leads: nothing it does from here depends on its own request, which may be abandoned meanwhile.
        List<Pending>? batch = null;
        try
        {
            using (await writes.EnterAsync(db, CancellationToken.None))
            {
                batch = queue.Take(); // everything that queued while we waited for the database, this caller first
                await CommitAsync(db, batch);
            }

            PlatformMetrics.AnswerBatchSize.Record(batch.Count, PlatformMetrics.Tenant(tenant.Name));
            foreach (var pending in batch)
            {
                pending.Signal.TrySetResult(pending.Result);
            }
        }
        catch (Exception ex)
        {
            batch ??= queue.Take();
            foreach (var pending in batch.Where(p => p != mine))
            {
                pending.Signal.TrySetException(ex);
            }

            throw;
        }
        finally
        {
            queue.HandOff();
        }

        return mine.Result == Outcome.Saved;
    }

    private static async Task CommitAsync(QuizDbContext db, List<Pending> batch)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        foreach (var pending in batch)
        {
            var answer = pending.Write;

            // Checked in the transaction, with the version bumped, so a finalization either sees this answer or it is refused.
            var open = await db.Attempts
                .Where(a => a.Id == answer.AttemptId && a.State == AttemptState.InProgress && a.Deadline >= answer.At)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastAnswerAt, answer.At).SetProperty(a => a.Version, a => a.Version + 1), CancellationToken.None);
            if (open == 1)
            {
                await db.AttemptItems.Where(i => i.Id == answer.ItemId && i.AttemptId == answer.AttemptId)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.SelectedIndex, answer.SelectedIndex).SetProperty(i => i.AnsweredAt, answer.At), CancellationToken.None);
            }

            pending.Result = open == 1 ? Outcome.Saved : Outcome.Closed;
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    private enum Outcome
    {
        Lead,
        Saved,
        Closed,
    }

    private sealed class Pending(AnswerWrite write)
    {
        public AnswerWrite Write { get; } = write;

        public Outcome Result { get; set; }

        /// <summary>Completed with the outcome once committed, or with <see cref="Outcome.Lead"/> when it is this one's turn to write.</summary>
        public TaskCompletionSource<Outcome> Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The answers waiting for one database and tenant; at most one caller leads at a time.</summary>
    private sealed class Queue
    {
        private readonly object _gate = new();
        private readonly List<Pending> _waiting = [];
        private bool _leading;

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _waiting.Count;
                }
            }
        }

        /// <summary>Queues an answer; true when nobody leads, so its caller leads now.</summary>
        public bool Join(Pending pending)
        {
            lock (_gate)
            {
                _waiting.Add(pending);
                if (_leading)
                {
                    return false;
                }

                _leading = true;
                return true;
            }
        }

        /// <summary>The next batch, oldest first; the leader is always the oldest waiting.</summary>
        public List<Pending> Take()
        {
            lock (_gate)
            {
                var count = Math.Min(MaxBatch, _waiting.Count);
                var batch = _waiting.GetRange(0, count);
                _waiting.RemoveRange(0, count);
                return batch;
            }
        }

        /// <summary>Gives the lead to the oldest answer still waiting, or ends leading when none is.</summary>
        public void HandOff()
        {
            Pending next;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _leading = false;
                    return;
                }

                next = _waiting[0];
            }

            next.Signal.TrySetResult(Outcome.Lead);
        }
    }
}
