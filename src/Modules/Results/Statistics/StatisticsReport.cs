namespace Results.Statistics;

/// <summary>Everything the statistics page shows for a contest scope (the whole contest, or a round).</summary>
/// <param name="Summary">Totals.</param>
/// <param name="Days">Per day in the tenant's time zone, from the first day with an entry to the last, gaps as zeros.</param>
/// <param name="Groups">Per group.</param>
/// <param name="Units">Per unit.</param>
/// <param name="Scores">Entries per score value.</param>
/// <param name="Durations">Entries per time-taken bucket.</param>
/// <param name="Items">Item analysis.</param>
public sealed record StatisticsReport(
    ParticipationSummary Summary,
    IReadOnlyList<DayParticipation> Days,
    IReadOnlyList<GroupParticipation> Groups,
    UnitParticipation Units,
    IReadOnlyList<ScoreBucket> Scores,
    DurationDistribution Durations,
    ItemAnalysisReport Items);

/// <summary>Totals of a scope.</summary>
/// <param name="Participants">Distinct contestants with an entry.</param>
/// <param name="Entries">Entries (final attempts).</param>
/// <param name="AverageScore">Average score of the entries; null without entries.</param>
/// <param name="AllCorrect">Entries with every question right.</param>
public sealed record ParticipationSummary(int Participants, int Entries, double? AverageScore, int AllCorrect);

/// <summary>One day of participation.</summary>
/// <param name="Day">The tenant's calendar day.</param>
/// <param name="Participants">Distinct contestants with an entry that day.</param>
/// <param name="Entries">Entries submitted that day.</param>
/// <param name="CumulativeParticipants">Distinct contestants with an entry up to and including that day.</param>
/// <param name="CumulativeEntries">Entries up to and including that day.</param>
public sealed record DayParticipation(DateOnly Day, int Participants, int Entries, int CumulativeParticipants, int CumulativeEntries);

/// <summary>Participation of a group.</summary>
/// <param name="Code">Group code.</param>
/// <param name="Name">Group name (the code when the contest does not name it).</param>
/// <param name="Participants">Distinct contestants with an entry in the group.</param>
/// <param name="Entries">Entries in the group.</param>
public sealed record GroupParticipation(string Code, string Name, int Participants, int Entries);

/// <summary>Participation of a unit, counting its descendants.</summary>
/// <param name="Code">Unit code.</param>
/// <param name="Name">Unit name.</param>
/// <param name="Depth">0 at the top of the tree.</param>
/// <param name="TopCode">The top-level unit it belongs to.</param>
/// <param name="Block">Block, if any.</param>
/// <param name="Participants">Distinct contestants with an entry.</param>
/// <param name="Entries">Entries.</param>
/// <param name="Headcount">Sum of the known headcounts of the subtree; null when none is known.</param>
/// <param name="Rate">Participants over headcount; null when the headcount is unknown or zero.</param>
public sealed record UnitRow(string Code, string Name, int Depth, string TopCode, string? Block, int Participants, int Entries, int? Headcount, double? Rate);

/// <summary>Participation per unit.</summary>
/// <param name="TopLevel">Top-level units (districts, departments).</param>
/// <param name="All">Every unit in tree order.</param>
/// <param name="Unassigned">Contestants whose unit is not in the tree.</param>
public sealed record UnitParticipation(IReadOnlyList<UnitRow> TopLevel, IReadOnlyList<UnitRow> All, UnitCount Unassigned);

/// <summary>Entries with one score.</summary>
/// <param name="Score">Score.</param>
/// <param name="Entries">Entries.</param>
public sealed record ScoreBucket(int Score, int Entries);

/// <summary>Entries whose time taken is in [<paramref name="FromMinutes"/>, <paramref name="ToMinutes"/>).</summary>
/// <param name="FromMinutes">Lower bound, minutes, inclusive.</param>
/// <param name="ToMinutes">Upper bound, minutes, exclusive; null for the last bucket when it takes everything longer.</param>
/// <param name="Entries">Entries.</param>
public sealed record DurationBucket(int FromMinutes, int? ToMinutes, int Entries);

/// <summary>Entries per time-taken bucket.</summary>
/// <param name="BucketMinutes">Width of a bucket in minutes.</param>
/// <param name="Buckets">Buckets from 0 to the longest time taken, gaps as zeros.</param>
public sealed record DurationDistribution(int BucketMinutes, IReadOnlyList<DurationBucket> Buckets);

/// <summary>What the public statistics page shows, as computed at <paramref name="ComputedAt"/> (UTC).</summary>
public sealed record PublicStatistics(
    DateTimeOffset ComputedAt,
    ParticipationSummary Summary,
    IReadOnlyList<DayParticipation> Days,
    IReadOnlyList<UnitRow> Units,
    IReadOnlyList<ScoreBucket> Scores);
