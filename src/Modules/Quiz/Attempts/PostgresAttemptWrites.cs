using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>
/// A start on PostgreSQL in one statement committed on its own: one round trip instead of a transaction's several
/// (begin + statements, commit). Starts and answer saves (<see cref="AnswerStatement"/>) are the requests of deadline
/// night, and on the cluster benchmark most of a node's CPU went into talking to the database (docs/benchmarks.md,
/// decision 0011). Table and column names come from the EF model; every row written keeps the tenant wall of the query
/// filters.
/// </summary>
internal static class PostgresAttemptWrites
{
    private static readonly ConcurrentDictionary<int, string> StartSql = new();
    private static (List<IProperty> Attempt, List<IProperty> Item)? _columns;

    /// <summary>
    /// Inserts a new attempt and its items in one statement: all of it or, on any error (a concurrent start's
    /// unique-index conflict surfaces as a <see cref="PostgresException"/>), nothing.
    /// </summary>
    public static async Task StartAsync(QuizDbContext db, Attempt attempt, IReadOnlyList<AttemptItem> items)
    {
        var (attemptColumns, itemColumns) = _columns ??= Columns(db.Model);
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

        await db.Database.ExecuteSqlRawAsync(StartSql.GetOrAdd(items.Count, count => Start(db.Model, count)), parameters, CancellationToken.None);
    }

    // The attempt's row, then its items only through the attempt inserted (so they follow it, whatever the order of
    // the statement's parts). Every column the model inserts, so a column added later is written here too.
    private static string Start(IModel model, int itemCount)
    {
        var (attempts, a) = ModelSql.Names(model.FindEntityType(typeof(Attempt))!);
        var (items, i) = ModelSql.Names(model.FindEntityType(typeof(AttemptItem))!);
        var (attemptColumns, itemColumns) = _columns ??= Columns(model);
        var sql = new StringBuilder();
        sql.Append("WITH started AS (INSERT INTO ").Append(attempts).Append(" (")
            .AppendJoin(", ", attemptColumns.Select(p => a(p.Name))).Append(") VALUES (")
            .AppendJoin(", ", attemptColumns.Select((_, c) => $"@a{c}")).Append(") RETURNING ").Append(a(nameof(Attempt.Id))).Append(")\n")
            .Append("INSERT INTO ").Append(items).Append(" (").Append(i(nameof(AttemptItem.AttemptId))).Append(", ")
            .AppendJoin(", ", itemColumns.Select(p => i(p.Name))).Append(")\n")
            .Append("SELECT started.").Append(a(nameof(Attempt.Id))).Append(", v.* FROM started CROSS JOIN (VALUES ");
        for (var row = 0; row < itemCount; row++)
        {
            sql.Append(row == 0 ? "(" : ", (").AppendJoin(", ", itemColumns.Select((_, c) => $"@i{row}_{c}")).Append(')');
        }

        return sql.Append(") AS v").ToString();
    }

    // What EF would insert: every property but those the database generates (an item's identity); an item's attempt
    // comes from the attempt inserted.
    private static (List<IProperty> Attempt, List<IProperty> Item) Columns(IModel model)
    {
        static IEnumerable<IProperty> Inserted(IEntityType type) => type.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd);
        return (
            Inserted(model.FindEntityType(typeof(Attempt))!).ToList(),
            Inserted(model.FindEntityType(typeof(AttemptItem))!).Where(p => p.Name != nameof(AttemptItem.AttemptId)).ToList());
    }
}
