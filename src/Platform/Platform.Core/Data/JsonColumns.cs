using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Core.Data;

/// <summary>
/// Stores a small value object (a list of groups, quotas, ...) as JSON text, the same way on SQLite and
/// PostgreSQL, compared by content so that changes inside it are saved.
/// </summary>
public static class JsonColumns
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the property to a JSON text column.</summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(property);
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            text => string.IsNullOrEmpty(text) ? new T() : JsonSerializer.Deserialize<T>(text, Options) ?? new T(),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                value => JsonSerializer.Serialize(value, Options).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Options), Options)!));
        return property;
    }
}
