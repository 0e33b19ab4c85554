using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;
using Quiz.Data;

namespace Quiz.Contests;

/// <summary>Exports every contest as a <c>contest</c> step, times with the tenant's offset.</summary>
internal sealed class ContestExporter : IRecipeExporter
{
    public int Order => 40;

    public async Task<IReadOnlyList<RecipeStepData>> ExportAsync(TenantInfo tenant, string folder, IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<QuizDbContext>();
        var contests = await db.Contests.AsNoTracking().OrderBy(c => c.OpensAt).ThenBy(c => c.Slug).ToListAsync(cancellationToken);
        return contests.Select(c => (RecipeStepData)new ContestStepData
        {
            Name = "contest",
            Slug = c.Slug,
            Title = c.Title,
            OpensAt = Iso(tenant, c.OpensAt),
            ClosesAt = Iso(tenant, c.ClosesAt),
            QuestionsPerAttempt = c.QuestionsPerAttempt,
            TimeLimitSeconds = c.TimeLimitSeconds,
            GraceSeconds = c.GraceSeconds,
            AttemptsAllowed = c.AttemptsAllowed,
            AttemptsPer = Camel(c.AttemptsPer.ToString()),
            Counts = Camel(c.Counts.ToString()),
            MinimumAge = c.MinimumAge,
            Groups = c.Groups,
            Rounds = c.Rounds.Count == 0 ? null : c.Rounds.Select(r => new ContestStepData.RoundData { Number = r.Number, Name = r.Name, OpensAt = Iso(tenant, r.OpensAt), ClosesAt = Iso(tenant, r.ClosesAt) }).ToList(),
            Quotas = c.Quotas.Count == 0 ? null : c.Quotas,
            ExcludedCitizenIds = c.ExcludedCitizenIds.Count == 0 ? null : c.ExcludedCitizenIds,
            ShuffleQuestions = c.ShuffleQuestions,
            ShuffleOptions = c.ShuffleOptions,
            PointsPerAnswer = c.PointsPerAnswer,
            ShowAnswers = Camel(c.ShowAnswers.ToString()),
            Prediction = c.PredictionPrompt is null ? null : new ContestStepData.PredictionData { Prompt = c.PredictionPrompt, Predicts = Camel(c.Predicts.ToString()) },
            Prizes = c.Prizes.Count == 0 ? null : c.Prizes,
            UnitPrizes = c.UnitPrizes,
            Practice = c.IsPractice ? true : null,
        }).ToList();
    }

    private static string Iso(TenantInfo tenant, DateTime utc) => tenant.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
