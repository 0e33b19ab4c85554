using System.Globalization;
using Fluid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Theming;
using Quiz.Api;
using Quiz.Attempts;
using Quiz.Contestants;
using Quiz.Data;

namespace Quiz.Pages;

/// <summary>
/// The contestant's public pages, under the tenant base and rendered through the tenant's theme: contests, registration,
/// sign-in, the attempt (server-rendered, then driven by <c>quiz.js</c> against the JSON API), its result and the
/// contestant's attempts. Pages never carry the answer key (the API never gives it before an attempt is final) nor
/// anyone's citizen id or phone.
/// </summary>
internal static class ContestantPages
{
    /// <summary>Maps the pages; call from the module's <c>MapEndpoints</c>.</summary>
    internal static void MapContestantPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/cuoc-thi", ContestsAsync).WithName("ContestsPage");
        endpoints.MapGet("/cuoc-thi/{slug}", ContestAsync).WithName("ContestPage");
        endpoints.MapGet("/dang-ky", RegisterAsync).WithName("RegisterPage");
        endpoints.MapGet("/dang-nhap", SignInAsync).WithName("SignInPage");
        endpoints.MapGet("/bai-thi/{attemptId:guid}", AttemptAsync).WithName("AttemptPage");
        endpoints.MapGet("/ket-qua-bai-thi/{attemptId:guid}", ResultAsync).WithName("AttemptResultPage");
        endpoints.MapGet("/bai-thi-cua-toi", MyAttemptsAsync).WithName("MyAttemptsPage");
        endpoints.MapGet("/quen-mat-khau", ([AsParameters] PageRequest page) =>
            page.RenderAsync("ForgotPassword", page.T("Quên mật khẩu"), new() { ["reset"] = new ResetForm(string.Empty, string.Empty, $"{page.BaseUrl}/dang-nhap") })).WithName("ForgotPasswordPage");
        endpoints.MapGet("/dat-lai-mat-khau", (string? u, string? t, [AsParameters] PageRequest page) =>
            page.RenderAsync("ResetPassword", page.T("Đặt lại mật khẩu"), new() { ["reset"] = new ResetForm(u ?? string.Empty, t ?? string.Empty, $"{page.BaseUrl}/dang-nhap") }, personal: true)).WithName("ResetPasswordPage");
    }

    /// <summary>Lets the templates read the pages' view models; call from the module's <c>ConfigureTemplates</c>.</summary>
    internal static void RegisterContestantViewModels(TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var members = options.MemberAccessStrategy;
        members.Register<GroupView>();
        members.Register<ResetForm>();
        members.Register<ContestCard>();
        members.Register<RoundLine>();
        members.Register<ContestStanding>();
        members.Register<RegisterForm>();
        members.Register<SignInForm>();
        members.Register<AttemptSheet>();
        members.Register<SheetQuestion>();
        members.Register<SheetOption>();
        members.Register<ResultSheet>();
        members.Register<ReviewQuestion>();
        members.Register<ReviewOption>();
        members.Register<MyAttemptLine>();
    }

    private static async Task<ContentHttpResult> ContestsAsync([AsParameters] PageRequest page, QuizDbContext db)
    {
        var contests = await db.Contests.AsNoTracking().OrderBy(c => c.OpensAt).ToListAsync(page.Aborted);
        var now = page.UtcNow;
        var cards = contests.Select(c => ContestCard.From(c, page.Tenant, page.BaseUrl, now, page.T)).ToList();
        return await page.RenderAsync("Contests", page.T("Các cuộc thi"), new() { ["contests"] = cards });
    }

    private static async Task<ContentHttpResult> ContestAsync(string slug, [AsParameters] PageRequest page, QuizDbContext db, AttemptService attempts)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, page.Aborted);
        if (contest is null)
        {
            return await page.NotFoundAsync(page.T("Không có cuộc thi này."));
        }

        var card = ContestCard.From(contest, page.Tenant, page.BaseUrl, page.UtcNow, page.T);
        var standing = ContestStanding.SignedOut(card, page.BaseUrl);
        if (page.UserId is { } userId)
        {
            try
            {
                var mine = await attempts.MineAsync(userId, page.Aborted);
                standing = ContestStanding.Of(card, mine, page.BaseUrl, page.Clock.GetUtcNow(), page.T);
            }
            catch (QuizProblemException)
            {
                // Signed in with a staff account, which has no contestant row: it cannot enter.
                standing = ContestStanding.NotContestant(card, page.BaseUrl);
            }
        }

        return await page.RenderAsync("Contest", contest.Title, new() { ["contest"] = card, ["standing"] = standing });
    }

    private static async Task<ContentHttpResult> RegisterAsync(string? returnUrl, [AsParameters] PageRequest page, QuizDbContext db)
    {
        var contests = await db.Contests.AsNoTracking().OrderBy(c => c.OpensAt).ToListAsync(page.Aborted);
        var groups = contests.SelectMany(c => c.Groups)
            .DistinctBy(g => g.Code, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Code, StringComparer.OrdinalIgnoreCase)
            .Select(g => new GroupView(g.Code, g.Name))
            .ToList();
        var next = page.LocalReturnUrl(returnUrl) ?? $"{page.BaseUrl}/cuoc-thi";
        var form = new RegisterForm(groups, page.T(Consent.Text), next, $"{page.BaseUrl}/dang-nhap?returnUrl={Uri.EscapeDataString(next)}", page.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return await page.RenderAsync("Register", page.T("Đăng ký dự thi"), new() { ["form"] = form });
    }

    private static Task<ContentHttpResult> SignInAsync(string? returnUrl, [AsParameters] PageRequest page)
    {
        var next = page.LocalReturnUrl(returnUrl) ?? $"{page.BaseUrl}/cuoc-thi";
        var form = new SignInForm(next, $"{page.BaseUrl}/dang-ky?returnUrl={Uri.EscapeDataString(next)}");
        return page.RenderAsync("Login", page.T("Đăng nhập"), new() { ["form"] = form });
    }

    private static async Task<Results<ContentHttpResult, RedirectHttpResult>> AttemptAsync(Guid attemptId, [AsParameters] PageRequest page, QuizDbContext db, AttemptService attempts)
    {
        var (details, refusal) = await OwnAttemptAsync(attemptId, page, attempts);
        if (details is null)
        {
            return refusal!;
        }

        if (details.State != "inProgress")
        {
            return TypedResults.Redirect($"{page.BaseUrl}/ket-qua-bai-thi/{attemptId}");
        }

        var title = await ContestTitleAsync(db, details.Contest, page.Aborted);
        var sheet = AttemptSheet.From(details, title, page.Viewer?.Name, page.BaseUrl);
        return await page.RenderAsync("Attempt", page.T("Bài thi · {0}", title), new() { ["attempt"] = sheet }, personal: true);
    }

    private static async Task<Results<ContentHttpResult, RedirectHttpResult>> ResultAsync(Guid attemptId, [AsParameters] PageRequest page, QuizDbContext db, AttemptService attempts)
    {
        var (details, refusal) = await OwnAttemptAsync(attemptId, page, attempts);
        if (details is null)
        {
            return refusal!;
        }

        if (details.State == "inProgress")
        {
            return TypedResults.Redirect($"{page.BaseUrl}/bai-thi/{attemptId}");
        }

        var title = await ContestTitleAsync(db, details.Contest, page.Aborted);
        var sheet = ResultSheet.From(details, title, page.BaseUrl);
        return await page.RenderAsync("Result", page.T("Kết quả bài thi · {0}", title), new() { ["result"] = sheet }, personal: true);
    }

    private static async Task<Results<ContentHttpResult, RedirectHttpResult>> MyAttemptsAsync([AsParameters] PageRequest page, AttemptService attempts)
    {
        if (page.UserId is not { } userId)
        {
            return page.RedirectToSignIn();
        }

        IReadOnlyList<MyAttempt> mine;
        try
        {
            mine = await attempts.MineAsync(userId, page.Aborted);
        }
        catch (QuizProblemException problem)
        {
            return await page.ProblemAsync(problem);
        }

        var lines = mine.Select(a => MyAttemptLine.From(a, page.BaseUrl, page.T)).ToList();
        return await page.RenderAsync("MyAttempts", page.T("Bài thi của tôi"), new() { ["attempts"] = lines, ["contests_url"] = $"{page.BaseUrl}/cuoc-thi" }, personal: true);
    }

    // The signed-in contestant's attempt, or what to answer instead (sign in first, or the refusal as a page).
    private static async Task<(AttemptDetails? Details, Results<ContentHttpResult, RedirectHttpResult>? Refusal)> OwnAttemptAsync(Guid attemptId, PageRequest page, AttemptService attempts)
    {
        if (page.UserId is not { } userId)
        {
            return (null, page.RedirectToSignIn());
        }

        try
        {
            return (await attempts.GetAsync(userId, attemptId, page.Aborted), null);
        }
        catch (QuizProblemException problem)
        {
            return (null, await page.ProblemAsync(problem));
        }
    }

    private static async Task<string> ContestTitleAsync(QuizDbContext db, string slug, CancellationToken cancellationToken) =>
        await db.Contests.AsNoTracking().Where(c => c.Slug == slug).Select(c => c.Title).SingleOrDefaultAsync(cancellationToken) ?? slug;
}
