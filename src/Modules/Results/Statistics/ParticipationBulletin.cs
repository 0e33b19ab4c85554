using Platform.Core.Contests;

namespace Results.Statistics;

/// <summary>Participation on the bulletin's day and up to it.</summary>
/// <param name="DayParticipants">Distinct contestants with an entry that day.</param>
/// <param name="DayEntries">Entries that day.</param>
/// <param name="Participants">Distinct contestants with an entry up to and including that day.</param>
/// <param name="Entries">Entries up to and including that day.</param>
public sealed record BulletinTotals(int DayParticipants, int DayEntries, int Participants, int Entries);

/// <summary>A unit's line of the bulletin, counting its descendants.</summary>
/// <param name="Rank">Rank by cumulative participants among units of the same level (ties share a rank: 1, 2, 2, 4).</param>
/// <param name="Code">Unit code.</param>
/// <param name="Name">Unit name.</param>
/// <param name="TopName">Name of the top-level unit it belongs to (itself at the top).</param>
/// <param name="Depth">0 at the top of the tree.</param>
/// <param name="Counts">Participation.</param>
/// <param name="Headcount">Sum of the known headcounts of the subtree; null when none is known.</param>
/// <param name="Rate">Cumulative participants over headcount; null when the headcount is unknown or zero.</param>
public sealed record BulletinRow(int Rank, string Code, string Name, string TopName, int Depth, BulletinTotals Counts, int? Headcount, double? Rate);

/// <summary>The daily participation bulletin ("Bản tin tình hình tham gia cuộc thi").</summary>
/// <param name="Day">The day, in the tenant's calendar.</param>
/// <param name="Totals">The whole contest.</param>
/// <param name="TopLevel">Top-level units (districts, departments), by rank.</param>
/// <param name="Lower">Units below the top (communes, wards), by level then rank.</param>
/// <param name="Unassigned">Contestants whose unit is not in the tree.</param>
public sealed record ParticipationBulletin(DateOnly Day, BulletinTotals Totals, IReadOnlyList<BulletinRow> TopLevel, IReadOnlyList<BulletinRow> Lower, BulletinTotals Unassigned)
{
    /// <summary>The bulletin of a day: entries after the day are ignored, so a past day's bulletin reads as it did then.</summary>
    /// <param name="tree">The unit tree.</param>
    /// <param name="contestantUnits">Unit code of each contestant.</param>
    /// <param name="entries">Entries of the contest.</param>
    /// <param name="zone">The tenant's time zone.</param>
    /// <param name="day">The day.</param>
    internal static ParticipationBulletin Compute(UnitTree tree, IReadOnlyDictionary<long, string> contestantUnits, IEnumerable<EntryRecord> entries, TimeZoneInfo zone, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(zone);
        var upToDay = new List<EntryRecord>();
        var onDay = new List<EntryRecord>();
        foreach (var entry in entries)
        {
            var local = Participation.LocalDay(entry.SubmittedAt, zone);
            if (local <= day)
            {
                upToDay.Add(entry);
                if (local == day)
                {
                    onDay.Add(entry);
                }
            }
        }

        var cumulative = tree.Count(upToDay, contestantUnits, out var cumulativeUnassigned);
        var daily = tree.Count(onDay, contestantUnits, out var dailyUnassigned);
        var topNames = tree.Units.Where(u => tree.Depth(u.Code) == 0).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var ranked = tree.Units.Select(u =>
            {
                var counts = Combine(daily[u.Code], cumulative[u.Code]);
                var headcount = tree.Headcount(u.Code);
                return new BulletinRow(0, u.Code, u.Name, topNames[tree.Top(u.Code)], tree.Depth(u.Code), counts, headcount, UnitTree.Rate(counts.Participants, headcount));
            })
            .GroupBy(r => r.Depth).OrderBy(g => g.Key).SelectMany(Rank)
            .ToList();
        var totals = new BulletinTotals(
            onDay.Select(e => e.ContestantId).Distinct().Count(),
            onDay.Count,
            upToDay.Select(e => e.ContestantId).Distinct().Count(),
            upToDay.Count);
        return new ParticipationBulletin(day, totals, ranked.Where(r => r.Depth == 0).ToList(), ranked.Where(r => r.Depth > 0).ToList(), Combine(dailyUnassigned, cumulativeUnassigned));
    }

    /// <summary>Competition ranking by cumulative participants (1, 2, 2, 4); ties keep the tree's order.</summary>
    private static IEnumerable<BulletinRow> Rank(IEnumerable<BulletinRow> level)
    {
        var sorted = level.OrderByDescending(r => r.Counts.Participants).ToList();
        var rank = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i == 0 || sorted[i].Counts.Participants != sorted[i - 1].Counts.Participants)
            {
                rank = i + 1;
            }

            yield return sorted[i] with { Rank = rank };
        }
    }

    private static BulletinTotals Combine(UnitCount day, UnitCount cumulative) =>
        new(day.Participants, day.Entries, cumulative.Participants, cumulative.Entries);
}
