using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Platform.Core.Data;

/// <summary>
/// SQLite has one writer at a time, and a writer that finds the file locked sleeps before it retries: under
/// a burst (a synchronized start, a wave of answers) most of the time goes to those sleeps. Hot write paths
/// enter this queue around their save so that the writers of this process take turns instead. It is a
/// no-op on PostgreSQL. Always use it with <c>using</c>: the turn ends when the returned scope is disposed.
/// </summary>
public sealed class SqliteWriteTurns
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    /// <summary>Waits for this context's database's turn; null (nothing to release) when it is not SQLite.</summary>
    public async ValueTask<IDisposable?> EnterAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Database.IsSqlite())
        {
            return null;
        }

        var turn = _turns.GetOrAdd(context.Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
