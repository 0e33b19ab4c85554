using System.IO.Compression;
using System.Text;
using Quiz.Questions;
using Quiz.Questions.Sheets;
using Quiz.Tests.Questions.Sheets;

namespace Quiz.Tests.Questions;

public sealed class QuestionSheetTests
{
    private static readonly string[] Headers =
        ["Code", "Topic", "Difficulty", "Question", "A", "B", "C", "D", "E", "F", "Correct", "Source", "Explanation", "State"];

    [Theory]
    [InlineData("A", "Thiếu mã câu hỏi", "Code=")] // missing code
    [InlineData("A", "Mã 'Q1' bị trùng với dòng 2", "Code=Q1")] // duplicate code within the file
    [InlineData("A", "Dài 41 ký tự, vượt quá giới hạn 40 ký tự", "Code=x*41")] // code too long
    [InlineData("B", "vượt quá giới hạn 200 ký tự", "Topic=x*201")] // topic too long
    [InlineData("C", "Mức độ '4' không hợp lệ", "Difficulty=4")] // difficulty out of 1-3
    [InlineData("C", "Mức độ '0' không hợp lệ", "Difficulty=0")] // difficulty out of 1-3
    [InlineData("C", "Mức độ 'rất khó' không hợp lệ", "Difficulty=rất khó")] // difficulty not a number nor a level word
    [InlineData("D", "Thiếu nội dung câu hỏi", "Question=")] // missing question text
    [InlineData("D", "vượt quá giới hạn 2000 ký tự", "Question=x*2001")] // question text too long
    [InlineData("E", "vượt quá giới hạn 500 ký tự", "A=x*501")] // option too long
    [InlineData("J", "vượt quá giới hạn 500 ký tự", "E=e", "F=x*501")] // the last option too long
    [InlineData("F", "Cần ít nhất 2 đáp án (A và B); đáp án B để trống", "B=", "C=", "D=", "Correct=A")] // one option only
    [InlineData("G", "Đáp án C để trống nhưng đáp án D có nội dung", "C=", "Correct=A")] // a gap in the options
    [InlineData("F", "Đáp án B trùng với đáp án A", "B=một")] // the same option twice
    [InlineData("K", "Thiếu đáp án đúng", "Correct=")] // correct answer empty
    [InlineData("K", "Đáp án đúng 'G' không hợp lệ: phải là một chữ cái từ A đến F", "Correct=G")] // not an option letter
    [InlineData("K", "Đáp án đúng '2' không hợp lệ", "Correct=2")] // a number instead of a letter
    [InlineData("K", "Chỉ được ghi một đáp án đúng", "Correct=A, B")] // several letters
    [InlineData("K", "Chỉ được ghi một đáp án đúng", "Correct=AC")] // several letters, no separator
    [InlineData("K", "Đáp án đúng là E nhưng đáp án E để trống", "Correct=E")] // the letter of an empty option
    [InlineData("L", "vượt quá giới hạn 1000 ký tự", "Source=x*1001")] // source too long
    [InlineData("M", "vượt quá giới hạn 2000 ký tự", "Explanation=x*2001")] // explanation too long
    [InlineData("N", "Trạng thái 'Lost' không hợp lệ", "State=Lost")] // unknown state
    public async Task Read_WhenARowIsBad_ReportsItsRowColumnAndMessageAndKeepsTheGoodRows(string letter, string message, params string[] changes)
    {
        var sheet = ValidSheet(3);
        foreach (var change in changes)
        {
            var (header, value) = (change.Split('=', 2)[0], change.Split('=', 2)[1]);
            sheet.Set(1, header, SheetBuilder.Expand(value.Length == 0 ? null : value));
        }

        var result = await ReadAsync(sheet.ToXlsx(), "cau-hoi.xlsx");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Equal(letter, error.Column);
        Assert.Equal(Headers[SheetColumn.IndexOf(letter)], error.Header);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(["Q1", "Q3"], result.Rows.Select(r => r.Code));
    }

    [Theory]
    [InlineData("Difficulty", "", 1)] // empty difficulty means easy
    [InlineData("Difficulty", "3", 3)] // a number
    [InlineData("Difficulty", "Trung bình", 2)] // a Vietnamese level word
    [InlineData("Difficulty", "khó", 3)] // a Vietnamese level word in lower case
    public async Task Read_AcceptsDifficultyAsNumberOrWord(string header, string value, int difficulty)
    {
        var sheet = ValidSheet(1).Set(0, header, value.Length == 0 ? null : value);

        var result = await ReadAsync(sheet.ToXlsx(), "q.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(difficulty, Assert.Single(result.Rows).Difficulty);
    }

    [Theory]
    [InlineData("b", 1)] // lower case
    [InlineData(" D ", 3)] // spaces around
    [InlineData("Đáp án B", 1)] // written out in Vietnamese
    public async Task Read_AcceptsTheCorrectLetterInUsualSpellings(string value, int index)
    {
        var result = await ReadAsync(ValidSheet(1).Set(0, "Correct", value).ToXlsx(), "q.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(index, Assert.Single(result.Rows).CorrectIndex);
    }

    [Theory]
    [InlineData("", QuestionState.Active)] // no state: active
    [InlineData("Draft", QuestionState.Draft)]
    [InlineData("nháp", QuestionState.Draft)]
    [InlineData("Đang dùng", QuestionState.Active)]
    [InlineData("Ngưng", QuestionState.Retired)]
    [InlineData("RETIRED", QuestionState.Retired)]
    public async Task Read_AcceptsStatesInEnglishOrVietnamese(string value, QuestionState state)
    {
        var result = await ReadAsync(ValidSheet(1).Set(0, "State", value.Length == 0 ? null : value).ToXlsx(), "q.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(state, Assert.Single(result.Rows).State);
    }

    [Fact]
    public async Task Read_WhenManyRowsAreBad_ReportsEveryError()
    {
        var sheet = ValidSheet(5)
            .Set(0, "Code", null)
            .Set(1, "Correct", "Z")
            .Set(1, "Difficulty", 9)
            .Set(3, "C", null)
            .Set(3, "Correct", "A");

        var result = await ReadAsync(sheet.ToXlsx(), "q.xlsx");

        Assert.Equal(["2:A", "3:C", "3:K", "5:G"], result.Errors.Select(e => $"{e.Row}:{e.Column}"));
        Assert.Equal(["Q3", "Q5"], result.Rows.Select(r => r.Code));
    }

    [Fact]
    public async Task Read_WithVietnameseHeadersInAnyCaseAndSpacing_ReadsTheRows()
    {
        var sheet = new SheetBuilder("MÃ", "chủ đề", "Mức  độ", "Câu hỏi", "Đáp án A", "đáp án B", "C", "Phương án D", "Đáp án đúng", "Nguồn", "Giải thích", "Trạng thái")
            .Row("CDS-01", "Chính quyền số", "2", "Cổng Dịch vụ công quốc gia có địa chỉ nào?", "dichvucong.gov.vn", "chinhphu.vn", "egov.vn", "dvc.vn", "A", "Nghị định 42/2022/NĐ-CP", null, "Đang dùng");

        var result = await ReadAsync(sheet.ToXlsx(), "q.xlsx");

        Assert.Empty(result.Errors);
        var row = Assert.Single(result.Rows);
        Assert.Equal(("CDS-01", "Chính quyền số", 2, 4, 0, "Nghị định 42/2022/NĐ-CP", (string?)null), (row.Code, row.Topic, row.Difficulty, row.Options.Count, row.CorrectIndex, row.Source, row.Explanation));
    }

    [Fact]
    public async Task Read_WithRowNumberAndNotesColumns_IgnoresThem()
    {
        var sheet = new SheetBuilder("STT", "Mã", "Câu hỏi", "A", "B", "Đáp án đúng", "Ghi chú").Row(1, "Q1", "Câu hỏi?", "x", "y", "B", "kiểm tra lại");

        var result = await ReadAsync(sheet.ToXlsx(), "q.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(("Q1", 1), (Assert.Single(result.Rows).Code, result.Rows[0].CorrectIndex));
    }

    [Fact]
    public async Task Read_WhenARequiredHeaderIsMissing_ReportsAFileErrorNamingIt()
    {
        var sheet = new SheetBuilder("Mã", "Câu hỏi", "A", "B").Row("Q1", "?", "x", "y");

        var result = await ReadAsync(sheet.ToXlsx(), "q.xlsx");

        var error = Assert.Single(result.Errors);
        Assert.Null(error.Row);
        Assert.Contains("Thiếu cột 'Đáp án đúng' (Correct)", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public async Task Read_WhenTheFileIsAUnitsSheet_ReportsTheUnknownAndMissingHeaders()
    {
        var sheet = new SheetBuilder("Mã", "Tên đơn vị", "Mã đơn vị cha").Row("SO-TTTT", "Sở TT&TT", null);

        var result = await ReadAsync(sheet.ToXlsx(), "q.xlsx");

        Assert.Contains(result.Errors, e => e is { Row: 1, Column: "B", Header: "Tên đơn vị" } && e.Message.StartsWith("Tiêu đề cột không hợp lệ", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row is null && e.Message.Contains("'Câu hỏi' (Question)", StringComparison.Ordinal));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public async Task Read_WhenAHeaderIsRepeated_ReportsTheSecond()
    {
        var sheet = new SheetBuilder("Code", "Question", "A", "B", "Correct", "Đáp án A").Row("Q1", "?", "x", "y", "A", "z");

        var result = await ReadAsync(sheet.ToXlsx(), "q.xlsx");

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "F", "Đáp án A"), (error.Row, error.Column, error.Header));
    }

    [Fact]
    public async Task Read_SkipsBlankRowsAndKeepsExcelRowNumbers()
    {
        var sheet = ValidSheet(1).Row(new object?[Headers.Length]).Row(Valid(2)).Set(2, "Correct", null);

        var result = await ReadAsync(sheet.ToXlsx(), "q.xlsx");

        Assert.Equal(4, Assert.Single(result.Errors).Row);
    }

    [Theory]
    [InlineData("text")] // a text file renamed .xlsx
    [InlineData("zip")] // a zip that is not a workbook
    [InlineData("empty")] // zero bytes
    [InlineData("truncated")] // half a workbook
    public async Task Read_WhenTheFileIsNotAWorkbook_ReportsOneClearError(string kind)
    {
        var bytes = kind switch
        {
            "text" => Encoding.UTF8.GetBytes("Code,Question\nQ1,Câu hỏi?\n"),
            "zip" => Zip(("readme.txt", "không phải bảng tính")),
            "empty" => [],
            _ => ValidSheet(3).ToXlsx().ToArray()[..600],
        };

        var result = await ReadAsync(new MemoryStream(bytes), "cau-hoi.xlsx");

        var error = Assert.Single(result.Errors);
        Assert.Null(error.Row);
        Assert.Contains("không phải bảng tính Excel .xlsx hợp lệ", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("cau-hoi.xlsx: Không đọc được tệp", error.Format("cau-hoi.xlsx"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cau-hoi.xls")] // the old binary format
    [InlineData("cau-hoi.txt")]
    [InlineData("cau-hoi")]
    public async Task Read_WhenTheExtensionIsNeitherXlsxNorCsv_ReportsOneError(string fileName)
    {
        var result = await ReadAsync(ValidSheet(1).ToXlsx(), fileName);

        Assert.StartsWith("Chỉ nhận tệp .xlsx hoặc .csv", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)] // a seekable stream: refused by its length
    [InlineData(false)] // an upload stream: refused while reading
    public async Task Read_WhenTheFileIsTooBig_ReportsOneErrorBeforeReadingIt(bool seekable)
    {
        var bytes = ValidSheet(50).ToXlsx().ToArray();
        Stream stream = seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes);

        var result = await QuestionSheet.ReadAsync(stream, "q.xlsx", new SheetLimits(bytes.Length - 1, 20_000));

        Assert.Equal($"Tệp lớn hơn giới hạn {bytes.Length - 1} byte.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Limits_ByDefault_Are10MegabytesAnd20000Rows()
    {
        Assert.Equal((10L * 1024 * 1024, 20_000), (SheetLimits.Default.MaxBytes, SheetLimits.Default.MaxRows));
    }

    [Fact]
    public async Task Read_WhenThereAreTooManyRows_ReportsOneError()
    {
        var result = await QuestionSheet.ReadAsync(ValidSheet(6).ToXlsx(), "q.xlsx", new SheetLimits(SheetLimits.DefaultMaxBytes, 5));

        Assert.Equal("Tệp có hơn 5 dòng dữ liệu; mỗi lần chỉ nhập tối đa 5 dòng.", Assert.Single(result.Errors).Message);
        Assert.Empty(result.Rows);
    }

    [Theory]
    [InlineData(true, ',')] // Excel's "CSV UTF-8"
    [InlineData(false, ',')] // UTF-8 without BOM
    [InlineData(true, ';')] // semicolons, as Excel writes where the comma is the decimal separator
    public async Task Read_Csv_ReadsUtf8WithOrWithoutBom(bool bom, char separator)
    {
        var sheet = ValidSheet(2).Set(1, "Question", "Theo \"Kế hoạch\", dòng 1,\ndòng 2?");

        var result = await ReadAsync(sheet.ToCsv(bom, separator), "cau-hoi.csv");

        Assert.Empty(result.Errors);
        Assert.Equal("Chuyển đổi số", result.Rows[0].Topic);
        Assert.Equal("Theo \"Kế hoạch\", dòng 1,\ndòng 2?", result.Rows[1].Text);
    }

    [Fact]
    public async Task Read_Csv_ReportsErrorsWithRowNumbersAndColumns()
    {
        var result = await ReadAsync(ValidSheet(3).Set(2, "Correct", "F").ToCsv(), "cau-hoi.csv");

        Assert.Equal("cau-hoi.csv: row 4, column K (Correct): Đáp án đúng là F nhưng đáp án F để trống.", Assert.Single(result.Errors).Format("cau-hoi.csv"));
    }

    [Fact]
    public async Task Read_Csv_WhenNotUtf8_ReportsOneError()
    {
        // "Câu hỏi" in Windows-1258 (Vietnamese ANSI): 0xE2 starts a UTF-8 sequence the next byte does not continue.
        var bytes = Encoding.ASCII.GetBytes("Code,Question\r\nQ1,C").Concat(new byte[] { 0xE2, 0x75, 0x20, 0x68, 0xD2, 0x69 }).ToArray();

        var result = await ReadAsync(new MemoryStream(bytes), "q.csv");

        Assert.StartsWith("Tệp CSV phải được mã hóa UTF-8", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_Csv_WhenItIsAWorkbookRenamed_ReportsOneError()
    {
        var result = await ReadAsync(ValidSheet(1).ToXlsx(), "q.csv");

        Assert.Contains("là một bảng tính Excel", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q.xlsx")]
    [InlineData("q.csv")]
    public async Task Write_ThenRead_GivesTheSameRows(string fileName)
    {
        QuestionRow[] rows =
        [
            new(0, "Q-1", "An toàn thông tin", 3, "Dòng 1\nDòng 2, có \"ngoặc kép\"", ["=1+2", "001", "Ba; bốn", "Năm"], 2, "Nguồn", null, QuestionState.Draft),
            new(0, "Q-2", string.Empty, 1, "Hai đáp án?", ["Đúng", "Sai"], 0, string.Empty, "Giải thích", QuestionState.Retired),
            new(0, "Q-3", "Sáu", 2, "Sáu đáp án?", ["1", "2", "3", "4", "5", "6"], 5, "S", "E", QuestionState.Active),
        ];
        using var stream = new MemoryStream();

        QuestionSheet.Write(stream, fileName, rows);
        stream.Position = 0;
        var read = await ReadAsync(stream, fileName);

        Assert.Empty(read.Errors);
        Assert.Equal(rows.Select(Describe), read.Rows.Select(Describe));
    }

    [Theory]
    [InlineData("mau-cau-hoi.xlsx")]
    [InlineData("mau-cau-hoi.csv")]
    public async Task Template_HasVietnameseHeadersAndOneExampleRowThatImports(string fileName)
    {
        using var stream = new MemoryStream();

        QuestionSheet.WriteTemplate(stream, fileName);
        stream.Position = 0;
        var read = await ReadAsync(stream, fileName);

        Assert.Empty(read.Errors);
        Assert.Equal(Describe(QuestionSheet.Example), Describe(Assert.Single(read.Rows)));
    }

    [Fact]
    public void ErrorFormat_NamesFileRowColumnAndHeader()
    {
        Assert.Equal("q.xlsx: row 3, column K (Đáp án đúng): Thiếu đáp án đúng.", new SheetError(3, "K", "Đáp án đúng", "Thiếu đáp án đúng.").Format("q.xlsx"));
        Assert.Equal("q.xlsx: Tệp trống: không có dòng tiêu đề.", SheetError.ForFile("Tệp trống: không có dòng tiêu đề.").Format("q.xlsx"));
    }

    private static Task<QuestionSheetResult> ReadAsync(Stream stream, string fileName) =>
        QuestionSheet.ReadAsync(stream, fileName, SheetLimits.Default);

    private static SheetBuilder ValidSheet(int rows) => new SheetBuilder(Headers).Rows(rows, Valid);

    private static object?[] Valid(int i) =>
        [$"Q{i}", "Chuyển đổi số", 2, $"Câu hỏi số {i}?", "Một", "Hai", "Ba", "Bốn", null, null, "C", "Kế hoạch 2023", "Vì đã có trong kế hoạch.", "Active"];

    private static string Describe(QuestionRow r) =>
        $"{r.Code}|{r.Topic}|{r.Difficulty}|{r.Text}|{string.Join("/", r.Options)}|{r.CorrectIndex}|{r.Source}|{r.Explanation ?? "null"}|{r.State}";

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
