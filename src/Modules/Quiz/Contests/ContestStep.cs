using Platform.Core.Contests;
using System.Globalization;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Recipes;
using Quiz.Data;

namespace Quiz.Contests;

/// <summary>
/// The <c>contest</c> recipe step (CONTRACT.md). Times are ISO 8601 with an offset, or <c>setup</c> /
/// <c>setup+P30D</c> / <c>setup-P1D</c> relative to when the step runs (for an always-open practice contest).
/// </summary>
public sealed class ContestStepData : RecipeStepData
{
    /// <summary>Unique per tenant.</summary>
    public string Slug { get; set; } = string.Empty;

    /// <summary>Title.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Opening.</summary>
    public string OpensAt { get; set; } = string.Empty;

    /// <summary>Closing.</summary>
    public string ClosesAt { get; set; } = string.Empty;

    /// <summary>Questions per attempt.</summary>
    public int QuestionsPerAttempt { get; set; } = 20;

    /// <summary>Time limit.</summary>
    public int TimeLimitSeconds { get; set; } = 1200;

    /// <summary>Grace for late submits.</summary>
    public int GraceSeconds { get; set; } = 30;

    /// <summary>Attempts allowed.</summary>
    public int AttemptsAllowed { get; set; } = 1;

    /// <summary><c>contest</c>, <c>round</c> or <c>day</c>.</summary>
    public string AttemptsPer { get; set; } = "contest";

    /// <summary><c>best</c>, <c>first</c> or <c>last</c>.</summary>
    public string Counts { get; set; } = "best";

    /// <summary>Minimum age on the opening day.</summary>
    public int MinimumAge { get; set; }

    /// <summary>Groups.</summary>
    public List<ContestGroup> Groups { get; set; } = [];

    /// <summary>Rounds, each with its own window.</summary>
    public List<RoundData>? Rounds { get; set; }

    /// <summary>Quotas by topic/difficulty.</summary>
    public List<DrawQuota>? Quotas { get; set; }

    /// <summary>Citizen ids that may not enter.</summary>
    public List<string>? ExcludedCitizenIds { get; set; }

    /// <summary>Shuffle questions (default true).</summary>
    public bool? ShuffleQuestions { get; set; }

    /// <summary>Shuffle options (default true).</summary>
    public bool? ShuffleOptions { get; set; }

    /// <summary>Points per right answer (default 1).</summary>
    public int? PointsPerAnswer { get; set; }

    /// <summary><c>afterClose</c> (default) or <c>never</c>.</summary>
    public string? ShowAnswers { get; set; }

    /// <summary>The prediction question.</summary>
    public PredictionData? Prediction { get; set; }

    /// <summary>Individual prizes.</summary>
    public List<PrizeQuota>? Prizes { get; set; }

    /// <summary>Unit prizes.</summary>
    public UnitPrizeRule? UnitPrizes { get; set; }

    /// <summary>An open practice contest, not ranked.</summary>
    public bool? Practice { get; set; }

    /// <summary>A round of the step.</summary>
    public sealed class RoundData
    {
        /// <summary>Number.</summary>
        public int Number { get; set; }

        /// <summary>Name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Opening.</summary>
        public string OpensAt { get; set; } = string.Empty;

        /// <summary>Closing.</summary>
        public string ClosesAt { get; set; } = string.Empty;
    }

    /// <summary>The prediction question of the step.</summary>
    public sealed class PredictionData
    {
        /// <summary>Prompt.</summary>
        public string Prompt { get; set; } = string.Empty;

        /// <summary><c>allCorrectEntries</c>, <c>participants</c> or <c>entered</c>.</summary>
        public string Predicts { get; set; } = "allCorrectEntries";
    }
}

/// <summary>Creates or updates a contest by slug.</summary>
internal sealed class ContestStep(TimeProvider clock) : RecipeStep<ContestStepData>
{
    public override string Name => "contest";

    protected override async Task RunAsync(ContestStepData data, RecipeContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var db = context.Services.GetRequiredService<QuizDbContext>();
        var contest = await db.Contests.SingleOrDefaultAsync(c => c.Slug == data.Slug, cancellationToken);
        if (contest is null)
        {
            contest = new Contest { Slug = data.Slug };
            db.Contests.Add(contest);
        }

        contest.Title = data.Title;
        contest.OpensAt = Time(data.OpensAt, "opensAt", now);
        contest.ClosesAt = Time(data.ClosesAt, "closesAt", now);
        contest.QuestionsPerAttempt = data.QuestionsPerAttempt;
        contest.TimeLimitSeconds = data.TimeLimitSeconds;
        contest.GraceSeconds = data.GraceSeconds;
        contest.AttemptsAllowed = data.AttemptsAllowed;
        contest.AttemptsPer = Enum<AttemptsPer>(data.AttemptsPer, "attemptsPer");
        contest.Counts = Enum<CountedAttempt>(data.Counts, "counts");
        contest.MinimumAge = data.MinimumAge;
        contest.Groups = data.Groups;
        contest.Rounds = (data.Rounds ?? []).Select(r => new ContestRound { Number = r.Number, Name = r.Name, OpensAt = Time(r.OpensAt, "rounds.opensAt", now), ClosesAt = Time(r.ClosesAt, "rounds.closesAt", now) }).ToList();
        contest.Quotas = data.Quotas ?? [];
        contest.ExcludedCitizenIds = data.ExcludedCitizenIds ?? [];
        contest.ShuffleQuestions = data.ShuffleQuestions ?? true;
        contest.ShuffleOptions = data.ShuffleOptions ?? true;
        contest.PointsPerAnswer = data.PointsPerAnswer ?? 1;
        contest.ShowAnswers = Enum<AnswersShown>(data.ShowAnswers ?? "afterClose", "showAnswers");
        contest.PredictionPrompt = string.IsNullOrWhiteSpace(data.Prediction?.Prompt) ? null : data.Prediction.Prompt;
        contest.Predicts = Enum<PredictionTarget>(data.Prediction?.Predicts ?? "allCorrectEntries", "prediction.predicts");
        contest.Prizes = data.Prizes ?? [];
        contest.UnitPrizes = data.UnitPrizes ?? new UnitPrizeRule();
        contest.IsPractice = data.Practice ?? false;

        var errors = ContestRules.Validate(contest);
        if (errors.Count > 0)
        {
            throw new RecipeException($"contest '{data.Slug}': " + string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Parses an ISO 8601 time with offset, or <c>setup[+|-duration]</c>.</summary>
    internal static DateTime Time(string value, string field, DateTime setupUtc)
    {
        if (value.StartsWith("setup", StringComparison.Ordinal))
        {
            var rest = value["setup".Length..];
            if (rest.Length == 0)
            {
                return setupUtc;
            }

            try
            {
                var duration = XmlConvert.ToTimeSpan(rest[1..]);
                return rest[0] == '-' ? setupUtc - duration : setupUtc + duration;
            }
            catch (FormatException)
            {
                throw new RecipeException($"field '{field}': '{value}' is not setup±ISO-8601 duration (for example setup+P30D).");
            }
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || !HasOffset(value))
        {
            throw new RecipeException($"field '{field}': '{value}' is not an ISO 8601 time with an offset (for example 2023-09-10T00:00:00+07:00).");
        }

        return parsed.UtcDateTime;
    }

    private static bool HasOffset(string value) => value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T', StringComparison.Ordinal);

    private static TEnum Enum<TEnum>(string value, string field) where TEnum : struct, Enum =>
        System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new RecipeException($"field '{field}': '{value}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
}
