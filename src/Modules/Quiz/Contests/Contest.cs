using Platform.Core.Contests;
using Platform.Core.Data;

namespace Quiz.Contests;

/// <summary>How attempts are counted against <see cref="Contest.AttemptsAllowed"/>.</summary>
public enum AttemptsPer
{
    /// <summary>For the whole contest.</summary>
    Contest,

    /// <summary>For each round.</summary>
    Round,

    /// <summary>For each calendar day in the tenant's time zone.</summary>
    Day,
}

/// <summary>When a contestant may see the correct answers of their attempt.</summary>
public enum AnswersShown
{
    /// <summary>After the contest (or round) closes.</summary>
    AfterClose,

    /// <summary>Never.</summary>
    Never,
}

/// <summary>How many questions an attempt draws of a topic and/or difficulty.</summary>
public sealed class DrawQuota
{
    /// <summary>Topic, or null for any.</summary>
    public string? Topic { get; set; }

    /// <summary>Difficulty 1–3, or null for any.</summary>
    public int? Difficulty { get; set; }

    /// <summary>Questions to draw.</summary>
    public int Count { get; set; }
}

/// <summary>A contest of a tenant and everything that decides how its attempts run.</summary>
public sealed class Contest : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Unique per tenant, used in addresses.</summary>
    public string Slug { get; set; } = string.Empty;

    /// <summary>Title.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Opening (UTC).</summary>
    public DateTime OpensAt { get; set; }

    /// <summary>Closing (UTC); nothing is accepted after it.</summary>
    public DateTime ClosesAt { get; set; }

    /// <summary>Rounds, each with its own window; empty for one window.</summary>
    public List<ContestRound> Rounds { get; set; } = [];

    /// <summary>Groups ranked separately.</summary>
    public List<ContestGroup> Groups { get; set; } = [];

    /// <summary>Minimum age on the opening day, in the tenant's time zone.</summary>
    public int MinimumAge { get; set; }

    /// <summary>Citizen ids that may not enter (organisers, question writers, secretaries).</summary>
    public List<string> ExcludedCitizenIds { get; set; } = [];

    /// <summary>Questions per attempt.</summary>
    public int QuestionsPerAttempt { get; set; } = 20;

    /// <summary>Quotas by topic and difficulty; the rest is drawn from the whole bank.</summary>
    public List<DrawQuota> Quotas { get; set; } = [];

    /// <summary>Time limit of an attempt.</summary>
    public int TimeLimitSeconds { get; set; } = 1200;

    /// <summary>How late a submit still counts (network delay).</summary>
    public int GraceSeconds { get; set; } = 30;

    /// <summary>Attempts allowed per <see cref="AttemptsPer"/>.</summary>
    public int AttemptsAllowed { get; set; } = 1;

    /// <summary>What the attempts limit counts.</summary>
    public AttemptsPer AttemptsPer { get; set; }

    /// <summary>Which attempt counts.</summary>
    public CountedAttempt Counts { get; set; }

    /// <summary>Shuffle the order of questions.</summary>
    public bool ShuffleQuestions { get; set; } = true;

    /// <summary>Shuffle the order of options.</summary>
    public bool ShuffleOptions { get; set; } = true;

    /// <summary>Points per right answer.</summary>
    public int PointsPerAnswer { get; set; } = 1;

    /// <summary>The prediction question's prompt, or null for none.</summary>
    public string? PredictionPrompt { get; set; }

    /// <summary>What the prediction guesses.</summary>
    public PredictionTarget Predicts { get; set; }

    /// <summary>When the correct answers are shown to the contestant.</summary>
    public AnswersShown ShowAnswers { get; set; }

    /// <summary>Individual prizes.</summary>
    public List<PrizeQuota> Prizes { get; set; } = [];

    /// <summary>Unit prizes.</summary>
    public UnitPrizeRule UnitPrizes { get; set; } = new();

    /// <summary>Whether the contest is an open practice (not ranked).</summary>
    public bool IsPractice { get; set; }
}
