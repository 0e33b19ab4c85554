namespace Platform.Core.Contests;

/// <summary>
/// What the module that runs contests tells other modules about them: the contest's terms, final attempts
/// (entries), contestants, units and answers. Implemented by the quiz module; read by the results module.
/// Every method works in the current tenant.
/// </summary>
public interface IContestData
{
    /// <summary>The contest with this slug, or null.</summary>
    Task<ContestTerms?> FindContestAsync(string slug, CancellationToken cancellationToken);

    /// <summary>Every contest of the tenant, newest opening first.</summary>
    Task<IReadOnlyList<ContestTerms>> ListContestsAsync(CancellationToken cancellationToken);

    /// <summary>Final attempts of a contest (all rounds when <paramref name="round"/> is 0), in no particular order.</summary>
    IAsyncEnumerable<EntryRecord> ReadEntriesAsync(long contestId, int round, CancellationToken cancellationToken);

    /// <summary>Public facts (name, unit, group) of every registered contestant of the tenant, for looking up entries.</summary>
    IAsyncEnumerable<ContestantRecord> ReadContestantsAsync(CancellationToken cancellationToken);

    /// <summary>Contact details of the given contestants, for organisers only (winners' lists). Personal data.</summary>
    Task<IReadOnlyList<ContestantContact>> ReadContactsAsync(IReadOnlyCollection<long> contestantIds, CancellationToken cancellationToken);

    /// <summary>The unit tree.</summary>
    Task<IReadOnlyList<UnitRecord>> ReadUnitsAsync(CancellationToken cancellationToken);

    /// <summary>For each question of each final attempt of the contest (all rounds when 0): whether it was answered right.</summary>
    IAsyncEnumerable<ItemResponse> ReadItemResponsesAsync(long contestId, int round, CancellationToken cancellationToken);

    /// <summary>Attempts of the contest (all rounds when 0) not final yet: in progress, or within their grace period.</summary>
    Task<int> CountUnfinishedAsync(long contestId, int round, CancellationToken cancellationToken);

    /// <summary>The contestant of a signed-in account, or null.</summary>
    Task<long?> FindContestantIdAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>The terms of one contest.</summary>
/// <param name="Id">Row id.</param>
/// <param name="Slug">Slug.</param>
/// <param name="Title">Title.</param>
/// <param name="OpensAt">Opening (UTC).</param>
/// <param name="ClosesAt">Closing (UTC).</param>
/// <param name="IsPractice">An open practice, not ranked.</param>
/// <param name="Groups">Groups ranked separately.</param>
/// <param name="Rounds">Rounds; empty for one window.</param>
/// <param name="Counts">Which attempt of a contestant counts.</param>
/// <param name="Predicts">What the prediction question guesses; null without one.</param>
/// <param name="Prizes">Individual prize classes per group, in award order.</param>
/// <param name="UnitPrizes">The unit prize rule.</param>
/// <param name="QuestionsPerAttempt">Questions per attempt.</param>
public sealed record ContestTerms(
    long Id,
    string Slug,
    string Title,
    DateTime OpensAt,
    DateTime ClosesAt,
    bool IsPractice,
    IReadOnlyList<ContestGroup> Groups,
    IReadOnlyList<ContestRound> Rounds,
    CountedAttempt Counts,
    PredictionTarget? Predicts,
    IReadOnlyList<PrizeQuota> Prizes,
    UnitPrizeRule UnitPrizes,
    int QuestionsPerAttempt)
{
    /// <summary>When a scope (0 = the whole contest) closes.</summary>
    public DateTime ClosesAtFor(int round) => round == 0 ? ClosesAt : Rounds.Single(r => r.Number == round).ClosesAt;
}

/// <summary>A final attempt: what ranks it.</summary>
/// <param name="AttemptId">Opaque attempt id.</param>
/// <param name="ContestantId">Contestant.</param>
/// <param name="GroupCode">Group entered in.</param>
/// <param name="Round">Round, 0 without rounds.</param>
/// <param name="Score">Score.</param>
/// <param name="CorrectCount">Right answers.</param>
/// <param name="QuestionCount">Questions drawn.</param>
/// <param name="DurationMs">Time taken, milliseconds.</param>
/// <param name="Prediction">Prediction given, if any.</param>
/// <param name="SubmittedAt">Submission time (UTC); the deadline for attempts the server finalized.</param>
public sealed record EntryRecord(
    Guid AttemptId,
    long ContestantId,
    string GroupCode,
    int Round,
    int Score,
    int CorrectCount,
    int QuestionCount,
    long DurationMs,
    long? Prediction,
    DateTime SubmittedAt);

/// <summary>What may be shown of a contestant next to a result: name and unit. No personal identifiers.</summary>
/// <param name="Id">Contestant id.</param>
/// <param name="FullName">Full name.</param>
/// <param name="UnitCode">Unit code.</param>
/// <param name="GroupCode">Group code.</param>
public sealed record ContestantRecord(long Id, string FullName, string UnitCode, string GroupCode);

/// <summary>Contact details for organisers (personal data under Decree 13/2023/NĐ-CP).</summary>
/// <param name="Id">Contestant id.</param>
/// <param name="FullName">Full name.</param>
/// <param name="DateOfBirth">Date of birth.</param>
/// <param name="CitizenId">Citizen id.</param>
/// <param name="Phone">Phone.</param>
/// <param name="Email">E-mail.</param>
public sealed record ContestantContact(long Id, string FullName, DateOnly DateOfBirth, string CitizenId, string Phone, string? Email);

/// <summary>A unit of the tree.</summary>
/// <param name="Code">Code.</param>
/// <param name="Name">Name.</param>
/// <param name="ParentCode">Parent, or null at the top.</param>
/// <param name="Block">Block, if any.</param>
/// <param name="Headcount">Headcount, if known.</param>
/// <param name="SortOrder">Position among siblings.</param>
public sealed record UnitRecord(string Code, string Name, string? ParentCode, string? Block, int? Headcount, int SortOrder);

/// <summary>One question of one final attempt.</summary>
/// <param name="AttemptId">Attempt.</param>
/// <param name="QuestionCode">Question code.</param>
/// <param name="QuestionText">Question text (of the version drawn).</param>
/// <param name="Correct">Answered right.</param>
public sealed record ItemResponse(Guid AttemptId, string QuestionCode, string QuestionText, bool Correct);
