using Quiz.Questions.Sheets;
using Quiz.Tests.Questions.Sheets;
using Quiz.Units;

namespace Quiz.Tests.Units;

public sealed class UnitSheetTests
{
    private static readonly string[] Headers = ["Code", "Name", "ParentCode", "Block", "Headcount"];

    private static readonly Dictionary<string, string?> NoUnits = [];

    [Theory]
    [InlineData("A", "Thiếu mã đơn vị", "Code=")] // missing code
    [InlineData("A", "Mã 'BK' bị trùng với dòng 2", "Code=BK")] // duplicate code within the file
    [InlineData("A", "Dài 41 ký tự, vượt quá giới hạn 40 ký tự", "Code=x*41")] // code too long
    [InlineData("B", "Thiếu tên đơn vị", "Name=")] // missing name
    [InlineData("B", "vượt quá giới hạn 300 ký tự", "Name=x*301")] // name too long
    [InlineData("C", "vượt quá giới hạn 40 ký tự", "ParentCode=x*41")] // parent code too long
    [InlineData("C", "Không tìm thấy đơn vị cha 'BK-XX' trong tệp hay trong các đơn vị đã có", "ParentCode=BK-XX")] // parent nowhere
    [InlineData("C", "Đơn vị cha 'BK-TP-DX' tạo vòng lặp trong cây đơn vị: BK-TP-DX → BK-TP-DX", "ParentCode=BK-TP-DX")] // its own parent
    [InlineData("D", "vượt quá giới hạn 100 ký tự", "Block=x*101")] // block too long
    [InlineData("E", "Số CBCCVC '-1' không hợp lệ: phải là số nguyên không âm", "Headcount=-1")] // negative headcount
    [InlineData("E", "Số CBCCVC '12.5' không hợp lệ", "Headcount=12.5")] // not a whole number
    [InlineData("E", "Số CBCCVC 'khoảng 30' không hợp lệ", "Headcount=khoảng 30")] // not a number
    public async Task Read_WhenARowIsBad_ReportsItsRowColumnAndMessageAndKeepsTheGoodRows(string letter, string message, params string[] changes)
    {
        var sheet = ValidSheet();
        foreach (var change in changes)
        {
            var parts = change.Split('=', 2);
            sheet.Set(2, parts[0], SheetBuilder.Expand(parts[1].Length == 0 ? null : parts[1]));
        }

        var result = await ReadAsync(sheet.ToXlsx(), NoUnits);

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, letter, Headers[SheetColumn.IndexOf(letter)]), (error.Row, error.Column, error.Header));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(["BK", "BK-TP"], result.Rows.Select(r => r.Code));
    }

    [Fact]
    public async Task Read_WhenValid_ReadsEveryField()
    {
        var result = await ReadAsync(ValidSheet().ToXlsx(), NoUnits);

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["2|BK|Tỉnh Bắc Kạn|||", "3|BK-TP|Thành phố Bắc Kạn|BK|Huyện, thành phố|120", "4|BK-TP-DX|Phường Đức Xuân|BK-TP|Xã, phường, thị trấn|0"],
            result.Rows.Select(Describe));
    }

    [Fact]
    public async Task Read_WhenTheParentIsAnExistingUnit_AcceptsIt()
    {
        var sheet = new SheetBuilder(Headers).Row("BK-NR", "Huyện Na Rì", "BK", "Huyện, thành phố", 80);

        var result = await ReadAsync(sheet.ToXlsx(), new Dictionary<string, string?> { ["BK"] = null });

        Assert.Empty(result.Errors);
        Assert.Equal("BK", Assert.Single(result.Rows).ParentCode);
    }

    [Fact]
    public async Task Read_WhenTwoRowsAreEachOthersParent_ReportsBoth()
    {
        var sheet = new SheetBuilder(Headers).Row("A1", "Đơn vị A", "B1", null, null).Row("B1", "Đơn vị B", "A1", null, null);

        var result = await ReadAsync(sheet.ToXlsx(), NoUnits);

        Assert.Equal(["2:C:A1 → B1 → A1", "3:C:B1 → A1 → B1"], result.Errors.Select(e => $"{e.Row}:{e.Column}:{e.Message.Split(": ")[1].TrimEnd('.')}"));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public async Task Read_WhenTheFileMakesACycleWithExistingUnits_ReportsIt()
    {
        // The tenant has OLD under NEW; the file puts NEW under OLD.
        var existing = new Dictionary<string, string?> { ["NEW"] = null, ["OLD"] = "NEW" };
        var sheet = new SheetBuilder(Headers).Row("NEW", "Đơn vị mới", "OLD", null, null);

        var result = await ReadAsync(sheet.ToXlsx(), existing);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "C"), (error.Row, error.Column));
        Assert.EndsWith("NEW → OLD → NEW.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WhenTheFileMovesAUnitOutOfACycle_AcceptsIt()
    {
        // The tenant has X under Y; the file moves Y to the top and X under Y: no cycle after the import.
        var existing = new Dictionary<string, string?> { ["X"] = "Y", ["Y"] = null };
        var sheet = new SheetBuilder(Headers).Row("Y", "Đơn vị Y", null, null, null).Row("X", "Đơn vị X", "Y", null, null);

        var result = await ReadAsync(sheet.ToXlsx(), existing);

        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task Read_WithVietnameseHeaders_ReadsTheRows()
    {
        var sheet = new SheetBuilder("Mã", "Tên đơn vị", "Mã đơn vị cha", "Khối", "Số CBCCVC").Row("SO-TTTT", "Sở Thông tin và Truyền thông", null, "Sở, ban, ngành", "45");

        var result = await ReadAsync(sheet.ToCsv(), NoUnits, "don-vi.csv");

        Assert.Empty(result.Errors);
        Assert.Equal("2|SO-TTTT|Sở Thông tin và Truyền thông||Sở, ban, ngành|45", Describe(Assert.Single(result.Rows)));
    }

    [Fact]
    public async Task Read_WhenTheNameHeaderIsMissing_ReportsAFileErrorNamingIt()
    {
        var sheet = new SheetBuilder("Mã", "Khối").Row("BK", "Tỉnh");

        var result = await ReadAsync(sheet.ToXlsx(), NoUnits);

        Assert.Equal("don-vi.xlsx: Thiếu cột 'Tên đơn vị' (Name) ở dòng tiêu đề (dòng 1).", Assert.Single(result.Errors).Format("don-vi.xlsx"));
    }

    [Fact]
    public async Task Read_WhenThereAreTooManyRows_ReportsOneError()
    {
        var sheet = new SheetBuilder(Headers).Rows(11, i => [$"U{i}", $"Đơn vị {i}", null, null, null]);

        var result = await UnitSheet.ReadAsync(sheet.ToXlsx(), "don-vi.xlsx", new SheetLimits(SheetLimits.DefaultMaxBytes, 10), NoUnits);

        Assert.StartsWith("Tệp có hơn 10 dòng dữ liệu", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WhenTheFileIsATextFileRenamed_ReportsOneError()
    {
        var result = await ReadAsync(new MemoryStream("Mã,Tên đơn vị\nBK,Bắc Kạn"u8.ToArray()), NoUnits);

        Assert.Contains("không phải bảng tính Excel", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("don-vi.xlsx")]
    [InlineData("don-vi.csv")]
    public async Task Write_ThenRead_GivesTheSameRows(string fileName)
    {
        UnitRow[] rows = [new(0, "BK", "Tỉnh Bắc Kạn", null, null, null), new(0, "BK-TP", "Thành phố Bắc Kạn, \"trung tâm\"", "BK", "Huyện, thành phố", 0)];
        using var stream = new MemoryStream();

        UnitSheet.Write(stream, fileName, rows);
        stream.Position = 0;
        var read = await UnitSheet.ReadAsync(stream, fileName, SheetLimits.Default, NoUnits);

        Assert.Empty(read.Errors);
        Assert.Equal(rows.Select(r => Describe(r)[2..]), read.Rows.Select(r => Describe(r)[2..]));
    }

    private static Task<UnitSheetResult> ReadAsync(Stream stream, IReadOnlyDictionary<string, string?> existing, string fileName = "don-vi.xlsx") =>
        UnitSheet.ReadAsync(stream, fileName, SheetLimits.Default, existing);

    private static SheetBuilder ValidSheet() => new SheetBuilder(Headers)
        .Row("BK", "Tỉnh Bắc Kạn", null, null, null)
        .Row("BK-TP", "Thành phố Bắc Kạn", "BK", "Huyện, thành phố", 120)
        .Row("BK-TP-DX", "Phường Đức Xuân", "BK-TP", "Xã, phường, thị trấn", 0);

    private static string Describe(UnitRow r) => $"{r.RowNumber}|{r.Code}|{r.Name}|{r.ParentCode}|{r.Block}|{r.Headcount}";
}
