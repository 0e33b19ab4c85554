using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Quiz.Attempts;

/// <summary>What the hot writes written as SQL take from the EF model: quoted names, and parameters typed as their column.</summary>
internal static class ModelSql
{
    /// <summary>The entity's table, quoted (with its schema on PostgreSQL), and a function quoting a property's column.</summary>
    public static (string Table, Func<string, string> Column) Names(IEntityType entity)
    {
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var table = store.Schema is null ? $"\"{store.Name}\"" : $"\"{store.Schema}\".\"{store.Name}\"";
        return (table, property => $"\"{entity.FindProperty(property)!.GetColumnName(store)}\"");
    }

    /// <summary>A parameter typed as the property's column (its converter applied, e.g. a state as its name).</summary>
    public static DbParameter Parameter(DbCommand factory, string name, IProperty property, object? value) =>
        property.GetRelationalTypeMapping().CreateParameter(factory, name, value, property.IsNullable);
}
