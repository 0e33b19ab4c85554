using Platform.Core.Data;

namespace Results.Data;

/// <summary>Where a computed result is in its life.</summary>
public enum ResultStatus
{
    /// <summary>Computed, waiting for approval.</summary>
    Draft,

    /// <summary>Approved by a tenant administrator, not yet public.</summary>
    Approved,

    /// <summary>Public; frozen.</summary>
    Published,

    /// <summary>Was public; replaced by a later publication, kept as history.</summary>
    Superseded,

    /// <summary>Replaced by a later computation before publication; its ranking rows are deleted.</summary>
    Discarded,
}

/// <summary>
/// One computation of the ranking of a contest scope (the whole contest, or a round), with everything needed to
/// reproduce it: the policy (as the evidence's policy.json) and the SHA-256 of the canonical ranking file.
/// </summary>
public sealed class ResultRun : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The contest.</summary>
    public long ContestId { get; set; }

    /// <summary>Round ranked, 0 for the whole contest.</summary>
    public int Round { get; set; }

    /// <summary>Status.</summary>
    public ResultStatus Status { get; set; }

    /// <summary>When computed (UTC).</summary>
    public DateTime ComputedAt { get; set; }

    /// <summary>Who computed it.</summary>
    public string ComputedBy { get; set; } = string.Empty;

    /// <summary>When approved (UTC).</summary>
    public DateTime? ApprovedAt { get; set; }

    /// <summary>Who approved it.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>When published (UTC).</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>Who published it.</summary>
    public string? PublishedBy { get; set; }

    /// <summary>The value predictions were judged against, or null.</summary>
    public long? ActualPrediction { get; set; }

    /// <summary>How it was obtained: <c>computed: ...</c> or <c>entered by {user} at {time}</c>.</summary>
    public string? ActualPredictionSource { get; set; }

    /// <summary>The policy as the evidence's <c>policy.json</c> (without the content hash).</summary>
    public string PolicyJson { get; set; } = string.Empty;

    /// <summary>Lowercase hex SHA-256 of the canonical <c>ranking.csv</c>.</summary>
    public string ContentHash { get; set; } = string.Empty;

    /// <summary>Final attempts read.</summary>
    public int AttemptCount { get; set; }

    /// <summary>Ranked entries (one per contestant).</summary>
    public int EntryCount { get; set; }

    /// <summary>Individual prizes awarded.</summary>
    public int PrizeCount { get; set; }
}

/// <summary>One ranked entry of a run: frozen with the name and unit as they were at computation.</summary>
public sealed class RankedEntry : ITenantOwned
{
    /// <summary>The run.</summary>
    public long RunId { get; set; }

    /// <summary>0-based position across all groups, in the order of the ranking file.</summary>
    public int Position { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Group code.</summary>
    public string GroupCode { get; set; } = string.Empty;

    /// <summary>Rank within the group, from 1.</summary>
    public int Rank { get; set; }

    /// <summary>Contestant.</summary>
    public long ContestantId { get; set; }

    /// <summary>The attempt that counts.</summary>
    public Guid AttemptId { get; set; }

    /// <summary>Name shown.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Unit code.</summary>
    public string UnitCode { get; set; } = string.Empty;

    /// <summary>Unit name shown.</summary>
    public string UnitName { get; set; } = string.Empty;

    /// <summary>Score.</summary>
    public int Score { get; set; }

    /// <summary>Right answers.</summary>
    public int CorrectCount { get; set; }

    /// <summary>Time taken, milliseconds.</summary>
    public long DurationMs { get; set; }

    /// <summary>Prediction, if given.</summary>
    public long? Prediction { get; set; }

    /// <summary>Distance of the prediction from the actual value, if both exist.</summary>
    public long? Distance { get; set; }

    /// <summary>Submission time, Unix milliseconds (UTC).</summary>
    public long SubmittedAtMs { get; set; }

    /// <summary>Prize class, or null.</summary>
    public string? Prize { get; set; }

    /// <summary>Prize value in VND (0 when none or unknown).</summary>
    public long PrizeValue { get; set; }

    /// <summary>Disqualified or already awarded elsewhere: ranked, never awarded.</summary>
    public bool Ineligible { get; set; }
}

/// <summary>A unit's line of a run's unit ranking.</summary>
public sealed class UnitStanding : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The run.</summary>
    public long RunId { get; set; }

    /// <summary>Block ranked within, or null when units are ranked together.</summary>
    public string? Block { get; set; }

    /// <summary>Rank within the block (or overall), from 1; 0 when the metric cannot be computed (no headcount).</summary>
    public int Rank { get; set; }

    /// <summary>Unit code.</summary>
    public string UnitCode { get; set; } = string.Empty;

    /// <summary>Unit name.</summary>
    public string UnitName { get; set; } = string.Empty;

    /// <summary>Participants (contestants with an entry), counting the unit's descendants.</summary>
    public int Participants { get; set; }

    /// <summary>Final attempts, counting the unit's descendants.</summary>
    public int Entries { get; set; }

    /// <summary>Headcount, counting the unit's descendants; null when unknown.</summary>
    public int? Headcount { get; set; }

    /// <summary>Average score of the entries that count.</summary>
    public double AverageScore { get; set; }

    /// <summary>The metric ranked by; null when it cannot be computed.</summary>
    public double? MetricValue { get; set; }

    /// <summary>Prize, or null.</summary>
    public string? Prize { get; set; }
}

/// <summary>An organiser's disqualification of a contestant's entry in a contest, with its reason.</summary>
public sealed class Disqualification : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The contest.</summary>
    public long ContestId { get; set; }

    /// <summary>The contestant.</summary>
    public long ContestantId { get; set; }

    /// <summary>Why.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>Who.</summary>
    public string By { get; set; } = string.Empty;

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }
}

/// <summary>An actual value for the prediction entered by organisers for a scope; the latest counts.</summary>
public sealed class PredictionValue : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The contest.</summary>
    public long ContestId { get; set; }

    /// <summary>Round, 0 for the whole contest.</summary>
    public int Round { get; set; }

    /// <summary>The value.</summary>
    public long Value { get; set; }

    /// <summary>Who entered it.</summary>
    public string By { get; set; } = string.Empty;

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }
}

/// <summary>How a contest is ranked and what of its results is public.</summary>
public sealed class RankingSettings : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The contest.</summary>
    public long ContestId { get; set; }

    /// <summary>Tie-break keys in order (see <see cref="Ranking.TieBreak"/>).</summary>
    public List<string> TieBreaks { get; set; } = [.. Ranking.TieBreak.Default];

    /// <summary>One prize per person per round instead of per contest.</summary>
    public bool PrizePerRound { get; set; }

    /// <summary>Whether the statistics page is public.</summary>
    public bool PublicStatistics { get; set; }
}
