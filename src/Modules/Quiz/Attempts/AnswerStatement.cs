using System.Collections.Concurrent;
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
    private static readonly ConcurrentDictionary<IModel, Prepared> ByModel = new();

    /// <summary>
    /// Saves the answer; false when the attempt is no longer open. On SQLite, run it inside the group commit's
    /// transaction (<see cref="AttemptWrites"/>); on PostgreSQL it is one statement that commits on its own.
    /// </summary>
    public static async Task<bool> RunAsync(QuizDbContext db, Guid attemptId, int position, int selectedIndex, DateTime at)
    {
        var statement = ByModel.GetOrAdd(db.Model, static (model, sqlite) => Prepare(model, sqlite), db.Database.IsSqlite());
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        DbParameter[] parameters =
        [
            ModelSql.Parameter(factory, "attempt", statement.AttemptId, attemptId),
            ModelSql.Parameter(factory, "position", statement.Position, position),
            ModelSql.Parameter(factory, "tenant", statement.TenantId, db.CurrentTenantId),
            ModelSql.Parameter(factory, "selected", statement.Selected, selectedIndex),
            ModelSql.Parameter(factory, "at", statement.At, at),
            ModelSql.Parameter(factory, "open", statement.State, AttemptState.InProgress),
        ];
        var rows = await db.Database.ExecuteSqlRawAsync(statement.Sql, parameters, CancellationToken.None);
        return rows == statement.RowsWhenSaved;
    }

    // The statement of a model and the properties its parameters are typed as, looked up once per model.
    private static Prepared Prepare(IModel model, bool sqlite)
    {
        var attempt = model.FindEntityType(typeof(Attempt))!;
        var item = model.FindEntityType(typeof(AttemptItem))!;
        return new Prepared(
            Sql(model, sqlite),
            sqlite ? 2 : 1,
            attempt.FindProperty(nameof(Attempt.Id))!,
            item.FindProperty(nameof(AttemptItem.Position))!,
            attempt.FindProperty(nameof(Attempt.TenantId))!,
            item.FindProperty(nameof(AttemptItem.SelectedIndex))!,
            attempt.FindProperty(nameof(Attempt.Deadline))!,
            attempt.FindProperty(nameof(Attempt.State))!);
    }

    /// <summary>The save's SQL for a model (parameters @attempt, @position, @tenant, @selected, @at and @open).</summary>
    public static string Sql(IModel model, bool sqlite) => sqlite ? Sqlite(model) : Postgres(model);

    // One statement: the item is written only when the attempt's update (only while open) returned it. On tables not
    // yet analyzed (a new contest's first hour, every benchmark) PostgreSQL priced the (State, Deadline) index, or the
    // one led by the tenant, like the key and read every open attempt of the tenant on each save: the other conditions
    // are kept out of index conditions (IS TRUE, true exactly when they hold) so that only the key can serve; the item
    // is found by its attempt and position (unique) with the attempt as a constant, not through a join the planner
    // could lead with the items.
    private static string Postgres(IModel model)
    {
        var (attempts, a) = ModelSql.Names(model.FindEntityType(typeof(Attempt))!);
        var (items, i) = ModelSql.Names(model.FindEntityType(typeof(AttemptItem))!);
        return $"""
            WITH opened AS (
                UPDATE {attempts} SET {a(nameof(Attempt.LastAnswerAt))} = @at, {a(nameof(Attempt.Version))} = {a(nameof(Attempt.Version))} + 1
                WHERE {a(nameof(Attempt.Id))} = @attempt
                  AND ({a(nameof(Attempt.TenantId))} = @tenant AND {a(nameof(Attempt.State))} = @open AND {a(nameof(Attempt.Deadline))} >= @at) IS TRUE
                RETURNING {a(nameof(Attempt.Id))})
            UPDATE {items} SET {i(nameof(AttemptItem.SelectedIndex))} = @selected, {i(nameof(AttemptItem.AnsweredAt))} = @at
            WHERE {i(nameof(AttemptItem.AttemptId))} = @attempt AND {i(nameof(AttemptItem.Position))} = @position
              AND {i(nameof(AttemptItem.TenantId))} = @tenant AND EXISTS (SELECT 1 FROM opened)
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
            WHERE {i(nameof(AttemptItem.AttemptId))} = @attempt AND {i(nameof(AttemptItem.Position))} = @position AND {i(nameof(AttemptItem.TenantId))} = @tenant
              AND EXISTS (SELECT 1 FROM {attempts} WHERE {open});
            UPDATE {attempts} SET {a(nameof(Attempt.LastAnswerAt))} = @at, {a(nameof(Attempt.Version))} = {a(nameof(Attempt.Version))} + 1
            WHERE {open};
            """;
    }

    private sealed record Prepared(string Sql, int RowsWhenSaved, IProperty AttemptId, IProperty Position, IProperty TenantId, IProperty Selected, IProperty At, IProperty State);
}
