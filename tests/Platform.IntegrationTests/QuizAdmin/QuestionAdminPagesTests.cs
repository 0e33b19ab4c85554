using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Questions;

namespace Platform.IntegrationTests.QuizAdmin;

/// <summary>The question bank's admin pages: list, edit, preview, import and export, signed in through the real pipeline.</summary>
public abstract partial class QuestionAdminPagesTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    private const string Header = "Code,Topic,Difficulty,Question,A,B,C,D,Correct,Source,Explanation,State";

    [Fact]
    public async Task Bank_WhenQuestionAuthor_ListsFiltersByTopicAndStateAndPages()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);
        await admin.Data.AddQuestionsAsync(60); // Q000–Q059
        await admin.Data.AddQuestionsAsync(5, topic: "An toàn thông tin", difficulty: 2); // Q060–Q064
        await admin.InDatabaseAsync(db => db.Questions.Where(q => q.Code == "Q010" || q.Code == "Q061").ExecuteUpdateAsync(s => s.SetProperty(q => q.State, QuestionState.Retired)));

        var first = await admin.GetStringAsync("/admin/questions");
        var second = await admin.GetStringAsync("/admin/questions?trang=2");
        var topic = await admin.GetStringAsync("/admin/questions?topic=" + Uri.EscapeDataString("An toàn thông tin"));
        var retired = await admin.GetStringAsync("/admin/questions?state=Retired");
        var both = await admin.GetStringAsync("/admin/questions?state=Retired&topic=" + Uri.EscapeDataString("An toàn thông tin"));
        var search = await admin.GetStringAsync("/admin/questions?q=" + Uri.EscapeDataString("số 63?"));

        Assert.Equal(50, Codes(first).Count);
        Assert.Equal("Q000", Codes(first)[0]);
        Assert.Contains($"href=\"{admin.Base}/admin/questions?trang=2\"", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"{admin.Base}/admin/questions/import\"", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"{admin.Base}/admin/questions/edit/", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"{admin.Base}/admin/questions/preview/", first, StringComparison.Ordinal);
        Assert.Equal([.. Enumerable.Range(50, 15).Select(i => $"Q{i:000}")], Codes(second));
        Assert.Equal(["Q060", "Q061", "Q062", "Q063", "Q064"], Codes(topic));
        Assert.Equal(["Q010", "Q061"], Codes(retired));
        Assert.Equal(["Q061"], Codes(both));
        Assert.Equal(["Q063"], Codes(search));
        Assert.Contains("<option value=\"An toàn thông tin\" selected=\"selected\">", topic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuestionPages_WhenEditor_AreDenied()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.Editor);

        foreach (var path in (string[])["/admin/questions", "/admin/questions/edit", "/admin/questions/import", "/admin/units"])
        {
            var response = await admin.Http.GetAsync(admin.Base + path);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith($"{admin.Base}/admin/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Edit_WhenAnActiveQuestionsTextChanges_AddsVersion2AndKeepsVersion1()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);
        await admin.Data.AddQuestionsAsync(1);
        var id = await IdAsync(admin, "Q000");
        var form = await admin.GetStringAsync($"/admin/questions/edit/{id}");

        var saved = await admin.PostFormAsync($"/admin/questions/edit/{id}", Fields("Câu hỏi số 0 đã sửa?", ["Phương án một", "Phương án hai", "Phương án ba", "Phương án bốn"], "A"));
        var list = await admin.GetStringAsync("/admin/questions");
        var history = await admin.GetStringAsync($"/admin/questions/edit/{id}");

        Assert.Contains("Câu hỏi đang dùng: lưu sẽ tạo phiên bản mới; các bài thi đã bốc câu này giữ phiên bản cũ.", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(
            ["Q000|Chuyển đổi số|1|Active|current v2|v1|Câu hỏi số 0?|Phương án một;Phương án hai;Phương án ba;Phương án bốn|0|Nguồn thử nghiệm|Giải thích",
             "Q000|Chuyển đổi số|1|Active|current v2|v2*|Câu hỏi số 0 đã sửa?|Phương án một;Phương án hai;Phương án ba;Phương án bốn|0|Nguồn thử nghiệm|Giải thích"],
            await admin.BankAsync());
        Assert.Contains("tạo phiên bản 2", list, StringComparison.Ordinal);
        Assert.Contains("<td>2 (hiện tại)</td>", history, StringComparison.Ordinal);
        Assert.Contains("<td>1</td>", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_WhenADraftChanges_EditsVersion1InPlace()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);
        await admin.Data.AddQuestionsAsync(1);
        await admin.InDatabaseAsync(db => db.Questions.ExecuteUpdateAsync(s => s.SetProperty(q => q.State, QuestionState.Draft)));
        var id = await IdAsync(admin, "Q000");

        var saved = await admin.PostFormAsync($"/admin/questions/edit/{id}", Fields("Bản nháp đã sửa?", ["Một", "Hai", "Ba"], "C", state: "Draft"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["Q000|Chuyển đổi số|1|Draft|current v1|v1*|Bản nháp đã sửa?|Một;Hai;Ba|2|Nguồn thử nghiệm|Giải thích"], await admin.BankAsync());
    }

    [Fact]
    public async Task Edit_WhenANewQuestionIsSaved_AddsItAsVersion1()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);

        var saved = await admin.PostFormAsync("/admin/questions/edit", Fields("Câu hỏi mới?", ["Có", "Không"], "B", code: "MOI-01"));
        var again = await admin.PostFormAsync("/admin/questions/edit", Fields("Trùng mã?", ["Có", "Không"], "A", code: "MOI-01"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Đã có câu hỏi mã &#x27;MOI-01&#x27;", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["MOI-01|Chuyển đổi số|1|Active|current v1|v1*|Câu hỏi mới?|Có;Không|1|Nguồn thử nghiệm|Giải thích"], await admin.BankAsync());
    }

    [Fact]
    public async Task Edit_WhenInputIsInvalid_ShowsTheImportsErrorsAndChangesNothing()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);
        await admin.Data.AddQuestionsAsync(1);
        var id = await IdAsync(admin, "Q000");
        var before = await admin.BankAsync();
        var path = $"/admin/questions/edit/{id}";

        var oneOption = await admin.PostFormAsync(path, Fields("Chỉ một đáp án?", ["Một"], "A"));
        var noCorrect = await admin.PostFormAsync(path, Fields("Không chọn đáp án đúng?", ["Một", "Hai"], null));
        var tooLong = await admin.PostFormAsync(path, Fields(new string('x', QuestionLimits.Text + 1), ["Một", "Hai"], "A"));

        Assert.Equal(HttpStatusCode.OK, oneOption.StatusCode);
        Assert.Contains("Cần ít nhất 2 đáp án (A và B); đáp án B để trống.", await oneOption.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, noCorrect.StatusCode);
        Assert.Contains("Thiếu đáp án đúng.", await noCorrect.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        var tooLongHtml = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains("Câu hỏi: Dài 2001 ký tự, vượt quá giới hạn 2000 ký tự.", tooLongHtml, StringComparison.Ordinal);
        Assert.Contains("Chưa lưu: có 1 lỗi.", tooLongHtml, StringComparison.Ordinal);
        Assert.Equal(before, await admin.BankAsync());
    }

    [Fact]
    public async Task Preview_ShowsTheOptionsWithoutMarkingTheCorrectOne_AndTheKeyApart()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);
        await admin.Data.AddQuestionsAsync(2); // Q001's key is B
        var id = await IdAsync(admin, "Q001");

        var html = await admin.GetStringAsync($"/admin/questions/preview/{id}");
        var contestant = Section(html, "contestant");
        var organiser = Section(html, "organiser");

        // Every option has exactly the same markup but for its value, letter and text: nothing marks the key.
        Assert.Equal(4, OptionPattern().Count(contestant));
        Assert.Equal(4, Regex.Count(contestant, "<label"));
        Assert.DoesNotContain("checked", contestant, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("đúng", contestant, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Câu hỏi số 1?", contestant, StringComparison.Ordinal);
        Assert.Contains("B. Phương án hai", organiser, StringComparison.Ordinal);
        Assert.Contains("Nguồn thử nghiệm", organiser, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WhenOneRowIsBad_ShowsItsRowAndColumnAndLeavesTheBankUnchanged()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);
        await admin.Data.AddQuestionsAsync(2);
        var before = await admin.BankAsync();
        var file = AdminClient.Csv(
            Header,
            "Q000,Chuyển đổi số,1,Câu hỏi số 0 đã sửa?,a,b,c,d,A,Nguồn,,Active",
            "N-1,Chuyển đổi số,2,Câu mới?,a,b,c,d,C,Nguồn,,Active",
            "N-2,Chuyển đổi số,2,Câu sai?,a,b,c,d,E,Nguồn,,Active");

        var preview = await admin.UploadAsync("/admin/questions/import", "cau-hoi.csv", file);
        var html = await preview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Matches(@"<td>4</td>\s*<td>I \(Correct\)</td>\s*<td>Đáp án đúng là E nhưng đáp án E để trống.</td>", html);
        Assert.Contains("Tệp có 1 lỗi nên chưa nhập gì.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Xác nhận nhập", html, StringComparison.Ordinal);
        Assert.Equal(before, await admin.BankAsync());
    }

    [Fact]
    public async Task Import_WhenTheFileIsGood_PreviewsThenImportsOnConfirm()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);
        await admin.Data.AddQuestionsAsync(2);
        var before = await admin.BankAsync();
        var file = AdminClient.Csv(
            Header,
            "Q000,Chuyển đổi số,1,Câu hỏi số 0?,Phương án một,Phương án hai,Phương án ba,Phương án bốn,A,Nguồn thử nghiệm,Giải thích,Active",
            "Q001,Chuyển đổi số,1,Câu hỏi số 1 đã sửa?,Phương án một,Phương án hai,Phương án ba,Phương án bốn,B,Nguồn thử nghiệm,Giải thích,Active",
            "N-1,An toàn thông tin,2,Câu mới một?,a,b,c,d,C,Nguồn,,Active",
            "N-2,An toàn thông tin,3,Câu mới hai?,a,b,,,B,Nguồn,,Draft");

        var preview = await admin.UploadAsync("/admin/questions/import", "cau-hoi.csv", file);
        var html = await preview.Content.ReadAsStringAsync();
        var afterPreview = await admin.BankAsync();
        var confirmed = await admin.ConfirmAsync("/admin/questions/import", html);
        var list = await admin.GetStringAsync("/admin/questions");
        var bank = await admin.BankAsync();
        var twice = await admin.ConfirmAsync("/admin/questions/import", html);

        Assert.Contains("<strong data-count=\"new\">2</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong data-count=\"updated\">1</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong data-count=\"unchanged\">1</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Xác nhận nhập", html, StringComparison.Ordinal);
        Assert.Equal(before, afterPreview);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"{admin.Base}/admin/questions", confirmed.Headers.Location!.OriginalString);
        Assert.Contains("Đã nhập tệp &#x27;cau-hoi.csv&#x27;: 2 câu hỏi mới, 1 câu hỏi cập nhật, 1 câu hỏi không đổi.", list, StringComparison.Ordinal);
        Assert.Equal(5, bank.Count); // Q000 v1, Q001 v1 and v2, N-1 v1, N-2 v1
        Assert.Contains("Q001|Chuyển đổi số|1|Active|current v2|v2*|Câu hỏi số 1 đã sửa?|Phương án một;Phương án hai;Phương án ba;Phương án bốn|1|Nguồn thử nghiệm|Giải thích", bank);
        Assert.Contains("N-2|An toàn thông tin|3|Draft|current v1|v1*|Câu mới hai?|a;b|1|Nguồn|", bank);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("Không còn tệp đã tải lên", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(bank, await admin.BankAsync());
    }

    [Fact]
    public async Task Import_WhenTheFileIsNotASheet_RefusesItByItsExtension()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);

        var response = await admin.UploadAsync("/admin/questions/import", "cau-hoi.xls", [1, 2, 3]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Chỉ nhận tệp .xlsx hoặc .csv (tệp này có đuôi &#x27;.xls&#x27;)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_DownloadsAnXlsxThatImportsBackUnchanged()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);
        await admin.Data.AddQuestionsAsync(3);
        await admin.PostFormAsync($"/admin/questions/edit/{await IdAsync(admin, "Q002")}", Fields("Câu hỏi số 2, bản mới?\nDòng thứ hai.", ["Một", "Hai"], "B"));
        var before = await admin.BankAsync();

        var export = await admin.Http.GetAsync($"{admin.Base}/admin/questions?handler=Export");
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var template = await admin.Http.GetAsync($"{admin.Base}/admin/questions?handler=Template");
        var preview = await admin.UploadAsync("/admin/questions/import", "ngan-hang.xlsx", bytes);
        var html = await preview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", export.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("PK"u8.ToArray(), (await template.Content.ReadAsByteArrayAsync())[..2]);
        Assert.Contains("<strong data-count=\"new\">0</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong data-count=\"updated\">0</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong data-count=\"unchanged\">3</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Xác nhận nhập", html, StringComparison.Ordinal);
        Assert.Equal(before, await admin.BankAsync());
    }

    private static Dictionary<string, string> Fields(string text, string[] options, string? correct, string state = "Active", string code = "Q000")
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Code"] = code, ["Form.Topic"] = "Chuyển đổi số", ["Form.Difficulty"] = "1", ["Form.State"] = state, ["Form.Text"] = text,
            ["Form.Source"] = "Nguồn thử nghiệm", ["Form.Explanation"] = "Giải thích",
        };
        for (var i = 0; i < options.Length; i++)
        {
            fields[$"Form.Options[{i}]"] = options[i];
        }

        if (correct is not null)
        {
            fields["Form.Correct"] = correct;
        }

        return fields;
    }

    private static Task<long> IdAsync(AdminClient admin, string code) => admin.InDatabaseAsync(db => db.Questions.Where(q => q.Code == code).Select(q => q.Id).SingleAsync());

    private static List<string> Codes(string html) => [.. CodePattern().Matches(html).Select(m => m.Groups[1].Value)];

    private static string Section(string html, string name)
    {
        var start = html.IndexOf($"data-preview=\"{name}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {name} section");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<td style=\"white-space:nowrap\"><a href=\"[^\"]*/admin/questions/edit/\\d+\">([^<]+)</a></td>")]
    private static partial Regex CodePattern();

    [GeneratedRegex("<label class=\"option\"><input type=\"radio\" name=\"preview-answer\" value=\"(\\d)\"> <span class=\"option-letter\" aria-hidden=\"true\">([A-F])\\.</span> <span class=\"option-text\">([^<]*)</span></label>")]
    private static partial Regex OptionPattern();
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteQuestionAdminPagesTests(SqliteFixture fixture) : QuestionAdminPagesTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresQuestionAdminPagesTests(PostgresFixture fixture) : QuestionAdminPagesTests<PostgresFixture>(fixture);
