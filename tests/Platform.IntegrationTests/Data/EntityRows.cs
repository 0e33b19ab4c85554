using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Platform.IntegrationTests.Data;

/// <summary>
/// Makes a valid row of any entity type from its EF metadata (required values, and principal rows for
/// required foreign keys), so the isolation suite covers tables that nobody wrote a builder for.
/// </summary>
internal static class EntityRows
{
    public static object Add(DbContext db, IEntityType type, Dictionary<IEntityType, object>? principals = null)
    {
        principals ??= [];
        var row = Activator.CreateInstance(type.ClrType, nonPublic: true)
            ?? throw new InvalidOperationException($"Cannot create {type.ClrType.Name}.");
        var foreignKeyProperties = new HashSet<IProperty>();
        foreach (var foreignKey in type.GetForeignKeys().Where(f => f.IsRequired && f.PrincipalEntityType != type))
        {
            if (!principals.TryGetValue(foreignKey.PrincipalEntityType, out var principal))
            {
                principal = Add(db, foreignKey.PrincipalEntityType, principals);
                principals[foreignKey.PrincipalEntityType] = principal;
            }

            for (var i = 0; i < foreignKey.Properties.Count; i++)
            {
                var value = db.Entry(principal).Property(foreignKey.PrincipalKey.Properties[i].Name).CurrentValue;
                foreignKey.Properties[i].PropertyInfo!.SetValue(row, value);
                foreignKeyProperties.Add(foreignKey.Properties[i]);
            }
        }

        foreach (var property in type.GetProperties())
        {
            var info = property.PropertyInfo;
            if (info is null || !info.CanWrite || foreignKeyProperties.Contains(property) || property.Name == "TenantId")
            {
                continue;
            }

            var current = info.GetValue(row);
            var isDefault = current is null or "" || (info.PropertyType.IsValueType && current.Equals(Activator.CreateInstance(info.PropertyType)));
            if (!isDefault || (property.IsKey() && property.ValueGenerated != ValueGenerated.Never && IsNumber(property.ClrType)))
            {
                continue;
            }

            if (property.IsNullable && !property.IsKey() && property.ClrType == typeof(string))
            {
                info.SetValue(row, Sample(property));
                continue;
            }

            if (!property.IsNullable || property.IsKey())
            {
                info.SetValue(row, Sample(property));
            }
        }

        db.Add(row);
        return row;
    }

    private static bool IsNumber(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(short);

    private static object Sample(IProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (type == typeof(string))
        {
            var text = "x" + Guid.NewGuid().ToString("N");
            return text[..Math.Min(text.Length, property.GetMaxLength() ?? text.Length)];
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0)!;
        }

        return type switch
        {
            _ when type == typeof(int) => 1,
            _ when type == typeof(long) => 1L,
            _ when type == typeof(short) => (short)1,
            _ when type == typeof(decimal) => 1m,
            _ when type == typeof(double) => 1d,
            _ when type == typeof(bool) => false,
            _ when type == typeof(Guid) => Guid.NewGuid(),
            _ when type == typeof(DateTime) => DateTime.UtcNow,
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.UtcNow,
            _ when type == typeof(DateOnly) => DateOnly.FromDateTime(DateTime.UtcNow),
            _ => throw new NotSupportedException($"No sample value for {property.DeclaringType.ClrType.Name}.{property.Name} ({type.Name}); teach EntityRows."),
        };
    }
}
