using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Http;
using Platform.Core.Tenancy;
using Quiz.Attempts;
using Quiz.Contestants;
using Quiz.Data;

namespace Quiz.Api;

/// <summary>A unit for registration forms.</summary>
public sealed record UnitView(string Code, string Name, string? ParentCode, string? Block);

/// <summary>A group of a contest.</summary>
public sealed record GroupView(string Code, string Name);

/// <summary>A contest as clients list it.</summary>
public sealed record ContestSummary(
    string Slug,
    string Title,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    string State,
    int QuestionCount,
    int TimeLimitSeconds,
    int AttemptsAllowed,
    string AttemptsPer,
    bool HasPrediction,
    bool Practice,
    IReadOnlyList<GroupView> Groups);

/// <summary>The JSON API of the quiz (CONTRACT.md), under <c>{t}/api/v1</c>.</summary>
internal static class QuizEndpoints
{
    public static void MapQuizApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").AddEndpointFilter<QuizProblemFilter>().WithTags("Quiz");
        api.MapGet("/units", ListUnitsAsync).WithName("ListUnits");
        api.MapGet("/contests", ListContestsAsync).WithName("ListContests");
        api.MapPost("/account/register", RegisterAsync).WithName("Register").RequireRateLimiting(RateLimits.Register);

        var contestant = api.MapGroup(string.Empty).RequireAuthorization();
        contestant.MapPost("/contests/{slug}/attempts", StartAttemptAsync).WithName("StartAttempt").RequireRateLimiting(RateLimits.AttemptStart);
        contestant.MapGet("/attempts/{id:guid}", GetAttemptAsync).WithName("GetAttempt");
        contestant.MapPut("/attempts/{id:guid}/answers/{questionId}", SaveAnswerAsync).WithName("SaveAnswer");
        contestant.MapPost("/attempts/{id:guid}/submit", SubmitAsync).WithName("SubmitAttempt");
        contestant.MapGet("/me/attempts", MyAttemptsAsync).WithName("MyAttempts");
    }

    public static async Task<Ok<List<UnitView>>> ListUnitsAsync(QuizDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => new UnitView(u.Code, u.Name, u.ParentCode, u.Block)).ToListAsync(cancellationToken));

    public static async Task<Ok<List<ContestSummary>>> ListContestsAsync(QuizDbContext db, ITenantContext tenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var contests = await db.Contests.AsNoTracking().OrderBy(c => c.OpensAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(contests.Select(c => new ContestSummary(
            c.Slug,
            c.Title,
            tenant.Tenant!.ToLocal(c.OpensAt),
            tenant.Tenant!.ToLocal(c.ClosesAt),
            now < c.OpensAt ? "upcoming" : now >= c.ClosesAt ? "closed" : "open",
            c.QuestionsPerAttempt,
            c.TimeLimitSeconds,
            c.AttemptsAllowed,
            c.AttemptsPer.ToString().ToLowerInvariant(),
            c.PredictionPrompt is not null,
            c.IsPractice,
            c.Groups.Select(g => new GroupView(g.Code, g.Name)).ToList())).ToList());
    }

    public static async Task<Created<Registered>> RegisterAsync(RegisterRequest request, RegistrationService registration, HttpContext http) =>
        TypedResults.Created($"{http.Request.PathBase}/api/v1/me/attempts", await registration.RegisterAsync(request, http.RequestAborted));

    public static async Task<Results<Created<StartedAttempt>, Ok<StartedAttempt>, ProblemHttpResult>> StartAttemptAsync(string slug, AttemptService attempts, StartAdmission admission, ClaimsPrincipal user, HttpContext http)
    {
        using var turn = await admission.EnterAsync(http.RequestAborted);
        if (!turn.IsAcquired)
        {
            http.Response.Headers.RetryAfter = admission.Options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Create("queued", StatusCodes.Status503ServiceUnavailable, "Đang có rất nhiều người vào thi cùng lúc. Bạn đang xếp hàng; hệ thống tự thử lại sau vài giây.");
        }

        var (attempt, created) = await attempts.StartAsync(UserId(user), slug, http.RequestAborted);
        return created
            ? TypedResults.Created($"{http.Request.PathBase}/api/v1/attempts/{attempt.AttemptId}", attempt)
            : TypedResults.Ok(attempt);
    }

    public static async Task<Ok<AttemptDetails>> GetAttemptAsync(Guid id, AttemptService attempts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await attempts.GetAsync(UserId(user), id, cancellationToken));

    public static async Task<NoContent> SaveAnswerAsync(Guid id, string questionId, AnswerRequest request, AttemptService attempts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await attempts.SaveAnswerAsync(UserId(user), id, questionId, request.OptionId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<AttemptResult>> SubmitAsync(Guid id, SubmitRequest request, AttemptService attempts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await attempts.SubmitAsync(UserId(user), id, request.Prediction, cancellationToken));

    public static async Task<Ok<IReadOnlyList<MyAttempt>>> MyAttemptsAsync(AttemptService attempts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await attempts.MineAsync(UserId(user), cancellationToken));

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new QuizProblemException("not-eligible", StatusCodes.Status401Unauthorized, "Hãy đăng nhập.");
}
