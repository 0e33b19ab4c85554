using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.Core.Data;
using Platform.Core.Observability;
using Platform.Core.Tenancy;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>
/// Group commit of the contest's hot writes (starts and answers) on SQLite. Each commit waits for the disk, and SQLite
/// takes one writer at a time, so one transaction per write caps a node at the disk's flushes per second. Here the
/// writes to one tenant's database that arrive while a commit is under way wait together and go into the next
/// transaction: the first to arrive leads, runs the whole queue (up to <see cref="MaxBatch"/>) in one transaction,
/// each write in a savepoint of its own so that one that fails is undone alone and fails alone, then hands the lead to
/// the first write that arrived meanwhile. No caller is answered before the transaction holding its write has
/// committed: durability is the database's, unchanged.
/// PostgreSQL runs concurrent transactions and flushes the commits that arrive together in one go itself, so there a
/// queue would only make writes wait for each other (measured slower; decision 0010): there each write is one
/// statement that commits on its own (<see cref="StartStatement"/>, <see cref="AnswerStatement"/>).
/// </summary>
public sealed class AttemptWrites(SqliteWriteTurns turns, DatabaseLocator databases)
{
    /// <summary>At most this many writes share one transaction.</summary>
    public const int MaxBatch = 256;

    private readonly ConcurrentDictionary<(string Database, string TenantId), Queue> _queues = new();

    /// <summary>
    /// True when the databases are SQLite, where the hot writes go through <see cref="RunAsync{T}"/>. Known from the
    /// configuration: asking a request's context would set up its EF services, which a write that joins another's
    /// transaction never uses (≈ 11–14 % of a node's CPU at the deadline, docs/benchmarks.md).
    /// </summary>
    public bool GroupsCommits => databases.Provider == Platform.Core.DatabaseProvider.Sqlite;

    /// <summary>Writes of a tenant queued in this process for a commit that has not begun yet.</summary>
    public int Waiting(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return _queues.Where(q => q.Key.TenantId == tenant.Id).Sum(q => q.Value.Count);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction shared with the other writes waiting for the same database and
    /// tenant, and returns its result once that transaction has committed (or its exception; nothing of it is kept then).
    /// </summary>
    /// <param name="db">The caller's context, scoped to <paramref name="tenant"/>; it runs the batch if the caller leads.</param>
    /// <param name="tenant">The tenant written to.</param>
    /// <param name="write">
    /// The write, given the context to use (possibly another caller's, with nothing tracked): it may only add or update
    /// rows of <paramref name="tenant"/> and must not use the caller's own context or cancellation.
    /// </param>
    public async Task<T> RunAsync<T>(QuizDbContext db, TenantInfo tenant, Func<QuizDbContext, Task<T>> write)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tenant);
        if (!GroupsCommits)
        {
            throw new InvalidOperationException("Group commit is for SQLite; on PostgreSQL each write is one statement (StartStatement, AnswerStatement).");
        }

        // The database the context of this tenant uses (ModuleDbContextOptions), without setting the context up.
        var queue = _queues.GetOrAdd((databases.ForTenant(tenant), tenant.Id), _ => new Queue());
        var mine = new Pending<T>(write);
        if (!queue.Join(mine) && await Task.WhenAny(mine.Done.Task, mine.Lead.Task) == mine.Done.Task)
        {
            return await mine.Done.Task;
        }

        // This caller leads: nothing it does from here depends on its own request, which may be abandoned meanwhile.
        List<Pending>? batch = null;
        try
        {
            using (await turns.EnterAsync(db, CancellationToken.None))
            {
                batch = queue.Take(); // everything that queued while we waited for the database, this caller first
                await CommitAsync(db, batch);
            }

            PlatformMetrics.WriteBatchSize.Record(batch.Count, PlatformMetrics.Tenant(tenant.Name));
            batch.ForEach(p => p.Publish());
        }
        catch (Exception ex)
        {
            (batch ?? queue.Take()).ForEach(p => p.Fail(ex));
        }
        finally
        {
            queue.HandOff();
        }

        return await mine.Done.Task;
    }

    private static async Task CommitAsync(QuizDbContext db, List<Pending> batch)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (batch.Count == 1)
        {
            // Alone in its transaction, a write that fails takes the transaction with it: no savepoint needed.
            try
            {
                await batch[0].WriteAsync(db);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync(CancellationToken.None);
            return;
        }

        foreach (var pending in batch)
        {
            await transaction.CreateSavepointAsync("w", CancellationToken.None);
            try
            {
                await pending.WriteAsync(db);
                await transaction.ReleaseSavepointAsync("w", CancellationToken.None);
            }
            catch (Exception ex)
            {
                pending.Error = ex;
                await UndoAsync(transaction, ex);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Undoes a failed write's savepoint. When that fails too (the connection is gone) the whole transaction is lost:
    /// the write's own error, the cause, is what every write of the batch then fails with (a lost connection is
    /// transient, so clients are told to retry, rather than with the follow-on "transaction completed").
    /// </summary>
    private static async Task UndoAsync(IDbContextTransaction transaction, Exception cause)
    {
        try
        {
            await transaction.RollbackToSavepointAsync("w", CancellationToken.None);
        }
        catch (Exception)
        {
            ExceptionDispatchInfo.Throw(cause);
        }
    }

    private abstract class Pending
    {
        /// <summary>Completed when it is this write's caller's turn to lead.</summary>
        public TaskCompletionSource Lead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Why the write failed in its savepoint (undone; the others commit).</summary>
        public Exception? Error { get; set; }

        public abstract Task WriteAsync(QuizDbContext db);

        /// <summary>Tells the caller, once the transaction has committed.</summary>
        public abstract void Publish();

        /// <summary>Tells the caller the whole transaction failed.</summary>
        public abstract void Fail(Exception error);
    }

    private sealed class Pending<T>(Func<QuizDbContext, Task<T>> write) : Pending
    {
        private T? _result;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task WriteAsync(QuizDbContext db) => _result = await write(db);

        public override void Publish()
        {
            if (Error is null)
            {
                Done.TrySetResult(_result!);
            }
            else
            {
                Done.TrySetException(Error);
            }
        }

        public override void Fail(Exception error) => Done.TrySetException(error);
    }

    /// <summary>The writes waiting for one database and tenant; at most one caller leads at a time.</summary>
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

        /// <summary>Queues a write; true when nobody leads, so its caller leads now.</summary>
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

        /// <summary>Gives the lead to the oldest write still waiting, or ends leading when none is.</summary>
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

            next.Lead.TrySetResult();
        }
    }
}
