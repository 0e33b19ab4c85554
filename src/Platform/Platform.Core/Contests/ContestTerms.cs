namespace Platform.Core.Contests;

// The terms of a contest that more than one module reads: the quiz module owns and runs contests,
// the results module ranks and awards them. Both speak these types; neither references the other.

/// <summary>Which attempt of a contestant counts for the ranking.</summary>
public enum CountedAttempt
{
    /// <summary>The one that ranks highest under the ranking's tie-break chain.</summary>
    Best,

    /// <summary>The first submitted.</summary>
    First,

    /// <summary>The last submitted.</summary>
    Last,
}

/// <summary>What the prediction question asks the contestant to guess.</summary>
public enum PredictionTarget
{
    /// <summary>The number of entries with every answer right.</summary>
    AllCorrectEntries,

    /// <summary>The number of participants.</summary>
    Participants,

    /// <summary>A value the organisers enter after close.</summary>
    Entered,
}

/// <summary>A group of contestants (Nhóm 1, Nhóm 2) ranked separately.</summary>
public sealed class ContestGroup
{
    /// <summary>Code, for example <c>N1</c>.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>Name.</summary>
    public string Name { get; set; } = string.Empty;
}

/// <summary>A round with its own window (weekly rounds, for example).</summary>
public sealed class ContestRound
{
    /// <summary>Number, from 1.</summary>
    public int Number { get; set; }

    /// <summary>Name, for example "Tuần 1".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Opening (UTC).</summary>
    public DateTime OpensAt { get; set; }

    /// <summary>Closing (UTC).</summary>
    public DateTime ClosesAt { get; set; }
}

/// <summary>An individual prize class of a group (awarded by the results module).</summary>
public sealed class PrizeQuota
{
    /// <summary>Group code.</summary>
    public string Group { get; set; } = string.Empty;

    /// <summary>Nhất, Nhì, Ba, Khuyến khích.</summary>
    public string Class { get; set; } = string.Empty;

    /// <summary>Number of prizes.</summary>
    public int Count { get; set; }

    /// <summary>Value in VND.</summary>
    public long Value { get; set; }
}

/// <summary>The unit prize rule (awarded by the results module).</summary>
public sealed class UnitPrizeRule
{
    /// <summary>Number of unit prizes.</summary>
    public int Count { get; set; }

    /// <summary>participants, entries, participationRate or averageScore.</summary>
    public string Metric { get; set; } = "participationRate";

    /// <summary>Rank per block.</summary>
    public bool PerBlock { get; set; }
}

