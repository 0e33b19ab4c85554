using Results.Statistics;
using static Results.Tests.Statistics.StatisticsData;

namespace Results.Tests.Statistics;

public sealed class DistributionsTests
{
    [Fact]
    public void Scores_CountsEachValue_FillingGapsBetweenLowestAndHighest()
    {
        var scores = Distributions.Scores([Entry(1, score: 18), Entry(2, score: 20), Entry(3, score: 20), Entry(4, score: 16)]);

        Assert.Equal(["16:1", "17:0", "18:1", "19:0", "20:2"], scores.Select(s => $"{s.Score}:{s.Entries}"));
    }

    [Fact]
    public void Scores_WhenTheRangeIsWide_ListsOnlyValuesMet() =>
        Assert.Equal(["0:1", "1000:1"], Distributions.Scores([Entry(1, score: 1000), Entry(2, score: 0)]).Select(s => $"{s.Score}:{s.Entries}"));

    [Theory]
    [InlineData(new long[] { 0, 59_999, 60_000, 150_000 }, 1, "0–1:2 1–2:1 2–3:1")] // one-minute buckets; 59.999 s is still the first minute
    [InlineData(new long[] { 20 * 60_000, 0 }, 1, "0–1:1 1–2:0 2–3:0 3–4:0 4–5:0 5–6:0 6–7:0 7–8:0 8–9:0 9–10:0 10–11:0 11–12:0 12–13:0 13–14:0 14–15:0 15–16:0 16–17:0 17–18:0 18–19:0 19–20:0 20–21:1")] // a 20-minute paper: 21 buckets
    [InlineData(new long[] { 0, 45 * 60_000 }, 2, null)] // 46 one-minute buckets are too many: two-minute buckets
    [InlineData(new long[] { -5 }, 1, "0–1:1")] // a negative time (clock skew) counts as zero
    public void Durations_BucketsByMinuteOrWiderWhenLong(long[] durations, int width, string? expected)
    {
        var distribution = Distributions.Durations(durations.Select((d, i) => Entry(i, durationMs: d)));

        Assert.Equal(width, distribution.BucketMinutes);
        Assert.True(distribution.Buckets.Count <= Distributions.MaxDurationBuckets);
        Assert.Equal(durations.Length, distribution.Buckets.Sum(b => b.Entries));
        if (expected is not null)
        {
            Assert.Equal(expected, string.Join(' ', distribution.Buckets.Select(b => $"{StatisticsFormat.Minutes(b)}:{b.Entries}")));
        }
    }

    [Fact]
    public void Durations_WhenDaysLong_EndsWithAnOpenBucket()
    {
        var distribution = Distributions.Durations([Entry(1, durationMs: 0), Entry(2, durationMs: 365L * 24 * 3_600_000)]);

        Assert.Equal(Distributions.MaxDurationBuckets, distribution.Buckets.Count);
        Assert.Null(distribution.Buckets[^1].ToMinutes);
        Assert.Equal(1, distribution.Buckets[^1].Entries);
    }
}
