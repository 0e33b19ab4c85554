using System.Globalization;

namespace Results.Statistics;

/// <summary>Numbers and dates as Vietnamese readers expect them (1.234; 12,5%; 09/09/2023).</summary>
internal static class StatisticsFormat
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Number(long value) => value.ToString("N0", Vietnamese);

    public static string Decimal(double? value, int digits = 2) => value is { } v ? v.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), Vietnamese) : "—";

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("N1", Vietnamese) + "%" : "—";

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset local) => local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string ShortDay(DateOnly day) => day.ToString("dd/MM", CultureInfo.InvariantCulture);

    public static string Minutes(DurationBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return bucket.ToMinutes is { } to
            ? string.Create(CultureInfo.InvariantCulture, $"{bucket.FromMinutes}–{to}")
            : string.Create(CultureInfo.InvariantCulture, $"≥{bucket.FromMinutes}");
    }
}
