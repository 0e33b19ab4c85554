namespace Quiz.Attempts;

/// <summary>An option as the contestant sees it: an opaque id and its text, nothing more.</summary>
/// <param name="Id">Opaque per-attempt id.</param>
/// <param name="Text">Text.</param>
public sealed record OptionView(string Id, string Text);

/// <summary>A question as the contestant sees it.</summary>
/// <param name="Id">Opaque per-attempt id.</param>
/// <param name="Text">Text.</param>
/// <param name="Options">Options in the order shown.</param>
public sealed record QuestionView(string Id, string Text, IReadOnlyList<OptionView> Options);

/// <summary>The prediction question.</summary>
/// <param name="Prompt">Prompt.</param>
public sealed record PredictionView(string Prompt);

/// <summary>Answer of <c>POST contests/{slug}/attempts</c>.</summary>
public sealed record StartedAttempt(Guid AttemptId, DateTimeOffset StartedAt, DateTimeOffset Deadline, IReadOnlyList<QuestionView> Questions, PredictionView? Prediction);

/// <summary>The result of a final attempt.</summary>
public sealed record AttemptResult(int CorrectCount, int QuestionCount, int Score, double DurationSeconds, DateTimeOffset? SubmittedAt);

/// <summary>A correct option, shown only when the contest allows (after close).</summary>
/// <param name="QuestionId">Opaque question id.</param>
/// <param name="OptionId">Opaque id of the right option.</param>
/// <param name="Explanation">Why.</param>
public sealed record ReviewItem(string QuestionId, string OptionId, string? Explanation);

/// <summary>Answer of <c>GET attempts/{id}</c>.</summary>
public sealed record AttemptDetails(
    Guid AttemptId,
    string Contest,
    DateTimeOffset StartedAt,
    DateTimeOffset Deadline,
    IReadOnlyList<QuestionView> Questions,
    PredictionView? Prediction,
    IReadOnlyDictionary<string, string> Answers,
    int RemainingSeconds,
    string State,
    AttemptResult? Result,
    IReadOnlyList<ReviewItem>? Review);

/// <summary>One attempt in <c>GET me/attempts</c>.</summary>
public sealed record MyAttempt(Guid AttemptId, string Contest, string ContestTitle, DateTimeOffset StartedAt, DateTimeOffset Deadline, string State, AttemptResult? Result);

/// <summary>Body of <c>PUT attempts/{id}/answers/{questionId}</c>.</summary>
/// <param name="OptionId">Opaque option id.</param>
public sealed record AnswerRequest(string? OptionId);

/// <summary>Body of <c>POST attempts/{id}/submit</c>.</summary>
/// <param name="Prediction">The prediction, if the contest asks one.</param>
public sealed record SubmitRequest(long? Prediction);
