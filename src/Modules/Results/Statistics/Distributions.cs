using Platform.Core.Contests;

namespace Results.Statistics;

/// <summary>How scores and times taken spread over the entries (every final attempt, not only those that count).</summary>
internal static class Distributions
{
    /// <summary>Score ranges up to this wide are shown with every value between the lowest and highest, zeros included.</summary>
    public const int MaxFilledScoreRange = 100;

    /// <summary>Bucket widths tried in turn, minutes; the first giving at most <see cref="MaxDurationBuckets"/> buckets is used.</summary>
    public static readonly IReadOnlyList<int> BucketWidths = [1, 2, 5, 10, 15, 30, 60, 120, 240, 720, 1440];

    /// <summary>Most buckets of time taken, so a chart stays readable on a phone.</summary>
    public const int MaxDurationBuckets = 40;

    /// <summary>Entries per score value, ascending.</summary>
    public static List<ScoreBucket> Scores(IEnumerable<EntryRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var counts = new SortedDictionary<int, int>();
        foreach (var entry in entries)
        {
            counts[entry.Score] = counts.GetValueOrDefault(entry.Score) + 1;
        }

        if (counts.Count == 0)
        {
            return [];
        }

        int low = counts.Keys.First(), high = counts.Keys.Last();
        return (long)high - low <= MaxFilledScoreRange
            ? Enumerable.Range(low, high - low + 1).Select(s => new ScoreBucket(s, counts.GetValueOrDefault(s))).ToList()
            : counts.Select(c => new ScoreBucket(c.Key, c.Value)).ToList();
    }

    /// <summary>Entries per bucket of time taken: one minute wide when that gives few enough buckets, wider otherwise.</summary>
    public static DurationDistribution Durations(IEnumerable<EntryRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var perMinute = new Dictionary<long, int>();
        foreach (var entry in entries)
        {
            var minute = Math.Max(0, entry.DurationMs) / 60_000;
            perMinute[minute] = perMinute.GetValueOrDefault(minute) + 1;
        }

        if (perMinute.Count == 0)
        {
            return new DurationDistribution(1, []);
        }

        var longest = perMinute.Keys.Max();
        var width = BucketWidths.FirstOrDefault(w => longest / w < MaxDurationBuckets, BucketWidths[^1]);
        // Beyond the widest buckets (days-long practice attempts), the last bucket takes everything longer.
        var buckets = new int[(int)Math.Min(longest / width + 1, MaxDurationBuckets)];
        foreach (var (minute, count) in perMinute)
        {
            buckets[Math.Min(minute / width, buckets.Length - 1)] += count;
        }

        var overflow = longest / width + 1 > MaxDurationBuckets;
        return new DurationDistribution(width, buckets.Select((count, i) =>
            new DurationBucket(i * width, overflow && i == buckets.Length - 1 ? null : (i + 1) * width, count)).ToList());
    }
}
