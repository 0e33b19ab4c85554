using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Results.Benchmarks;

/// <summary>
/// One prepared INSERT of every mapped column of <typeparamref name="T"/>, inside the context's current transaction:
/// table, columns, value converters and parameters all come from the EF model (as the results module's
/// RankedEntryWriter does), so the rows are what EF itself would have written, at a fraction of the cost of change tracking.
/// </summary>
internal sealed class RawInserter<T> : IDisposable
    where T : class
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;

    public RawInserter(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rows are written inside a transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().Where(p => p.GetColumnName(store) is not null).ToArray();

        _command = transaction.Connection!.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(store.Name, store.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")))})";
        _columns = properties.Select((p, i) =>
        {
            var mapping = p.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(_command, sql.GenerateParameterName($"p{i}"), null, p.IsNullable);
            _command.Parameters.Add(parameter);
            return new Column(parameter, p.GetGetter(), mapping.Converter);
        }).ToArray();
        _command.Prepare();
    }

    public void Insert(T row)
    {
        foreach (var column in _columns)
        {
            var value = column.Getter.GetClrValueUsingContainingEntity(row);
            if (value is not null && column.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }

            column.Parameter.Value = value ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();

    private sealed record Column(DbParameter Parameter, IClrPropertyGetter Getter, ValueConverter? Converter);
}
