using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Platform.Core.Observability;
using Platform.Core.Tenancy;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>
/// Answer saves on PostgreSQL, several in one statement. A save alone is one statement that commits on its own, and
/// at the deadline's peak PostgreSQL spent most of its CPU, and the disk most of its flushes, on those commits one by
/// one (≈ 500 log flushes a second for ≈ 1,000 saves; decision 0013). Here the saves for one database that arrive
/// while a batch is being written wait together and go into the next statement: the first to arrive leads, writes the
/// queue (up to <see cref="MaxBatch"/>, one save per attempt: a second save of the same attempt waits for the next
/// batch, so an attempt's saves apply in the order they arrived) as arrays in one statement, and hands the lead to the
/// first save that arrived meanwhile. Each row names its tenant, so tenants sharing a database share batches and keep
/// their wall. No caller is answered before the statement holding its save has committed; if the statement fails,
/// every save of it fails and nothing of it is kept (one statement is all or nothing).
/// </summary>
public sealed class PostgresAnswerBatches
{
    /// <summary>At most this many saves share one statement.</summary>
    public const int MaxBatch = 256;

    private readonly ConcurrentDictionary<string, Queue> _queues = new();
    private string? _sql;

    /// <summary>
    /// Saves the answer with the others waiting for the same database, once the statement holding it has committed:
    /// false when the attempt is no longer open (final, or past its deadline at <paramref name="at"/>).
    /// </summary>
    /// <param name="db">The caller's context, scoped to <paramref name="tenant"/>; it writes the batch if the caller leads.</param>
    /// <param name="tenant">The tenant written to (its metrics get the batch's size when its save leads).</param>
    /// <param name="attemptId">The attempt, checked open and before its deadline by the statement.</param>
    /// <param name="itemId">The attempt's item answered.</param>
    /// <param name="selectedIndex">The option chosen, as stored (its index in the question's version).</param>
    /// <param name="at">When it was answered (the server's clock).</param>
    public async Task<bool> SaveAsync(QuizDbContext db, TenantInfo tenant, Guid attemptId, long itemId, int selectedIndex, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tenant);
        var queue = _queues.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => new Queue());
        var mine = new Save(attemptId, itemId, db.CurrentTenantId, selectedIndex, at);
        if (!queue.Join(mine) && await Task.WhenAny(mine.Done.Task, mine.Lead.Task) == mine.Done.Task)
        {
            return await mine.Done.Task;
        }

        // This caller leads: nothing it does from here depends on its own request, which may be abandoned meanwhile.
        var batch = queue.Take(); // this caller first
        try
        {
            var saved = await WriteAsync(db, batch);
            PlatformMetrics.WriteBatchSize.Record(batch.Count, PlatformMetrics.Tenant(tenant.Name));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(saved.Contains(i));
            }
        }
        catch (Exception ex)
        {
            batch.ForEach(s => s.Done.TrySetException(ex));
        }
        finally
        {
            queue.HandOff();
        }

        return await mine.Done.Task;
    }

    /// <summary>Writes the batch in one statement; the positions in it of the saves written.</summary>
    private async Task<HashSet<int>> WriteAsync(QuizDbContext db, List<Save> batch)
    {
        object[] parameters =
        [
            new NpgsqlParameter("attempts", batch.Select(s => s.AttemptId).ToArray()),
            new NpgsqlParameter("items", batch.Select(s => s.ItemId).ToArray()),
            new NpgsqlParameter("tenants", batch.Select(s => s.TenantId).ToArray()),
            new NpgsqlParameter("selected", batch.Select(s => s.SelectedIndex).ToArray()),
            new NpgsqlParameter("at", batch.Select(s => s.At).ToArray()),
            new NpgsqlParameter("open", nameof(AttemptState.InProgress)),
        ];

        // Read to the end: the statement commits when the server says it is ready for the next one, after the rows,
        // so an error of the commit surfaces here, before anyone is told their answer is saved.
        var written = await db.Database.SqlQueryRaw<long>(_sql ??= Sql(db.Model), parameters).ToListAsync(CancellationToken.None);
        return written.Select(n => (int)n - 1).ToHashSet();
    }

    // One row per save (its position in the batch, from ORDINALITY), unnested for each update. The batch's attempts are
    // locked first, in the order of their ids: two nodes' batches naming the same attempts then lock them in the same
    // order and wait for each other instead of deadlocking. Then the attempts are updated (open, before their deadline
    // at the save's time, version + 1), and an item only through an attempt updated: a finalization that claimed the
    // attempt first makes its saves find it closed (decision 0010). Names come from the EF model.
    private static string Sql(IModel model)
    {
        var attemptType = model.FindEntityType(typeof(Attempt))!;
        var itemType = model.FindEntityType(typeof(AttemptItem))!;
        var (attempts, a) = PostgresAttemptWrites.Names(attemptType);
        var (items, i) = PostgresAttemptWrites.Names(itemType);
        string Type(IEntityType entity, string property) => entity.FindProperty(property)!.GetRelationalTypeMapping().StoreType;
        var rows = $"""
            unnest(@attempts::{Type(attemptType, nameof(Attempt.Id))}[], @items::{Type(itemType, nameof(AttemptItem.Id))}[],
                   @tenants::{Type(itemType, nameof(AttemptItem.TenantId))}[], @selected::{Type(itemType, nameof(AttemptItem.SelectedIndex))}[],
                   @at::{Type(itemType, nameof(AttemptItem.AnsweredAt))}[])
                WITH ORDINALITY AS r(attempt, item, tenant, selected, at, n)
            """;
        return $"""
            WITH locked AS MATERIALIZED (
                SELECT {a(nameof(Attempt.Id))} AS id FROM {attempts}
                WHERE {a(nameof(Attempt.Id))} = ANY(@attempts) AND {a(nameof(Attempt.TenantId))} = ANY(@tenants)
                ORDER BY {a(nameof(Attempt.Id))} FOR UPDATE),
            opened AS (
                UPDATE {attempts} AS a SET {a(nameof(Attempt.LastAnswerAt))} = r.at, {a(nameof(Attempt.Version))} = a.{a(nameof(Attempt.Version))} + 1
                FROM {rows} JOIN locked ON locked.id = r.attempt
                WHERE a.{a(nameof(Attempt.Id))} = r.attempt AND a.{a(nameof(Attempt.TenantId))} = r.tenant
                  AND a.{a(nameof(Attempt.State))} = @open AND a.{a(nameof(Attempt.Deadline))} >= r.at
                RETURNING a.{a(nameof(Attempt.Id))} AS id)
            UPDATE {items} AS i SET {i(nameof(AttemptItem.SelectedIndex))} = r.selected, {i(nameof(AttemptItem.AnsweredAt))} = r.at
            FROM {rows} JOIN opened ON opened.id = r.attempt
            WHERE i.{i(nameof(AttemptItem.Id))} = r.item AND i.{i(nameof(AttemptItem.TenantId))} = r.tenant
              AND i.{i(nameof(AttemptItem.AttemptId))} = r.attempt
            RETURNING r.n AS "Value"
            """;
    }

    private sealed record Save(Guid AttemptId, long ItemId, string TenantId, int SelectedIndex, DateTime At)
    {
        /// <summary>Completed when it is this save's caller's turn to lead.</summary>
        public TaskCompletionSource Lead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The saves waiting for one database; at most one caller leads at a time.</summary>
    private sealed class Queue
    {
        private readonly Lock _gate = new();
        private readonly List<Save> _waiting = [];
        private bool _leading;

        /// <summary>Queues a save; true when nobody leads, so its caller leads now.</summary>
        public bool Join(Save save)
        {
            lock (_gate)
            {
                _waiting.Add(save);
                if (_leading)
                {
                    return false;
                }

                _leading = true;
                return true;
            }
        }

        /// <summary>The next batch, oldest first (the leader is always the oldest waiting), one save per attempt.</summary>
        public List<Save> Take()
        {
            lock (_gate)
            {
                var batch = new List<Save>(Math.Min(MaxBatch, _waiting.Count));
                var attempts = new HashSet<Guid>();
                var left = new List<Save>();
                foreach (var save in _waiting)
                {
                    if (batch.Count < MaxBatch && attempts.Add(save.AttemptId))
                    {
                        batch.Add(save);
                    }
                    else
                    {
                        left.Add(save);
                    }
                }

                _waiting.Clear();
                _waiting.AddRange(left);
                return batch;
            }
        }

        /// <summary>Gives the lead to the oldest save still waiting, or ends leading when none is.</summary>
        public void HandOff()
        {
            Save next;
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
