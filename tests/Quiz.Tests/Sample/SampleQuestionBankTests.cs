using Quiz.Questions;
using Quiz.Questions.Sheets;

namespace Quiz.Tests.Sample;

/// <summary>The Bắc Kạn sample's bank, read by the importer's own parser: every question sourced, every content area present.</summary>
public sealed class SampleQuestionBankTests
{
    // The four content areas of the province's plan (reference/ke-hoach-2023.txt).
    private static readonly string[] Areas =
    [
        "Chủ trương, chính sách, pháp luật về chuyển đổi số",
        "Kết quả chuyển đổi số của tỉnh Bắc Kạn",
        "Ứng dụng chính quyền số, kinh tế số, xã hội số",
        "An toàn thông tin mạng",
    ];

    [Fact]
    public async Task EveryQuestion_ParsesWithoutError_HasASource_AndBelongsToAContentArea()
    {
        var path = FindSample("questions.csv");
        await using var file = File.OpenRead(path);

        var sheet = await QuestionSheet.ReadAsync(file, path, new SheetLimits(SheetLimits.DefaultMaxBytes, SheetLimits.DefaultMaxRows));

        Assert.Empty(sheet.Errors);
        Assert.True(sheet.Rows.Count >= 300, $"{sheet.Rows.Count} questions");
        Assert.All(sheet.Rows, q => Assert.False(string.IsNullOrWhiteSpace(q.Source), $"{q.Code} has no source"));
        Assert.All(sheet.Rows, q => Assert.Contains(q.Topic, Areas));
        Assert.Equal(sheet.Rows.Count, sheet.Rows.Select(q => q.Code).Distinct(StringComparer.Ordinal).Count());

        // A 20-question attempt can always be drawn, and every area has enough to matter in a draw.
        Assert.All(Areas, area => Assert.True(sheet.Rows.Count(q => q.Topic == area) >= 20, $"{area}: {sheet.Rows.Count(q => q.Topic == area)}"));
    }

    [Fact]
    public async Task EveryContestOfTheRecipe_FindsItsTopicQuotas_ForEveryAttemptAContestantMayTake()
    {
        var path = FindSample("questions.csv");
        await using var file = File.OpenRead(path);
        var sheet = await QuestionSheet.ReadAsync(file, path, new SheetLimits(SheetLimits.DefaultMaxBytes, SheetLimits.DefaultMaxRows));
        using var recipe = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(FindSample("recipe.json")));

        var contests = recipe.RootElement.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("name").GetString() == "contest").ToList();

        Assert.NotEmpty(contests);
        foreach (var contest in contests)
        {
            var slug = contest.GetProperty("slug").GetString();
            var perAttempt = contest.GetProperty("questionsPerAttempt").GetInt32();
            var attempts = contest.GetProperty("attemptsAllowed").GetInt32();
            var quotas = contest.GetProperty("quotas").EnumerateArray().Select(q => (Topic: q.GetProperty("topic").GetString()!, Count: q.GetProperty("count").GetInt32())).ToList();
            Assert.True(quotas.Sum(q => q.Count) <= perAttempt, $"{slug}: quotas exceed {perAttempt} questions");
            Assert.All(quotas, q => Assert.Contains(q.Topic, Areas));
            // Fresh questions of each area for three attempts (the main contest's allowance; practice repeats are fine).
            Assert.All(quotas, q => Assert.True(sheet.Rows.Count(r => r.Topic == q.Topic) >= q.Count * Math.Min(attempts, 3), $"{slug}: {q.Topic} has {sheet.Rows.Count(r => r.Topic == q.Topic)} questions for {q.Count} × {Math.Min(attempts, 3)}"));
        }
    }

    private static string FindSample(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "backan-2023", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(file);
    }
}
