using Platform.Core.Contests;
using System.Globalization;
using Platform.Core.Tenancy;
using Quiz.Api;
using Quiz.Attempts;
using Quiz.Contests;

namespace Quiz.Pages;

/// <summary>The forgotten-password and reset forms (<c>reset</c>): the link's user id and token, and where to sign in.</summary>
internal sealed record ResetForm(string UserId, string Token, string LoginUrl);

/// <summary>A round of a contest and its window.</summary>
internal sealed record RoundLine(string Name, string OpensAtText, string ClosesAtText);

/// <summary>A contest as its pages show it (<c>contest</c>); times are the tenant's local time.</summary>
internal sealed record ContestCard(
    string Slug,
    string Title,
    string Url,
    string State,
    string StateText,
    string OpensAtText,
    string ClosesAtText,
    long CountdownSeconds,
    string? CountdownLabel,
    string CountdownText,
    int QuestionCount,
    string TimeLimitText,
    string AttemptsText,
    string? CountsText,
    bool HasPrediction,
    bool Practice,
    int MinimumAge,
    IReadOnlyList<GroupView> Groups,
    IReadOnlyList<RoundLine> Rounds)
{
    public static ContestCard From(Contest contest, TenantInfo tenant, string baseUrl, DateTime utcNow, Func<string, object?[], string> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var round = ContestRules.OpenRound(contest, utcNow);
        var (state, stateText, changesAt, label) = utcNow < contest.OpensAt
            ? ("upcoming", "Sắp mở", contest.OpensAt, "Mở sau")
            : utcNow >= contest.ClosesAt
                ? ("closed", "Đã kết thúc", (DateTime?)null, null)
                : round is null
                    ? ("between", "Giữa hai vòng thi", contest.Rounds.Where(r => r.OpensAt > utcNow).Min(r => (DateTime?)r.OpensAt), "Vòng tiếp theo mở sau")
                    : ("open", "Đang mở", ContestRules.ClosesAt(contest, round.Value), round == 0 ? "Đóng sau" : "Vòng thi này đóng sau");
        var countdown = changesAt is { } at ? (long)Math.Ceiling((at - utcNow).TotalSeconds) : 0;
        return new ContestCard(
            contest.Slug,
            contest.Title,
            $"{baseUrl}/cuoc-thi/{contest.Slug}",
            state,
            stateText,
            PageText.Time(tenant.ToLocal(contest.OpensAt)),
            PageText.Time(tenant.ToLocal(contest.ClosesAt)),
            countdown,
            countdown > 0 ? label : null,
            PageText.Span(countdown, t),
            contest.QuestionsPerAttempt,
            PageText.Minutes(contest.TimeLimitSeconds, t),
            t(
                (contest.AttemptsAllowed == 1, contest.AttemptsPer) switch
                {
                    (true, AttemptsPer.Day) => "1 lượt mỗi ngày",
                    (true, AttemptsPer.Round) => "1 lượt mỗi vòng",
                    (true, _) => "1 lượt",
                    (false, AttemptsPer.Day) => "{0} lượt mỗi ngày",
                    (false, AttemptsPer.Round) => "{0} lượt mỗi vòng",
                    _ => "{0} lượt",
                },
                [contest.AttemptsAllowed]),
            contest.IsPractice || contest.AttemptsAllowed == 1 ? null : t(
                contest.Counts switch
                {
                    CountedAttempt.First => "Lượt thi đầu tiên được tính.",
                    CountedAttempt.Last => "Lượt thi cuối cùng được tính.",
                    _ => "Lượt thi có kết quả cao nhất được tính.",
                },
                []),
            contest.PredictionPrompt is not null,
            contest.IsPractice,
            contest.MinimumAge,
            contest.Groups.Select(g => new GroupView(g.Code, g.Name)).ToList(),
            contest.Rounds.OrderBy(r => r.OpensAt).Select(r => new RoundLine(r.Name, PageText.Time(tenant.ToLocal(r.OpensAt)), PageText.Time(tenant.ToLocal(r.ClosesAt)))).ToList());
    }
}

/// <summary>Where the viewer stands with a contest (<c>standing</c>): what the contest page offers them.</summary>
internal sealed record ContestStanding(
    bool SignedIn,
    bool IsContestant,
    bool CanStart,
    string? ResumeUrl,
    int AttemptsUsed,
    string? LastResultUrl,
    string? LastResultText,
    string RegisterUrl,
    string SignInUrl,
    string MyAttemptsUrl,
    string ApiUrl)
{
    public static ContestStanding SignedOut(ContestCard contest, string baseUrl) =>
        new(false, false, false, null, 0, null, null, RegisterLink(contest, baseUrl), SignInLink(contest, baseUrl), $"{baseUrl}/bai-thi-cua-toi", $"{baseUrl}/api/v1");

    public static ContestStanding NotContestant(ContestCard contest, string baseUrl) =>
        SignedOut(contest, baseUrl) with { SignedIn = true };

    public static ContestStanding Of(ContestCard contest, IReadOnlyList<MyAttempt> mine, string baseUrl, DateTimeOffset now, Func<string, object?[], string> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var here = mine.Where(a => a.Contest == contest.Slug).ToList();
        var resume = here.FirstOrDefault(a => a.State == "inProgress" && a.Deadline > now);
        var last = here.FirstOrDefault(a => a.Result is not null);
        return SignedOut(contest, baseUrl) with
        {
            SignedIn = true,
            IsContestant = true,
            CanStart = contest.State == "open" && resume is null,
            ResumeUrl = resume is null ? null : $"{baseUrl}/bai-thi/{resume.AttemptId}",
            AttemptsUsed = here.Count,
            LastResultUrl = last is null ? null : $"{baseUrl}/ket-qua-bai-thi/{last.AttemptId}",
            LastResultText = last?.Result is { } r ? t("{0}/{1} câu đúng, {2}", [r.CorrectCount, r.QuestionCount, PageText.Duration(r.DurationSeconds)]) : null,
        };
    }

    private static string RegisterLink(ContestCard contest, string baseUrl) => $"{baseUrl}/dang-ky?returnUrl={Uri.EscapeDataString(contest.Url)}";

    private static string SignInLink(ContestCard contest, string baseUrl) => $"{baseUrl}/dang-nhap?returnUrl={Uri.EscapeDataString(contest.Url)}";
}

/// <summary>The registration page (<c>form</c>): groups of every contest, the consent text and where to go next.</summary>
internal sealed record RegisterForm(IReadOnlyList<GroupView> Groups, string ConsentText, string NextUrl, string SignInUrl, string Today);

/// <summary>The sign-in page (<c>form</c>).</summary>
internal sealed record SignInForm(string NextUrl, string RegisterUrl);

/// <summary>An option of the attempt page: its opaque id, letter and text, and whether it is the saved answer.</summary>
internal sealed record SheetOption(string Id, string Letter, string Text, bool Checked);

/// <summary>A question of the attempt page.</summary>
internal sealed record SheetQuestion(int Number, string Id, string Text, IReadOnlyList<SheetOption> Options, bool Answered);

/// <summary>The attempt page (<c>attempt</c>): questions and saved answers, time left by the server's clock.</summary>
internal sealed record AttemptSheet(
    string AttemptId,
    string ContestTitle,
    string ContestUrl,
    string? ContestantName,
    IReadOnlyList<SheetQuestion> Questions,
    int QuestionCount,
    int AnsweredCount,
    int AnsweredPercent,
    int RemainingSeconds,
    string RemainingText,
    string DeadlineText,
    string? PredictionPrompt,
    string ResultUrl,
    string ApiUrl)
{
    public static AttemptSheet From(AttemptDetails details, string contestTitle, string? contestantName, string baseUrl)
    {
        var questions = details.Questions.Select((q, i) =>
        {
            details.Answers.TryGetValue(q.Id, out var chosen);
            return new SheetQuestion(i + 1, q.Id, q.Text, q.Options.Select((o, k) => new SheetOption(o.Id, PageText.Letter(k), o.Text, o.Id == chosen)).ToList(), chosen is not null);
        }).ToList();
        var answered = questions.Count(q => q.Answered);
        return new AttemptSheet(
            details.AttemptId.ToString(),
            contestTitle,
            $"{baseUrl}/cuoc-thi/{details.Contest}",
            contestantName,
            questions,
            questions.Count,
            answered,
            questions.Count == 0 ? 0 : answered * 100 / questions.Count,
            details.RemainingSeconds,
            PageText.Clock(details.RemainingSeconds),
            PageText.Time(details.Deadline),
            details.Prediction?.Prompt,
            $"{baseUrl}/ket-qua-bai-thi/{details.AttemptId}",
            $"{baseUrl}/api/v1");
    }
}

/// <summary>An option in the review of a final attempt.</summary>
internal sealed record ReviewOption(string Letter, string Text, bool IsCorrect, bool IsChosen);

/// <summary>A question in the review of a final attempt (only when the API gives the review).</summary>
internal sealed record ReviewQuestion(int Number, string Text, IReadOnlyList<ReviewOption> Options, bool Answered, bool Correct, string? Explanation);

/// <summary>The result page (<c>result</c>).</summary>
internal sealed record ResultSheet(
    string AttemptId,
    string ContestTitle,
    string ContestUrl,
    string State,
    string StateText,
    int CorrectCount,
    int QuestionCount,
    int AnsweredCount,
    int Score,
    string DurationText,
    string? SubmittedAtText,
    bool HasReview,
    IReadOnlyList<ReviewQuestion> Review,
    string MyAttemptsUrl)
{
    public static ResultSheet From(AttemptDetails details, string contestTitle, string baseUrl)
    {
        var result = details.Result ?? new AttemptResult(0, details.Questions.Count, 0, 0, null);
        var key = details.Review?.ToDictionary(r => r.QuestionId) ?? [];
        var review = details.Review is null ? [] : details.Questions.Select((q, i) =>
        {
            details.Answers.TryGetValue(q.Id, out var chosen);
            key.TryGetValue(q.Id, out var right);
            return new ReviewQuestion(
                i + 1,
                q.Text,
                q.Options.Select((o, k) => new ReviewOption(PageText.Letter(k), o.Text, o.Id == right?.OptionId, o.Id == chosen)).ToList(),
                chosen is not null,
                chosen is not null && chosen == right?.OptionId,
                right?.Explanation);
        }).ToList();
        return new ResultSheet(
            details.AttemptId.ToString(),
            contestTitle,
            $"{baseUrl}/cuoc-thi/{details.Contest}",
            details.State,
            PageText.AttemptState(details.State),
            result.CorrectCount,
            result.QuestionCount,
            details.Answers.Count,
            result.Score,
            PageText.Duration(result.DurationSeconds),
            result.SubmittedAt is { } at ? PageText.Time(at) : null,
            details.Review is not null,
            review,
            $"{baseUrl}/bai-thi-cua-toi");
    }
}

/// <summary>A line of "my attempts" (<c>attempts</c>).</summary>
internal sealed record MyAttemptLine(string ContestTitle, string ContestUrl, string StartedAtText, string State, string StateText, string Url, string ActionText, string? ResultText, string? DurationText)
{
    public static MyAttemptLine From(MyAttempt attempt, string baseUrl, Func<string, object?[], string> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var final = attempt.Result is not null;
        return new MyAttemptLine(
            attempt.ContestTitle,
            $"{baseUrl}/cuoc-thi/{attempt.Contest}",
            PageText.Time(attempt.StartedAt),
            attempt.State,
            PageText.AttemptState(attempt.State),
            final ? $"{baseUrl}/ket-qua-bai-thi/{attempt.AttemptId}" : $"{baseUrl}/bai-thi/{attempt.AttemptId}",
            final ? "Xem kết quả" : "Làm tiếp",
            attempt.Result is { } r ? t("{0}/{1} câu đúng · {2} điểm", [r.CorrectCount, r.QuestionCount, r.Score]) : null,
            attempt.Result is { } d ? PageText.Duration(d.DurationSeconds) : null);
    }
}

/// <summary>A message page (<c>notice</c>): not found, not allowed.</summary>

/// <summary>How the pages write times, durations and letters.</summary>
internal static class PageText
{
    /// <summary>A local time as <c>dd/MM/yyyy HH:mm</c>.</summary>
    public static string Time(DateTimeOffset local) => local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A duration as <c>mm:ss</c> (minutes may pass 59).</summary>
    public static string Duration(double seconds)
    {
        var total = (long)Math.Max(0, Math.Floor(seconds));
        return string.Create(CultureInfo.InvariantCulture, $"{total / 60:00}:{total % 60:00}");
    }

    /// <summary>Time left as the countdown shows it: <c>mm:ss</c>, or <c>h:mm:ss</c> from an hour.</summary>
    public static string Clock(int seconds) => seconds >= 3600
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}")
        : Duration(seconds);

    /// <summary>A countdown: <c>HH:mm:ss</c>, preceded by whole days when there are any.</summary>
    /// <param name="seconds">Seconds left.</param>
    /// <param name="t">Translates a Vietnamese text of the page into the tenant's culture.</param>
    public static string Span(long seconds, Func<string, object?[], string> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var days = seconds / 86400;
        var clock = string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600 % 24:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        return days > 0 ? t("{0} ngày {1}", [days.ToString(CultureInfo.InvariantCulture), clock]) : clock;
    }

    /// <summary>A time limit in minutes, and seconds when there are any.</summary>
    /// <param name="seconds">The limit.</param>
    /// <param name="t">Translates a Vietnamese text of the page into the tenant's culture.</param>
    public static string Minutes(int seconds, Func<string, object?[], string> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return seconds % 60 == 0
            ? t("{0} phút", [(seconds / 60).ToString(CultureInfo.InvariantCulture)])
            : t("{0} phút {1} giây", [(seconds / 60).ToString(CultureInfo.InvariantCulture), (seconds % 60).ToString(CultureInfo.InvariantCulture)]);
    }

    /// <summary>A, B, C ... for the options in the order shown.</summary>
    public static string Letter(int index) => ((char)('A' + index)).ToString();

    public static string AttemptState(string state) => state switch
    {
        "inProgress" => "Đang làm",
        "submitted" => "Đã nộp",
        _ => "Hết giờ",
    };
}
