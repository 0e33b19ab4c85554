using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Results.Data;

namespace Results.Ranking;

/// <summary>
/// Writes a run's ranked entries in bulk inside the context's current transaction: a binary COPY on PostgreSQL, one
/// prepared statement on SQLite. A million rows through change tracking would take minutes; these take seconds.
/// Table and column names come from the EF model, so they follow the module's schema or prefix.
/// </summary>
internal static class RankedEntryWriter
{
    private static readonly string[] Columns =
    [
        nameof(RankedEntry.RunId), nameof(RankedEntry.Position), nameof(RankedEntry.TenantId), nameof(RankedEntry.GroupCode),
        nameof(RankedEntry.Rank), nameof(RankedEntry.ContestantId), nameof(RankedEntry.AttemptId), nameof(RankedEntry.DisplayName),
        nameof(RankedEntry.UnitCode), nameof(RankedEntry.UnitName), nameof(RankedEntry.Score), nameof(RankedEntry.CorrectCount),
        nameof(RankedEntry.DurationMs), nameof(RankedEntry.Prediction), nameof(RankedEntry.Distance), nameof(RankedEntry.SubmittedAtMs),
        nameof(RankedEntry.Prize), nameof(RankedEntry.PrizeValue), nameof(RankedEntry.Ineligible),
    ];

    public static async Task WriteAsync(ResultsDbContext db, IEnumerable<RankedEntry> rows, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Ranked entries are written inside a transaction.");
        var entity = db.Model.FindEntityType(typeof(RankedEntry))!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = Columns.Select(c => entity.FindProperty(c)!).ToArray();
        var columns = properties.Select(p => p.GetColumnName(store)!).ToArray();
        if (transaction.Connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, $"\"{store.Schema}\".\"{store.Name}\"", columns, rows, cancellationToken);
        }
        else
        {
            await InsertAsync(transaction, $"\"{store.Name}\"", properties, columns, rows, cancellationToken);
        }
    }

    private static object?[] Values(RankedEntry r) =>
    [
        r.RunId, r.Position, r.TenantId, r.GroupCode, r.Rank, r.ContestantId, r.AttemptId, r.DisplayName, r.UnitCode, r.UnitName,
        r.Score, r.CorrectCount, r.DurationMs, r.Prediction, r.Distance, r.SubmittedAtMs, r.Prize, r.PrizeValue, r.Ineligible,
    ];

    private static async Task CopyAsync(NpgsqlConnection connection, string table, string[] columns, IEnumerable<RankedEntry> rows, CancellationToken cancellationToken)
    {
        var sql = $"COPY {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var import = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        foreach (var r in rows)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(r.RunId, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(r.Position, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.TenantId, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.GroupCode, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.Rank, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.ContestantId, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(r.AttemptId, NpgsqlDbType.Uuid, cancellationToken);
            await import.WriteAsync(r.DisplayName, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.UnitCode, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.UnitName, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.Score, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.CorrectCount, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.DurationMs, NpgsqlDbType.Bigint, cancellationToken);
            await WriteNullableAsync(import, r.Prediction, cancellationToken);
            await WriteNullableAsync(import, r.Distance, cancellationToken);
            await import.WriteAsync(r.SubmittedAtMs, NpgsqlDbType.Bigint, cancellationToken);
            if (r.Prize is null)
            {
                await import.WriteNullAsync(cancellationToken);
            }
            else
            {
                await import.WriteAsync(r.Prize, NpgsqlDbType.Text, cancellationToken);
            }

            await import.WriteAsync(r.PrizeValue, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(r.Ineligible, NpgsqlDbType.Boolean, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter import, long? value, CancellationToken cancellationToken)
    {
        if (value is { } v)
        {
            await import.WriteAsync(v, NpgsqlDbType.Bigint, cancellationToken);
        }
        else
        {
            await import.WriteNullAsync(cancellationToken);
        }
    }

    private static async Task InsertAsync(DbTransaction transaction, string table, IProperty[] properties, string[] columns, IEnumerable<RankedEntry> rows, CancellationToken cancellationToken)
    {
        // One prepared single-row statement: measured faster than multi-row statements with Microsoft.Data.Sqlite,
        // whose per-execution parameter binding grows with the parameters of the statement (docs/benchmarks.md).
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";

        // The model's type mappings make the parameters (a Guid as the TEXT EF reads back on SQLite).
        var parameters = properties.Select((p, i) =>
        {
            var parameter = p.GetRelationalTypeMapping().CreateParameter(command, $"$p{i}", null, p.IsNullable);
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(cancellationToken);
        var count = 0;
        foreach (var r in rows)
        {
            var values = Values(r);
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            // Microsoft.Data.Sqlite runs statements synchronously anyway; the async call would only add a Task a row.
            command.ExecuteNonQuery();
            if (++count % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
