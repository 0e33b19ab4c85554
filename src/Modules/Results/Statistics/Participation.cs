using Platform.Core.Contests;

namespace Results.Statistics;

/// <summary>Who took part, when, in which group and unit: pure computation over the contract's records.</summary>
internal static class Participation
{
    /// <summary>The tenant's calendar day of a UTC instant.</summary>
    public static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    public static ParticipationSummary Summarize(IReadOnlyCollection<EntryRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var participants = entries.Select(e => e.ContestantId).Distinct().Count();
        var average = entries.Count == 0 ? (double?)null : entries.Average(e => (double)e.Score);
        var allCorrect = entries.Count(e => e.QuestionCount > 0 && e.CorrectCount == e.QuestionCount);
        return new ParticipationSummary(participants, entries.Count, average, allCorrect);
    }

    /// <summary>
    /// Per day of the tenant's calendar (by the entry's submission time), from the first day with an entry to the last,
    /// days without entries included as zeros. A contestant counts as a participant on every day they submitted, and
    /// once in the cumulative count, from their first day.
    /// </summary>
    public static List<DayParticipation> PerDay(IEnumerable<EntryRecord> entries, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(zone);
        var entriesPerDay = new Dictionary<DateOnly, int>();
        var contestantsPerDay = new Dictionary<DateOnly, HashSet<long>>();
        var firstDay = new Dictionary<long, DateOnly>();
        foreach (var entry in entries)
        {
            var day = LocalDay(entry.SubmittedAt, zone);
            entriesPerDay[day] = entriesPerDay.GetValueOrDefault(day) + 1;
            if (!contestantsPerDay.TryGetValue(day, out var set))
            {
                contestantsPerDay[day] = set = [];
            }

            set.Add(entry.ContestantId);
            if (!firstDay.TryGetValue(entry.ContestantId, out var first) || day < first)
            {
                firstDay[entry.ContestantId] = day;
            }
        }

        var days = new List<DayParticipation>();
        if (entriesPerDay.Count == 0)
        {
            return days;
        }

        var newcomers = firstDay.Values.GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        int cumulativeParticipants = 0, cumulativeEntries = 0;
        for (var day = entriesPerDay.Keys.Min(); day <= entriesPerDay.Keys.Max(); day = day.AddDays(1))
        {
            cumulativeParticipants += newcomers.GetValueOrDefault(day);
            cumulativeEntries += entriesPerDay.GetValueOrDefault(day);
            days.Add(new DayParticipation(day, contestantsPerDay.GetValueOrDefault(day)?.Count ?? 0, entriesPerDay.GetValueOrDefault(day), cumulativeParticipants, cumulativeEntries));
        }

        return days;
    }

    /// <summary>Per group entered (the entry's group), the contest's groups first in their order, then any other code met.</summary>
    public static List<GroupParticipation> PerGroup(IEnumerable<EntryRecord> entries, IReadOnlyList<ContestGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(groups);
        var counts = new Dictionary<string, (HashSet<long> Contestants, int Entries)>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!counts.TryGetValue(entry.GroupCode, out var count))
            {
                count = ([], 0);
            }

            count.Contestants.Add(entry.ContestantId);
            counts[entry.GroupCode] = (count.Contestants, count.Entries + 1);
        }

        var rows = new List<GroupParticipation>();
        foreach (var group in groups.DistinctBy(g => g.Code, StringComparer.Ordinal))
        {
            var count = counts.GetValueOrDefault(group.Code);
            rows.Add(new GroupParticipation(group.Code, string.IsNullOrWhiteSpace(group.Name) ? group.Code : group.Name, count.Contestants?.Count ?? 0, count.Entries));
        }

        var named = groups.Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var (code, count) in counts.Where(c => !named.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            rows.Add(new GroupParticipation(code, code, count.Contestants.Count, count.Entries));
        }

        return rows;
    }

    /// <summary>Per unit, each counting its subtree; the rate only where a headcount is known and above zero.</summary>
    /// <param name="tree">The unit tree.</param>
    /// <param name="contestantUnits">Unit code of each contestant.</param>
    /// <param name="entries">Entries of the scope.</param>
    public static UnitParticipation PerUnit(UnitTree tree, IReadOnlyDictionary<long, string> contestantUnits, IEnumerable<EntryRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var counts = tree.Count(entries, contestantUnits, out var unassigned);
        var all = tree.Units.Select(u =>
        {
            var count = counts[u.Code];
            var headcount = tree.Headcount(u.Code);
            return new UnitRow(u.Code, u.Name, tree.Depth(u.Code), tree.Top(u.Code), u.Block, count.Participants, count.Entries, headcount, UnitTree.Rate(count.Participants, headcount));
        }).ToList();
        return new UnitParticipation(all.Where(r => r.Depth == 0).ToList(), all, unassigned);
    }
}
