using System.Buffers;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>
/// A start's writes — the attempt and its items — as SQL written once per model (and item count on PostgreSQL), on both providers,
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
        var sqlite = db.Database.IsSqlite();
        var parameters = new List<DbParameter>(attemptColumns.Count + (sqlite ? 1 : items.Count * itemColumns.Count));
        for (var c = 0; c < attemptColumns.Count; c++)
        {
            parameters.Add(ModelSql.Parameter(factory, $"a{c}", attemptColumns[c], attemptColumns[c].GetGetter().GetClrValue(attempt)));
        }

        if (sqlite)
        {
            var rows = factory.CreateParameter();
            rows.ParameterName = "items";
            rows.Value = ItemRows(factory, itemColumns, items);
            parameters.Add(rows);
        }
        else
        {
            for (var row = 0; row < items.Count; row++)
            {
                for (var c = 0; c < itemColumns.Count; c++)
                {
                    parameters.Add(ModelSql.Parameter(factory, $"i{row}_{c}", itemColumns[c], itemColumns[c].GetGetter().GetClrValue(items[row])));
                }
            }
        }

        var sql = Sql.GetOrAdd((model, sqlite ? 0 : items.Count), static (key, sqlite) => Text(key.Model, key.Items, sqlite), sqlite);
        await db.Database.ExecuteSqlRawAsync(sql, parameters, CancellationToken.None);
    }

    // SQLite binds each parameter by looking its name up in the statement's list of names, one by one: with a
    // parameter per item and column (181 for 20 questions) that is quadratic, ≈ 8 % of a node's CPU while the
    // deadline's starts rise (docs/benchmarks.md). So on SQLite the items go as one parameter, a JSON array of rows
    // holding the value each column's parameter would carry (ModelSql.Parameter: its converter applied), read back with
    // json_extract: a JSON string is stored as the same TEXT, a number as the same INTEGER, true/false as 1/0 and null
    // as NULL, as that parameter would be.
    private static string ItemRows(DbCommand factory, List<IProperty> columns, IReadOnlyList<AttemptItem> items)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * items.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                json.WriteStartArray();
                foreach (var column in columns)
                {
                    switch (ModelSql.Parameter(factory, column.Name, column, column.GetGetter().GetClrValue(item)).Value)
                    {
                        case null or DBNull:
                            json.WriteNullValue();
                            break;
                        case string text:
                            json.WriteStringValue(text);
                            break;
                        case bool flag:
                            json.WriteBooleanValue(flag);
                            break;
                        case (int or long or short or byte or sbyte or ushort or uint) and var number:
                            json.WriteNumberValue(Convert.ToInt64(number, CultureInfo.InvariantCulture));
                            break;
                        case var other:
                            throw new NotSupportedException(
                                $"{nameof(AttemptItem)}.{column.Name}: a start on SQLite writes an item's columns as JSON, which keeps {other.GetType().Name} values only as text of another format; give the column a converter to text or a number, or write it here.");
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // PostgreSQL: one statement, the items inserted only through the attempt inserted (so they follow it, whatever the
    // order of the statement's parts). SQLite, which has no writes in WITH: two statements in one command, in the group
    // commit's transaction, the items from the rows of their JSON parameter (ItemRows), in their order.
    private static string Text(IModel model, int itemCount, bool sqlite)
    {
        var (attempts, a) = ModelSql.Names(model.FindEntityType(typeof(Attempt))!);
        var (items, i) = ModelSql.Names(model.FindEntityType(typeof(AttemptItem))!);
        var (attemptColumns, itemColumns) = Columns.GetOrAdd(model, Inserted);
        var sql = new StringBuilder();
        sql.Append(sqlite ? "INSERT INTO " : "WITH started AS (INSERT INTO ").Append(attempts).Append(" (")
            .AppendJoin(", ", attemptColumns.Select(p => a(p.Name))).Append(") VALUES (")
            .AppendJoin(", ", attemptColumns.Select((_, c) => $"@a{c}")).Append(')')
            .Append(sqlite ? ";\n" : $" RETURNING {a(nameof(Attempt.Id))})\n")
            .Append("INSERT INTO ").Append(items).Append(" (").Append(i(nameof(AttemptItem.AttemptId))).Append(", ")
            .AppendJoin(", ", itemColumns.Select(p => i(p.Name))).Append(")\n");
        if (sqlite)
        {
            return sql.Append("SELECT @a").Append(attemptColumns.FindIndex(p => p.Name == nameof(Attempt.Id))).Append(", ")
                .AppendJoin(", ", itemColumns.Select((_, c) => $"json_extract(row.value, '$[{c}]')"))
                .Append(" FROM json_each(@items) AS row ORDER BY row.key;").ToString();
        }

        sql.Append("SELECT started.").Append(a(nameof(Attempt.Id))).Append(", v.* FROM started CROSS JOIN (VALUES ");
        for (var row = 0; row < itemCount; row++)
        {
            sql.Append(row == 0 ? "(" : ", (").AppendJoin(", ", itemColumns.Select((_, c) => $"@i{row}_{c}")).Append(')');
        }

        return sql.Append(") AS v").ToString();
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
