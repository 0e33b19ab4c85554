using System.CommandLine;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Platform.Web.Cli;
using Quiz.Data;
using Quiz.Questions;
using Quiz.Units;

namespace Platform.IntegrationTests.QuizBank;

/// <summary>Question and unit imports, exports, recipe steps and the <c>questions</c> verb, on a real database.</summary>
public abstract class QuestionImportTests<TFixture>(TFixture fixture) : IDisposable where TFixture : PlatformFixture
{
    private const string QuestionHeader = "Code,Topic,Difficulty,Question,A,B,C,D,Correct,Source,Explanation,State";

    private readonly string _folder = Directory.CreateTempSubdirectory("question-bank-").FullName;

    private IServiceProvider Services => fixture.Services;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Import_WhenTheFileIsValid_PutsEveryRowInTheBank()
    {
        var tenant = await CreateTenantAsync();
        var file = Xlsx(
            new QuestionRow(0, "IT-1", "Chuyển đổi số", 1, "Ngày Chuyển đổi số quốc gia là ngày nào?", ["2/9", "10/10", "22/4"], 1, "Quyết định 505/QĐ-TTg", "Theo Quyết định 505/QĐ-TTg.", QuestionState.Active),
            new QuestionRow(0, "IT-2", "An toàn thông tin", 3, "Mật khẩu nào mạnh nhất?", ["123456", "matkhau", "T7#kq!9vLz", "abc"], 2, "Cẩm nang an toàn thông tin", null, QuestionState.Draft));

        var preview = await InTenantAsync(tenant, s => s.GetRequiredService<QuestionImporter>().PreviewAsync(new MemoryStream(file), "cau-hoi.xlsx"));
        var afterPreview = await CountAsync(tenant);
        var import = await InTenantAsync(tenant, s => s.GetRequiredService<QuestionImporter>().ImportAsync(new MemoryStream(file), "cau-hoi.xlsx"));
        var bank = await BankAsync(tenant);

        Assert.Equal((2, 0, 0, false), (preview.NewCount, preview.UpdatedCount, preview.Errors.Count, preview.Applied));
        Assert.Equal((0, 0, 0), afterPreview); // a preview writes nothing
        Assert.Equal((2, true), (import.NewCount, import.Applied));
        Assert.Equal(
            ["IT-1|Chuyển đổi số|1|Active|v1|Ngày Chuyển đổi số quốc gia là ngày nào?|2/9;10/10;22/4|1|Quyết định 505/QĐ-TTg|Theo Quyết định 505/QĐ-TTg.",
             "IT-2|An toàn thông tin|3|Draft|v1|Mật khẩu nào mạnh nhất?|123456;matkhau;T7#kq!9vLz;abc|2|Cẩm nang an toàn thông tin|"],
            bank);
    }

    [Fact]
    public async Task Import_WhenOneRowIsBadAmongGoodOnes_ReportsItAndLeavesTheBankUnchanged()
    {
        var tenant = await CreateTenantAsync();
        await ImportQuestionsAsync(tenant, Csv(QuestionHeader, "IT-1,Chủ đề,1,Câu một?,a,b,c,d,A,Nguồn,,Active", "IT-2,Chủ đề,1,Câu hai?,a,b,,,B,Nguồn,,Active"));
        var before = await CountAsync(tenant);
        var bankBefore = await BankAsync(tenant);
        var file = Csv(
            QuestionHeader,
            "IT-1,Chủ đề,1,Câu một đã sửa?,a,b,c,d,A,Nguồn,,Active", // an update
            "IT-3,Chủ đề,2,Câu ba?,a,b,c,d,C,Nguồn,,Active", // new
            "IT-4,Chủ đề,2,Câu bốn?,a,b,c,d,E,Nguồn,,Active", // bad: E is not an option
            "IT-5,Chủ đề,2,Câu năm?,a,b,c,d,D,Nguồn,,Active"); // new

        var result = await InTenantAsync(tenant, s => s.GetRequiredService<QuestionImporter>().ImportAsync(new MemoryStream(file), "cau-hoi.csv"));

        Assert.False(result.Applied);
        Assert.Equal(["cau-hoi.csv: row 4, column I (Correct): Đáp án đúng là E nhưng đáp án E để trống."], result.ErrorLines);
        Assert.Equal(before, await CountAsync(tenant));
        Assert.Equal(bankBefore, await BankAsync(tenant));
    }

    [Fact]
    public async Task Import_WhenAnActiveQuestionChanges_AddsVersion2AndKeepsVersion1()
    {
        var tenant = await CreateTenantAsync();
        await ImportQuestionsAsync(tenant, Csv(QuestionHeader, "IT-1,Chủ đề,1,Câu hỏi gốc?,a,b,c,d,A,Nguồn,,Active"));

        var edit = await ImportQuestionsAsync(tenant, Csv(QuestionHeader, "IT-1,Chủ đề,1,Câu hỏi đã sửa?,a,b,c,d,B,Nguồn,,Active"));
        var retopic = await ImportQuestionsAsync(tenant, Csv(QuestionHeader, "IT-1,Chủ đề mới,2,Câu hỏi đã sửa?,a,b,c,d,B,Nguồn,,Active"));

        Assert.Equal((0, 1, 0), (edit.NewCount, edit.UpdatedCount, edit.UnchangedCount));
        Assert.Equal(1, retopic.UpdatedCount); // topic and difficulty live on the question: no new version
        await using var scope = Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var question = await db.Questions.SingleAsync(q => q.Code == "IT-1");
        var versions = await db.QuestionVersions.Where(v => v.QuestionId == question.Id).OrderBy(v => v.Number).ToListAsync();
        Assert.Equal(["1|Câu hỏi gốc?|0", "2|Câu hỏi đã sửa?|1"], versions.Select(v => $"{v.Number}|{v.Text}|{v.CorrectIndex}"));
        Assert.Equal((2, versions[1].Id), (question.CurrentVersion, question.CurrentVersionId));
        Assert.Equal(("Chủ đề mới", 2), (question.Topic, question.Difficulty));
    }

    [Fact]
    public async Task Import_WhenADraftChanges_EditsItsOnlyVersion()
    {
        var tenant = await CreateTenantAsync();
        await ImportQuestionsAsync(tenant, Csv(QuestionHeader, "IT-1,Chủ đề,1,Bản nháp?,a,b,,,A,,,Nháp"));

        var edit = await ImportQuestionsAsync(tenant, Csv(QuestionHeader, "IT-1,Chủ đề,1,Bản nháp đã sửa?,a,b,c,,C,,,Nháp"));

        Assert.Equal(1, edit.UpdatedCount);
        Assert.Equal(["IT-1|Chủ đề|1|Draft|v1|Bản nháp đã sửa?|a;b;c|2||"], await BankAsync(tenant));
        Assert.Equal((1, 1, 0), await CountAsync(tenant));
    }

    [Fact]
    public async Task ExportThenImport_ChangesNothing()
    {
        var tenant = await CreateTenantAsync();
        await ImportQuestionsAsync(tenant, Xlsx(
            new QuestionRow(0, "IT-1", "Chủ đề", 2, "Dòng một\nDòng hai, có \"ngoặc kép\"?", ["=1+2", "001", "Ba; bốn"], 0, "Nguồn", null, QuestionState.Active),
            new QuestionRow(0, "IT-2", string.Empty, 1, "Hai đáp án?", ["Đúng", "Sai"], 1, string.Empty, "Giải thích", QuestionState.Retired),
            new QuestionRow(0, "IT-3", "Sáu", 3, "Sáu đáp án?", ["1", "2", "3", "4", "5", "6"], 5, "S", "E", QuestionState.Draft)));
        await ImportQuestionsAsync(tenant, Csv(QuestionHeader, "IT-1,Chủ đề,2,Phiên bản hai?,x,y,,,B,Nguồn,,Active"));
        await ImportUnitsAsync(tenant, Csv("Mã,Tên đơn vị,Mã đơn vị cha,Khối,Số CBCCVC", "BK-TP-DX,Phường Đức Xuân,BK-TP,\"Xã, phường\",25", "BK,Tỉnh Bắc Kạn,,,", "BK-TP,Thành phố Bắc Kạn,BK,Huyện,0"));
        var before = await CountAsync(tenant);

        var questions = new MemoryStream();
        var units = new MemoryStream();
        await InTenantAsync(tenant, s => s.GetRequiredService<QuestionExporter>().ExportAsync(questions, "cau-hoi.xlsx"));
        await InTenantAsync(tenant, s => s.GetRequiredService<UnitExporter>().ExportAsync(units, "don-vi.xlsx"));
        var questionImport = await ImportQuestionsAsync(tenant, questions.ToArray());
        var unitImport = await ImportUnitsAsync(tenant, units.ToArray());

        Assert.Equal((0, 0, 3), (questionImport.NewCount, questionImport.UpdatedCount, questionImport.UnchangedCount));
        Assert.Equal((0, 0, 3), (unitImport.NewCount, unitImport.UpdatedCount, unitImport.UnchangedCount));
        Assert.Equal(before, await CountAsync(tenant));
    }

    [Fact]
    public async Task ImportUnits_WithParents_BuildsTheTreeAndAddsToIt()
    {
        var tenant = await CreateTenantAsync();

        var first = await ImportUnitsAsync(tenant, Csv("Code,Name,ParentCode,Block,Headcount", "BK-TP-DX,Phường Đức Xuân,BK-TP,Xã,25", "BK,Tỉnh Bắc Kạn,,,", "BK-TP,Thành phố Bắc Kạn,BK,Huyện,120", "BK-TP-SL,Phường Sông Cầu,BK-TP,Xã,30"));
        var second = await ImportUnitsAsync(tenant, Csv("Code,Name,ParentCode,Block,Headcount", "BK-NR,Huyện Na Rì,BK,Huyện,80"));
        var cycle = await ImportUnitsAsync(tenant, Csv("Code,Name,ParentCode,Block,Headcount", "BK,Tỉnh Bắc Kạn,BK-TP-DX,,"));

        Assert.Equal((4, true), (first.NewCount, first.Applied));
        Assert.Equal((1, true), (second.NewCount, second.Applied));
        Assert.Equal(["don-vi.csv: row 2, column C (ParentCode): Đơn vị cha 'BK-TP-DX' tạo vòng lặp trong cây đơn vị: BK → BK-TP-DX → BK-TP → BK."], cycle.ErrorLines);
        await using var scope = Scope(tenant);
        var units = await scope.ServiceProvider.GetRequiredService<QuizDbContext>().Units.OrderBy(u => u.Code).ToListAsync();
        Assert.Equal(
            ["BK||1|", "BK-NR|BK|2|80", "BK-TP|BK|1|120", "BK-TP-DX|BK-TP|1|25", "BK-TP-SL|BK-TP|2|30"],
            units.Select(u => $"{u.Code}|{u.ParentCode}|{u.SortOrder}|{u.Headcount}"));
    }

    [Fact]
    public async Task RecipeSteps_ImportUnitsAndQuestionsFromTheRecipeFolder_AndAreIdempotent()
    {
        await File.WriteAllBytesAsync(Path.Combine(_folder, "units.csv"), Csv("Mã,Tên đơn vị,Mã đơn vị cha", "BK,Tỉnh Bắc Kạn,", "BK-TP,Thành phố Bắc Kạn,BK"));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "questions.xlsx"), Xlsx(
            new QuestionRow(0, "R-1", "Chủ đề", 1, "Câu một?", ["a", "b"], 0, "Nguồn", null, QuestionState.Active),
            new QuestionRow(0, "R-2", "Chủ đề", 2, "Câu hai?", ["a", "b", "c"], 2, "Nguồn", null, QuestionState.Active)));

        var tenant = await CreateTenantAsync("""{ "name": "units", "file": "units.csv" }, { "name": "questions", "file": "questions.xlsx" }""");
        var afterSetup = await CountAsync(tenant);
        await RunStepAgainAsync(tenant, "questions", """{ "name": "questions", "file": "questions.xlsx" }""");
        await RunStepAgainAsync(tenant, "units", """{ "name": "units", "file": "units.csv" }""");

        Assert.Equal(TenantState.Running, tenant.State);
        Assert.Equal((2, 2, 2), afterSetup);
        Assert.Equal(afterSetup, await CountAsync(tenant));
    }

    [Fact]
    public async Task RecipeStep_WhenTheFileHasErrors_FailsNamingFileRowAndColumn()
    {
        await File.WriteAllBytesAsync(Path.Combine(_folder, "questions.csv"), Csv(QuestionHeader, "R-1,Chủ đề,1,Câu một?,a,b,,,A,,,", "R-2,Chủ đề,5,,a,b,,,A,,,"));

        var error = await Assert.ThrowsAsync<TenantSetupException>(() => CreateTenantAsync("""{ "name": "questions", "file": "questions.csv" }"""));

        Assert.Contains("Bước 1 'questions'", error.Message, StringComparison.Ordinal);
        Assert.Contains("questions.csv: row 3, column C (Difficulty): Mức độ '5' không hợp lệ", error.Message, StringComparison.Ordinal);
        Assert.Contains("questions.csv: row 3, column D (Question): Thiếu nội dung câu hỏi.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantExport_WritesUnitsAndQuestionsFilesThatRecreateTheBank()
    {
        var source = await CreateTenantAsync();
        await ImportUnitsAsync(source, Csv("Code,Name,ParentCode,Block,Headcount", "BK,Tỉnh Bắc Kạn,,,", "BK-TP,Thành phố Bắc Kạn,BK,Huyện,120"));
        await ImportQuestionsAsync(source, Csv(QuestionHeader, "E-1,Chủ đề,1,Câu một?,a,b,c,,B,Nguồn,Vì thế,Active", "E-2,Chủ đề,3,Câu hai?,a,b,,,A,Nguồn,,Draft"));
        var export = Path.Combine(_folder, "export");
        await using (var scope = Services.GetRequiredService<TenantScopeFactory>().CreateScope(null))
        {
            await scope.ServiceProvider.GetRequiredService<TenantExporter>().ExportAsync(source.Name, export, CancellationToken.None);
        }

        var steps = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(export, "recipe.json"))).RootElement.GetProperty("steps")
            .EnumerateArray().Where(s => s.TryGetProperty("file", out _)).Select(s => $"{s.GetProperty("name")}:{s.GetProperty("file")}").ToList();
        var clone = await CreateTenantFromAsync(export);

        Assert.Equal(["units:units.xlsx", "questions:questions.xlsx"], steps);
        Assert.Equal(await BankAsync(source), await BankAsync(clone));
        Assert.Equal(await CountAsync(source), await CountAsync(clone));
    }

    [Fact]
    public async Task QuestionsVerb_ImportsAllOrNothingAndExports()
    {
        var tenant = await CreateTenantAsync();
        var bad = Path.Combine(_folder, "sai.csv");
        var good = Path.Combine(_folder, "dung.csv");
        var exported = Path.Combine(_folder, "xuat.xlsx");
        await File.WriteAllBytesAsync(bad, Csv(QuestionHeader, "C-1,Chủ đề,1,Câu một?,a,b,,,A,,,", "C-2,Chủ đề,1,,a,,,,,,,"));
        await File.WriteAllBytesAsync(good, Csv(QuestionHeader, "C-1,Chủ đề,1,Câu một?,a,b,,,A,,,", "C-2,Chủ đề,1,Câu hai?,a,b,,,B,,,"));

        var refused = await Assert.ThrowsAsync<CliInputException>(() => RunCliAsync("questions", "import", tenant.Name, bad));
        var afterRefusal = await CountAsync(tenant);
        var imported = await RunCliAsync("questions", "import", tenant.Name, good);
        var export = await RunCliAsync("questions", "export", tenant.Name, exported);
        var again = await RunCliAsync("questions", "import", tenant.Name, exported);
        var unknown = await Assert.ThrowsAsync<CliInputException>(() => RunCliAsync("questions", "import", "no-such-tenant", good));

        Assert.Equal(
            ["sai.csv: row 3, column D (Question): Thiếu nội dung câu hỏi.", "sai.csv: row 3, column F (B): Cần ít nhất 2 đáp án (A và B); đáp án B để trống.", "sai.csv: row 3, column I (Correct): Thiếu đáp án đúng."],
            refused.Message.Split('\n'));
        Assert.Equal((0, 0, 0), afterRefusal);
        Assert.Equal($"{tenant.Name}\tdung.csv\t2 new\t0 updated\t0 unchanged", imported.Trim());
        Assert.Equal($"{tenant.Name}\t{exported}\t2 questions", export.Trim());
        Assert.Equal($"{tenant.Name}\txuat.xlsx\t0 new\t0 updated\t2 unchanged", again.Trim());
        Assert.StartsWith("tenant:", unknown.Message, StringComparison.Ordinal);
    }

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private static byte[] Xlsx(params QuestionRow[] rows)
    {
        using var stream = new MemoryStream();
        QuestionSheet.Write(stream, "questions.xlsx", rows);
        return stream.ToArray();
    }

    private AsyncServiceScope Scope(TenantInfo tenant) => Services.GetRequiredService<TenantScopeFactory>().CreateScope(tenant);

    private async Task<T> InTenantAsync<T>(TenantInfo tenant, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Scope(tenant);
        return await action(scope.ServiceProvider);
    }

    private Task<Quiz.Questions.Sheets.SheetImportResult<QuestionRow>> ImportQuestionsAsync(TenantInfo tenant, byte[] file) =>
        InTenantAsync(tenant, s => s.GetRequiredService<QuestionImporter>().ImportAsync(new MemoryStream(file), file is [0x50, 0x4B, ..] ? "cau-hoi.xlsx" : "cau-hoi.csv"));

    private Task<Quiz.Questions.Sheets.SheetImportResult<UnitRow>> ImportUnitsAsync(TenantInfo tenant, byte[] file) =>
        InTenantAsync(tenant, s => s.GetRequiredService<UnitImporter>().ImportAsync(new MemoryStream(file), file is [0x50, 0x4B, ..] ? "don-vi.xlsx" : "don-vi.csv"));

    private async Task<(int Questions, int Versions, int Units)> CountAsync(TenantInfo tenant)
    {
        await using var scope = Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        return (await db.Questions.CountAsync(), await db.QuestionVersions.CountAsync(), await db.Units.CountAsync());
    }

    /// <summary>Each question with its current version, as one line.</summary>
    private async Task<List<string>> BankAsync(TenantInfo tenant)
    {
        await using var scope = Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var rows = await (
            from q in db.Questions
            join v in db.QuestionVersions on q.CurrentVersionId equals v.Id
            orderby q.Code
            select new { q, v }).ToListAsync();
        Assert.All(rows, r => Assert.Equal((tenant.Id, r.q.Id, r.q.CurrentVersion), (r.v.TenantId, r.v.QuestionId, r.v.Number)));
        return [.. rows.Select(r => $"{r.q.Code}|{r.q.Topic}|{r.q.Difficulty}|{r.q.State}|v{r.v.Number}|{r.v.Text}|{string.Join(';', r.v.Options)}|{r.v.CorrectIndex}|{r.v.Source}|{r.v.Explanation}")];
    }

    /// <summary>A tenant from a recipe in the test's folder holding <paramref name="steps"/>.</summary>
    private async Task<TenantInfo> CreateTenantAsync(string steps = "")
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "recipe.json"), $$"""{ "displayName": "Ngân hàng câu hỏi thử", "steps": [ {{steps}} ] }""");
        return await CreateTenantFromAsync(_folder);
    }

    private async Task<TenantInfo> CreateTenantFromAsync(string folder)
    {
        await using var scope = Services.GetRequiredService<TenantScopeFactory>().CreateScope(null);
        return await scope.ServiceProvider.GetRequiredService<TenantSetupService>()
            .CreateAsync(new CreateTenantRequest(PlatformFixture.UniqueName(), folder, null, [], null), TextWriter.Null, CancellationToken.None);
    }

    private async Task RunStepAgainAsync(TenantInfo tenant, string name, string json)
    {
        var step = Services.GetServices<IRecipeStep>().Single(s => s.Name == name);
        var data = (RecipeStepData)JsonSerializer.Deserialize(json, step.DataType, RecipeReader.JsonOptions)!;
        await using var scope = Scope(tenant);
        await step.ExecuteAsync(data, new RecipeContext(tenant, _folder, scope.ServiceProvider, TextWriter.Null), CancellationToken.None);
    }

    private async Task<string> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        var root = new RootCommand();
        root.Subcommands.Add(QuestionCommands.Create(Services, output));
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = output });
        Assert.Equal(0, code);
        return output.ToString();
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteQuestionImportTests(SqliteFixture fixture) : QuestionImportTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresQuestionImportTests(PostgresFixture fixture) : QuestionImportTests<PostgresFixture>(fixture);
