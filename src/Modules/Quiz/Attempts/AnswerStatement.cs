using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>
/// An answer save as SQL written once, on both providers: the answer is written only while the attempt is open (in
/// progress, its deadline not passed at the save's time), and the attempt counts the save. EF's <c>ExecuteUpdate</c>
/// did the same but translated its expression trees again on every save: ≈ 12 % of a SQLite node's CPU at the
/// deadline (docs/benchmarks.md, "Ten thousand contestants"). Names and parameter types (converters included) come from
/// the EF model, and every row written keeps the tenant wall of the query filters.
/// </summary>
internal static class AnswerStatement
{
    private static string? _postgres;
    private static string? _sqlite;

    /// <summary>
    /// Saves the answer; false when the attempt is no longer open. On SQLite, run it inside the group commit's
    /// transaction (<see cref="AttemptWrites"/>); on PostgreSQL it is one statement that commits on its own.
    /// </summary>
    public static async Task<bool> RunAsync(QuizDbContext db, Guid attemptId, long itemId, int selectedIndex, DateTime at)
    {
        var sqlite = db.Database.IsSqlite();
        var sql = sqlite ? _sqlite ??= Sqlite(db.Model) : _postgres ??= Postgres(db.Model);
        var attempt = db.Model.FindEntityType(typeof(Attempt))!;
        var item = db.Model.FindEntityType(typeof(AttemptItem))!;
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        DbParameter[] parameters =
        [
            ModelSql.Parameter(factory, "attempt", attempt.FindProperty(nameof(Attempt.Id))!, attemptId),
            ModelSql.Parameter(factory, "item", item.FindProperty(nameof(AttemptItem.Id))!, itemId),
            ModelSql.Parameter(factory, "tenant", attempt.FindProperty(nameof(Attempt.TenantId))!, db.CurrentTenantId),
            ModelSql.Parameter(factory, "selected", item.FindProperty(nameof(AttemptItem.SelectedIndex))!, selectedIndex),
            ModelSql.Parameter(factory, "at", attempt.FindProperty(nameof(Attempt.Deadline))!, at),
            ModelSql.Parameter(factory, "open", attempt.FindProperty(nameof(Attempt.State))!, AttemptState.InProgress),
        ];
        var rows = await db.Database.ExecuteSqlRawAsync(sql, parameters, CancellationToken.None);
        return rows == (sqlite ? 2 : 1);
    }

    // One statement: the attempt's update (only while open) feeds the item's.
    private static string Postgres(IModel model)
    {
        var (attempts, a) = ModelSql.Names(model.FindEntityType(typeof(Attempt))!);
        var (items, i) = ModelSql.Names(model.FindEntityType(typeof(AttemptItem))!);
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

    // SQLite has no writes in WITH: two statements with the same condition on the attempt, in one command and in the
    // group commit's transaction (SQLite has one writer, so nothing changes the attempt between them); 2 rows = saved.
    private static string Sqlite(IModel model)
    {
        var (attempts, a) = ModelSql.Names(model.FindEntityType(typeof(Attempt))!);
        var (items, i) = ModelSql.Names(model.FindEntityType(typeof(AttemptItem))!);
        var open = $"{a(nameof(Attempt.Id))} = @attempt AND {a(nameof(Attempt.TenantId))} = @tenant AND {a(nameof(Attempt.State))} = @open AND {a(nameof(Attempt.Deadline))} >= @at";
        return $"""
            UPDATE {items} SET {i(nameof(AttemptItem.SelectedIndex))} = @selected, {i(nameof(AttemptItem.AnsweredAt))} = @at
            WHERE {i(nameof(AttemptItem.Id))} = @item AND {i(nameof(AttemptItem.TenantId))} = @tenant AND {i(nameof(AttemptItem.AttemptId))} = @attempt
              AND EXISTS (SELECT 1 FROM {attempts} WHERE {open});
            UPDATE {attempts} SET {a(nameof(Attempt.LastAnswerAt))} = @at, {a(nameof(Attempt.Version))} = {a(nameof(Attempt.Version))} + 1
            WHERE {open};
            """;
    }
}
