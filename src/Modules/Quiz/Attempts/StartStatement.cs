using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>
/// A start's writes — the attempt and its items — as SQL written once per model and item count, on both providers,
/// instead of EF's change tracking of every row: on SQLite that was ≈ 19 % of a node's CPU while starts rose at the
/// deadline (docs/benchmarks.md, "Ten thousand contestants"); on PostgreSQL it is one round trip instead of a
/// transaction's several (decision 0011). Every column the model inserts is written, so a column added later is
/// written here too, with the parameter types of the model (converters included), and every row carries the tenant.
/// </summary>
internal static class StartStatement
{
    private static readonly ConcurrentDictionary<(IModel Model, int Items), string> Sql = new();
    private static readonly ConcurrentDictionary<IModel, (List<IProperty> Attempt, List<IProperty> Item)> Columns = new();

    /// <summary>
    /// Inserts a new attempt and its items: all of it or, on any error (a concurrent start's unique-index conflict
    /// surfaces as the provider's exception), nothing. On SQLite, run it inside the group commit's transaction
    /// (<see cref="AttemptWrites"/>), which undoes it alone when it fails; on PostgreSQL it is one statement.
    /// </summary>
    public static async Task RunAsync(QuizDbContext db, Attempt attempt, IReadOnlyList<AttemptItem> items)
    {
        var model = db.Model;
        var (attemptColumns, itemColumns) = Columns.GetOrAdd(model, Inserted);
        attempt.TenantId = db.CurrentTenantId;
        foreach (var item in items)
        {
            item.TenantId = db.CurrentTenantId;
            item.AttemptId = attempt.Id;
        }

        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>(attemptColumns.Count + (items.Count * itemColumns.Count));
        for (var c = 0; c < attemptColumns.Count; c++)
        {
            parameters.Add(ModelSql.Parameter(factory, $"a{c}", attemptColumns[c], attemptColumns[c].GetGetter().GetClrValue(attempt)));
        }

        for (var row = 0; row < items.Count; row++)
        {
            for (var c = 0; c < itemColumns.Count; c++)
            {
                parameters.Add(ModelSql.Parameter(factory, $"i{row}_{c}", itemColumns[c], itemColumns[c].GetGetter().GetClrValue(items[row])));
            }
        }

        var sqlite = db.Database.IsSqlite();
        await db.Database.ExecuteSqlRawAsync(Sql.GetOrAdd((model, items.Count), static (key, sqlite) => Text(key.Model, key.Items, sqlite), sqlite), parameters, CancellationToken.None);
    }

    // PostgreSQL: one statement, the items inserted only through the attempt inserted (so they follow it, whatever the
    // order of the statement's parts). SQLite, which has no writes in WITH: two statements in one command, in the group
    // commit's transaction.
    private static string Text(IModel model, int itemCount, bool sqlite)
    {
        var (attempts, a) = ModelSql.Names(model.FindEntityType(typeof(Attempt))!);
        var (items, i) = ModelSql.Names(model.FindEntityType(typeof(AttemptItem))!);
        var (attemptColumns, itemColumns) = Columns.GetOrAdd(model, Inserted);
        var attemptId = $"@a{attemptColumns.FindIndex(p => p.Name == nameof(Attempt.Id))}";
        var sql = new StringBuilder();
        sql.Append(sqlite ? "INSERT INTO " : "WITH started AS (INSERT INTO ").Append(attempts).Append(" (")
            .AppendJoin(", ", attemptColumns.Select(p => a(p.Name))).Append(") VALUES (")
            .AppendJoin(", ", attemptColumns.Select((_, c) => $"@a{c}")).Append(')')
            .Append(sqlite ? ";\n" : $" RETURNING {a(nameof(Attempt.Id))})\n")
            .Append("INSERT INTO ").Append(items).Append(" (").Append(i(nameof(AttemptItem.AttemptId))).Append(", ")
            .AppendJoin(", ", itemColumns.Select(p => i(p.Name))).Append(")\n")
            .Append(sqlite ? "VALUES " : $"SELECT started.{a(nameof(Attempt.Id))}, v.* FROM started CROSS JOIN (VALUES ");
        for (var row = 0; row < itemCount; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            if (sqlite)
            {
                sql.Append(attemptId).Append(", ");
            }

            sql.AppendJoin(", ", itemColumns.Select((_, c) => $"@i{row}_{c}")).Append(')');
        }

        return sql.Append(sqlite ? ";" : ") AS v").ToString();
    }

    // What EF would insert: every property but those the database generates (an item's identity); an item's attempt
    // comes from the attempt inserted.
    private static (List<IProperty> Attempt, List<IProperty> Item) Inserted(IModel model)
    {
        static IEnumerable<IProperty> Of(IEntityType type) => type.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd);
        return (
            Of(model.FindEntityType(typeof(Attempt))!).ToList(),
            Of(model.FindEntityType(typeof(AttemptItem))!).Where(p => p.Name != nameof(AttemptItem.AttemptId)).ToList());
    }
}
