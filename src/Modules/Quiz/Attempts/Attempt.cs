using Platform.Core.Data;

namespace Quiz.Attempts;

/// <summary>Where an attempt is.</summary>
public enum AttemptState
{
    /// <summary>Answers are being given.</summary>
    InProgress,

    /// <summary>Submitted by the contestant within the deadline and grace.</summary>
    Submitted,

    /// <summary>Finalized by the server after the deadline, with the answers saved before it.</summary>
    Expired,
}

/// <summary>One attempt of a contestant at a contest; its id is opaque.</summary>
public sealed class Attempt : ITenantOwned
{
    /// <summary>Opaque id.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The contest.</summary>
    public long ContestId { get; set; }

    /// <summary>The contestant.</summary>
    public long ContestantId { get; set; }

    /// <summary>The group the contestant entered in.</summary>
    public string GroupCode { get; set; } = string.Empty;

    /// <summary>Round number, or 0 without rounds.</summary>
    public int Round { get; set; }

    /// <summary>What the attempts limit counts in: <c>contest</c>, <c>r{n}</c> or <c>d{yyyy-MM-dd}</c>.</summary>
    public string LimitScope { get; set; } = string.Empty;

    /// <summary>1..AttemptsAllowed within <see cref="LimitScope"/>; unique, so no race can exceed the limit.</summary>
    public int Sequence { get; set; }

    /// <summary>When it started (UTC).</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>min(start + limit, close) (UTC).</summary>
    public DateTime Deadline { get; set; }

    /// <summary>State.</summary>
    public AttemptState State { get; set; }

    /// <summary>When the contestant submitted (UTC), within the grace period.</summary>
    public DateTime? SubmittedAt { get; set; }

    /// <summary>When it became final (UTC).</summary>
    public DateTime? FinalizedAt { get; set; }

    /// <summary>Questions drawn.</summary>
    public int QuestionCount { get; set; }

    /// <summary>Right answers, once final.</summary>
    public int CorrectCount { get; set; }

    /// <summary>Score, once final.</summary>
    public int Score { get; set; }

    /// <summary>Time taken in milliseconds, capped at the time limit, once final.</summary>
    public long DurationMs { get; set; }

    /// <summary>The prediction given at submit.</summary>
    public long? Prediction { get; set; }

    /// <summary>Seed of the draw, for audits.</summary>
    public int Seed { get; set; }

    /// <summary>When the last answer was saved (UTC).</summary>
    public DateTime? LastAnswerAt { get; set; }

    /// <summary>
    /// Grows with every saved answer and at finalization; a concurrency token, so a submit never scores
    /// without an answer that was acknowledged before it, and an answer is never acknowledged after a submit.
    /// </summary>
    public int Version { get; set; }
}

/// <summary>A question in an attempt, with its opaque id, the option order shown, and the answer saved.</summary>
public sealed class AttemptItem : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The attempt.</summary>
    public Guid AttemptId { get; set; }

    /// <summary>Position in the attempt, from 1.</summary>
    public int Position { get; set; }

    /// <summary>The question version drawn.</summary>
    public long QuestionVersionId { get; set; }

    /// <summary>Opaque per-attempt id of the question.</summary>
    public string PublicId { get; set; } = string.Empty;

    /// <summary>Opaque per-attempt ids of the options, in the order shown.</summary>
    public List<string> OptionIds { get; set; } = [];

    /// <summary>For each option shown, its index in the version's options.</summary>
    public List<int> OptionOrder { get; set; } = [];

    /// <summary>The chosen option's index in the version's options, or null.</summary>
    public int? SelectedIndex { get; set; }

    /// <summary>When the answer was saved (UTC).</summary>
    public DateTime? AnsweredAt { get; set; }
}
