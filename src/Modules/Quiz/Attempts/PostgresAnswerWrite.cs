using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>
/// An answer saved on PostgreSQL in one statement, committed on its own: the attempt's update (still in progress,
/// deadline not passed, version bumped) and the item's answer, the second only when the first found the attempt
/// open. One round trip instead of four (begin + update, update, commit): the save is a contest's hottest request,
/// and on the cluster benchmark most of a node's CPU went into talking to the database (docs/benchmarks.md).
/// Table and column names come from the EF model; both updates keep the tenant wall of the query filters.
/// </summary>
internal static class PostgresAnswerWrite
{
    private static string? _sql;

    /// <summary>Saves the answer; false when the attempt is no longer open (final, or past its deadline at <paramref name="at"/>).</summary>
    public static async Task<bool> SaveAsync(QuizDbContext db, Guid attemptId, long itemId, int selectedIndex, DateTime at)
    {
        var saved = await db.Database.ExecuteSqlRawAsync(
            _sql ??= Sql(db.Model),
            [
                new NpgsqlParameter("attempt", attemptId),
                new NpgsqlParameter("item", itemId),
                new NpgsqlParameter("tenant", db.CurrentTenantId),
                new NpgsqlParameter("selected", selectedIndex),
                new NpgsqlParameter("at", at),
                new NpgsqlParameter("open", nameof(AttemptState.InProgress)),
            ],
            CancellationToken.None);
        return saved == 1;
    }

    private static string Sql(IModel model)
    {
        var (attempts, a) = Names(model, typeof(Attempt));
        var (items, i) = Names(model, typeof(AttemptItem));
        return $"""
            WITH opened AS (
                UPDATE {attempts} SET {a(nameof(Attempt.LastAnswerAt))} = @at, {a(nameof(Attempt.Version))} = {a(nameof(Attempt.Version))} + 1
                WHERE {a(nameof(Attempt.Id))} = @attempt AND {a(nameof(Attempt.TenantId))} = @tenant
                  AND {a(nameof(Attempt.State))} = @open AND {a(nameof(Attempt.Deadline))} >= @at
                RETURNING {a(nameof(Attempt.Id))})
            UPDATE {items} SET {i(nameof(AttemptItem.SelectedIndex))} = @selected, {i(nameof(AttemptItem.AnsweredAt))} = @at
            WHERE {i(nameof(AttemptItem.Id))} = @item AND {i(nameof(AttemptItem.TenantId))} = @tenant
              AND {i(nameof(AttemptItem.AttemptId))} IN (SELECT {a(nameof(Attempt.Id))} FROM opened)
            """;
    }

    private static (string Table, Func<string, string> Column) Names(IModel model, Type type)
    {
        var entity = model.FindEntityType(type)!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return ($"\"{store.Schema}\".\"{store.Name}\"", property => $"\"{entity.FindProperty(property)!.GetColumnName(store)}\"");
    }
}
