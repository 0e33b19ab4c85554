using System.Globalization;
using Platform.Core.Contests;

namespace Results.Tests.Statistics;

/// <summary>Builders for the contract records the statistics read.</summary>
internal static class StatisticsData
{
    public static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static DateTime Utc(string iso) =>
        DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>A stable attempt id from a number, so tests can name attempts.</summary>
    public static Guid Attempt(int n) => new(n, 0, 0, new byte[8]);

    public static EntryRecord Entry(long contestant, string submittedAtUtc = "2023-09-10T03:00:00Z", int score = 10, string group = "N1", long durationMs = 60_000, int attempt = 0) =>
        new(attempt == 0 ? Guid.NewGuid() : Attempt(attempt), contestant, group, 0, score, score, 20, durationMs, null, Utc(submittedAtUtc));

    public static UnitRecord Unit(string code, string? parent = null, int? headcount = null, int order = 0, string? name = null) =>
        new(code, name ?? "Đơn vị " + code, parent, null, headcount, order);
}
