using Platform.Core.Contests;

namespace Results.Ranking;

/// <summary>Everything a ranking depends on besides the entries; written out as the evidence's <c>policy.json</c>.</summary>
/// <param name="Contest">Contest slug.</param>
/// <param name="Round">Round, 0 for the whole contest.</param>
/// <param name="Counts">Which attempt of a contestant is their entry.</param>
/// <param name="TieBreaks">Keys in order (<see cref="TieBreak"/>).</param>
/// <param name="ActualPrediction">The value predictions are judged against, or null.</param>
/// <param name="Groups">Group codes, in the order the ranking lists them.</param>
/// <param name="Prizes">Prize classes in award order.</param>
/// <param name="Disqualified">Contestants ranked but never awarded.</param>
/// <param name="AlreadyAwarded">Contestants who won in another published scope of the contest.</param>
internal sealed record RankingPolicy(
    string Contest,
    int Round,
    CountedAttempt Counts,
    IReadOnlyList<string> TieBreaks,
    long? ActualPrediction,
    IReadOnlyList<string> Groups,
    IReadOnlyList<PrizeQuota> Prizes,
    IReadOnlyList<long> Disqualified,
    IReadOnlyList<long> AlreadyAwarded);

/// <summary>One line of a ranking.</summary>
/// <param name="Group">Group code.</param>
/// <param name="Rank">Rank in the group, from 1.</param>
/// <param name="Entry">The attempt that counts.</param>
/// <param name="SubmittedAtMs">Its submission, Unix milliseconds.</param>
/// <param name="Distance">Distance of its prediction, or null.</param>
/// <param name="Prize">Prize class, or null.</param>
/// <param name="PrizeValue">Prize value in VND.</param>
/// <param name="Ineligible">Disqualified or already awarded: never given a prize.</param>
internal sealed record RankedRow(string Group, int Rank, EntryRecord Entry, long SubmittedAtMs, long? Distance, string? Prize, long PrizeValue, bool Ineligible);

/// <summary>
/// The ranking rules of docs/results-evidence.md, in memory: one entry per contestant, a total order by the tie-break
/// chain ending with the attempt id (so the same inputs always give the same ranking, whatever the database or the
/// order rows arrive in), then prizes down the ranking.
/// </summary>
internal static class RankingEngine
{
    /// <summary>Unix milliseconds of a UTC time, the precision every database keeps.</summary>
    public static long UnixMs(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>Ranks <paramref name="attempts"/> (final attempts of the scope, in any order) under <paramref name="policy"/>.</summary>
    public static IReadOnlyList<RankedRow> Rank(IEnumerable<EntryRecord> attempts, RankingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(policy);
        if (TieBreak.Problem(policy.TieBreaks) is { } problem)
        {
            throw new ArgumentException(problem, nameof(policy));
        }

        var comparer = new EntryComparer(policy.TieBreaks);
        var chosen = new Dictionary<long, Candidate>();
        foreach (var attempt in attempts)
        {
            var candidate = new Candidate(attempt, UnixMs(attempt.SubmittedAt), Distance(attempt.Prediction, policy.ActualPrediction));
            if (!chosen.TryGetValue(attempt.ContestantId, out var current) || Replaces(candidate, current, policy.Counts, comparer))
            {
                chosen[attempt.ContestantId] = candidate;
            }
        }

        var byGroup = chosen.Values.GroupBy(c => c.Entry.GroupCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var disqualified = policy.Disqualified.ToHashSet();
        var awarded = policy.AlreadyAwarded.ToHashSet();
        var rows = new List<RankedRow>(chosen.Count);
        foreach (var group in policy.Groups)
        {
            if (!byGroup.TryGetValue(group, out var entries))
            {
                continue;
            }

            Array.Sort(entries, comparer);
            var left = policy.Prizes.Where(p => p.Group == group).Select(p => (p.Class, p.Value, Left: p.Count)).ToList();
            for (var i = 0; i < entries.Length; i++)
            {
                var c = entries[i];
                var ineligible = disqualified.Contains(c.Entry.ContestantId) || awarded.Contains(c.Entry.ContestantId);
                string? prize = null;
                long value = 0;
                if (!ineligible)
                {
                    var slot = left.FindIndex(p => p.Left > 0);
                    if (slot >= 0)
                    {
                        (prize, value) = (left[slot].Class, left[slot].Value);
                        left[slot] = left[slot] with { Left = left[slot].Left - 1 };
                    }
                }

                rows.Add(new RankedRow(group, i + 1, c.Entry, c.SubmittedAtMs, c.Distance, prize, value, ineligible));
            }
        }

        return rows;
    }

    /// <summary>The actual value to judge predictions against, when the contest computes it at close.</summary>
    public static long? ComputedActual(PredictionTarget? target, IReadOnlyCollection<EntryRecord> attempts) => target switch
    {
        PredictionTarget.AllCorrectEntries => attempts.Count(a => a.QuestionCount > 0 && a.CorrectCount == a.QuestionCount),
        PredictionTarget.Participants => attempts.Select(a => a.ContestantId).Distinct().Count(),
        _ => null,
    };

    private static long? Distance(long? prediction, long? actual) =>
        prediction is { } p && actual is { } a ? Math.Abs(p - a) : null;

    private static bool Replaces(Candidate candidate, Candidate current, CountedAttempt counts, EntryComparer comparer) => counts switch
    {
        CountedAttempt.Best => comparer.Compare(candidate, current) < 0,
        CountedAttempt.First => Chronological(candidate, current) < 0,
        CountedAttempt.Last => Chronological(candidate, current) > 0,
        _ => throw new ArgumentOutOfRangeException(nameof(counts)),
    };

    private static int Chronological(Candidate x, Candidate y)
    {
        var byTime = x.SubmittedAtMs.CompareTo(y.SubmittedAtMs);
        return byTime != 0 ? byTime : x.Entry.AttemptId.CompareTo(y.Entry.AttemptId);
    }

    /// <summary>An attempt with the values it is compared by.</summary>
    internal readonly record struct Candidate(EntryRecord Entry, long SubmittedAtMs, long? Distance);

    /// <summary>
    /// The tie-break chain, then the attempt id. <see cref="Guid.CompareTo(Guid)"/> orders as the ordinal order of the
    /// lowercase text (field by field, unsigned), which is what the evidence's independent script uses.
    /// </summary>
    internal sealed class EntryComparer(IReadOnlyList<string> keys) : IComparer<Candidate>
    {
        private readonly string[] _keys = [.. keys];

        public int Compare(Candidate x, Candidate y)
        {
            foreach (var key in _keys)
            {
                var order = key switch
                {
                    TieBreak.Score => y.Entry.Score.CompareTo(x.Entry.Score),
                    TieBreak.Correct => y.Entry.CorrectCount.CompareTo(x.Entry.CorrectCount),
                    TieBreak.Prediction => CompareDistance(x.Distance, y.Distance),
                    TieBreak.Duration => x.Entry.DurationMs.CompareTo(y.Entry.DurationMs),
                    TieBreak.Submitted => x.SubmittedAtMs.CompareTo(y.SubmittedAtMs),
                    _ => throw new InvalidOperationException($"Unknown tie-break '{key}'."),
                };
                if (order != 0)
                {
                    return order;
                }
            }

            return x.Entry.AttemptId.CompareTo(y.Entry.AttemptId);
        }

        private static int CompareDistance(long? x, long? y) => (x, y) switch
        {
            ({ } a, { } b) => a.CompareTo(b),
            (null, null) => 0,
            (null, _) => 1,
            _ => -1,
        };
    }
}
