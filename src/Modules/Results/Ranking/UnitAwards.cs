using Platform.Core.Contests;
using Results.Data;

namespace Results.Ranking;

/// <summary>Unit prize metrics (<see cref="UnitPrizeRule.Metric"/>).</summary>
internal static class UnitMetric
{
    public const string Participants = "participants";
    public const string Entries = "entries";
    public const string ParticipationRate = "participationRate";
    public const string AverageScore = "averageScore";

    public static readonly IReadOnlyList<string> All = [Participants, Entries, ParticipationRate, AverageScore];

    public static string Label(string metric) => metric switch
    {
        Participants => "Số người tham gia",
        Entries => "Số lượt thi",
        ParticipationRate => "Tỷ lệ tham gia (người tham gia / biên chế)",
        AverageScore => "Điểm trung bình",
        _ => metric,
    };
}

/// <summary>
/// Ranks the units at the top of the tree (departments, districts), each counting its descendants (a district with its
/// communes), by the contest's unit prize metric; per block when configured. Units whose metric cannot be computed
/// (a rate without headcount) are listed unranked; units without participants never win.
/// </summary>
internal static class UnitAwards
{
    public const string PrizeName = "Đơn vị dẫn đầu";

    /// <param name="units">The unit tree.</param>
    /// <param name="contestantUnits">Unit code of each contestant.</param>
    /// <param name="attempts">Final attempts of the scope.</param>
    /// <param name="ranking">The ranking (one counted entry per contestant).</param>
    /// <param name="rule">The unit prize rule.</param>
    public static List<UnitStanding> Compute(IReadOnlyList<UnitRecord> units, IReadOnlyDictionary<long, string> contestantUnits, IEnumerable<EntryRecord> attempts, IEnumerable<RankedRow> ranking, UnitPrizeRule rule)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(rule);
        if (!UnitMetric.All.Contains(rule.Metric))
        {
            throw new ArgumentException($"Unknown unit metric '{rule.Metric}'; use {string.Join(", ", UnitMetric.All)}.", nameof(rule));
        }

        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var top = new Dictionary<string, string>(StringComparer.Ordinal);
        string TopOf(string code)
        {
            if (top.TryGetValue(code, out var found))
            {
                return found;
            }

            var current = code;
            for (var depth = 0; depth < 32 && byCode.TryGetValue(current, out var unit) && unit.ParentCode is { } parent && byCode.ContainsKey(parent); depth++)
            {
                current = parent;
            }

            return top[code] = current;
        }

        var tally = units.Where(u => u.ParentCode is null || !byCode.ContainsKey(u.ParentCode))
            .ToDictionary(u => u.Code, u => new Tally(u), StringComparer.Ordinal);
        foreach (var unit in units.Where(u => u.Headcount is not null))
        {
            tally[TopOf(unit.Code)].AddHeadcount(unit.Headcount!.Value);
        }

        foreach (var attempt in attempts)
        {
            if (contestantUnits.TryGetValue(attempt.ContestantId, out var unit) && tally.TryGetValue(TopOf(unit), out var t))
            {
                t.Entries++;
            }
        }

        foreach (var row in ranking)
        {
            if (contestantUnits.TryGetValue(row.Entry.ContestantId, out var unit) && tally.TryGetValue(TopOf(unit), out var t))
            {
                t.Participants++;
                t.ScoreSum += row.Entry.Score;
            }
        }

        var standings = new List<UnitStanding>();
        foreach (var block in tally.Values.GroupBy(t => rule.PerBlock ? t.Unit.Block ?? string.Empty : string.Empty).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var ordered = block.Select(t => (Tally: t, Metric: t.Metric(rule.Metric)))
                .OrderBy(x => x.Metric is null ? 1 : 0)
                .ThenByDescending(x => x.Metric ?? 0)
                .ThenByDescending(x => x.Tally.Participants)
                .ThenBy(x => x.Tally.Unit.Code, StringComparer.Ordinal)
                .ToList();
            var rank = 0;
            foreach (var (t, metric) in ordered)
            {
                var ranked = metric is not null;
                rank += ranked ? 1 : 0;
                standings.Add(new UnitStanding
                {
                    Block = rule.PerBlock ? block.Key : null,
                    Rank = ranked ? rank : 0,
                    UnitCode = t.Unit.Code,
                    UnitName = t.Unit.Name,
                    Participants = t.Participants,
                    Entries = t.Entries,
                    Headcount = t.Headcount,
                    AverageScore = t.Participants == 0 ? 0 : Math.Round((double)t.ScoreSum / t.Participants, 4),
                    MetricValue = metric,
                    Prize = ranked && rank <= rule.Count && t.Participants > 0 ? PrizeName : null,
                });
            }
        }

        return standings;
    }

    private sealed class Tally(UnitRecord unit)
    {
        public UnitRecord Unit { get; } = unit;

        public int Participants { get; set; }

        public int Entries { get; set; }

        public long ScoreSum { get; set; }

        public int? Headcount { get; private set; }

        public void AddHeadcount(int value) => Headcount = (Headcount ?? 0) + value;

        public double? Metric(string metric) => metric switch
        {
            UnitMetric.Participants => Participants,
            UnitMetric.Entries => Entries,
            UnitMetric.ParticipationRate => Headcount is > 0 ? Math.Round((double)Participants / Headcount.Value, 6) : null,
            _ => Participants == 0 ? 0 : Math.Round((double)ScoreSum / Participants, 6),
        };
    }
}
