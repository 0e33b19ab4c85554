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
        Assert.True(sheet.Rows.Count >= 100, $"{sheet.Rows.Count} questions");
        Assert.All(sheet.Rows, q => Assert.False(string.IsNullOrWhiteSpace(q.Source), $"{q.Code} has no source"));
        Assert.All(sheet.Rows, q => Assert.Contains(q.Topic, Areas));
        Assert.Equal(sheet.Rows.Count, sheet.Rows.Select(q => q.Code).Distinct(StringComparer.Ordinal).Count());

        // A 20-question attempt can always be drawn, and every area has enough to matter in a draw.
        Assert.All(Areas, area => Assert.True(sheet.Rows.Count(q => q.Topic == area) >= 20, $"{area}: {sheet.Rows.Count(q => q.Topic == area)}"));
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
