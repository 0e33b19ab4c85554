using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Core;
using Platform.Core.Tenancy;
using Platform.Core.Theming;
using Quiz.Attempts;
using Quiz.Contests;
using Quiz.Pages;

namespace Quiz.Tests.Pages;

/// <summary>Texts the contestant pages build in C#: unchanged in Vietnamese, English through Default's <c>en.json</c>.</summary>
public sealed partial class PageTranslationTests
{
    private static readonly DateTime Opens = new(2023, 9, 9, 17, 0, 0, DateTimeKind.Utc);
    private static readonly ThemeText Texts = new(new ThemeCatalog(Options.Create(new PlatformOptions()), new Environment()));

    private static readonly TenantInfo Tenant = new("t1", "t1", "T1", TenantState.Running, "t1", [], "vi-VN", "Asia/Ho_Chi_Minh", ThemeCatalog.DefaultTheme, null, null);

    [Fact]
    public void ContestCard_InVietnamese_IsWordedAsBefore_AndInEnglish_IsTranslated()
    {
        var contest = Contest(AttemptsPer.Day, attempts: 3, seconds: 1230);

        var vi = ContestCard.From(contest, Tenant, "/t1", Opens.AddDays(-1).AddHours(-1), T("vi-VN"));
        var en = ContestCard.From(contest, Tenant, "/t1", Opens.AddDays(-1).AddHours(-1), T("en-US"));

        Assert.Equal(("3 lượt mỗi ngày", "Lượt thi có kết quả cao nhất được tính.", "20 phút 30 giây", "1 ngày 01:00:00"), (vi.AttemptsText, vi.CountsText, vi.TimeLimitText, vi.CountdownText));
        Assert.Equal(("3 times a day", "Your best attempt is the one that counts.", "20 min 30 s", "1d 01:00:00"), (en.AttemptsText, en.CountsText, en.TimeLimitText, en.CountdownText));
    }

    [Fact]
    public void ContestCard_OneAttempt_ReadsNaturally()
    {
        var contest = Contest(AttemptsPer.Contest, attempts: 1, seconds: 1200);

        Assert.Equal("1 lượt", ContestCard.From(contest, Tenant, "/t1", Opens, T("vi-VN")).AttemptsText);
        Assert.Equal("once", ContestCard.From(contest, Tenant, "/t1", Opens, T("en-US")).AttemptsText);
        Assert.Equal("20 min", ContestCard.From(contest, Tenant, "/t1", Opens, T("en-US")).TimeLimitText);
    }

    [Fact]
    public void MyAttemptLine_ResultText_InBothLanguages()
    {
        var attempt = new MyAttempt(Guid.NewGuid(), "c", "C", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "submitted", new AttemptResult(7, 10, 70, 95, null));

        Assert.Equal("7/10 câu đúng · 70 điểm", MyAttemptLine.From(attempt, "/t1", T("vi-VN")).ResultText);
        Assert.Equal("7/10 correct · 70 points", MyAttemptLine.From(attempt, "/t1", T("en-US")).ResultText);
    }

    [Fact]
    public void EveryTextThePagesTranslate_HasAnEnglishEntry()
    {
        var root = Path.GetDirectoryName(FindThemes())!;
        var english = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(root, "themes", "Default", "locales", "en.json")))!;
        var pages = Path.Combine(root, "src", "Modules", "Quiz", "Pages");
        var keys = Directory.GetFiles(pages, "*.cs").SelectMany(f => Translated().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.True(english.ContainsKey(k), $"en.json lacks \"{k}\""));
    }

    private static Func<string, object?[], string> T(string culture) => (text, arguments) => Texts.Format(ThemeCatalog.DefaultTheme, culture, text, arguments);

    private static string FindThemes() => new ThemeCatalog(Options.Create(new PlatformOptions()), new Environment()).Root;

    private static Contest Contest(AttemptsPer per, int attempts, int seconds) => new()
    {
        Slug = "c",
        Title = "C",
        OpensAt = Opens,
        ClosesAt = Opens.AddDays(21),
        Groups = [new() { Code = "N1", Name = "Nhóm 1" }],
        QuestionsPerAttempt = 20,
        TimeLimitSeconds = seconds,
        AttemptsAllowed = attempts,
        AttemptsPer = per,
    };

    [GeneratedRegex("""\b[Tt]\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")]
    private static partial Regex Translated();

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "Quiz.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
