using System.Globalization;
using System.IO.Compression;
using MiniExcelLibs;
using Platform.Core.Contests;
using Results.Data;
using Results.Exports;
using Results.Ranking;

namespace Results.Tests.Exports;

public sealed class ResultsExcelTests : IDisposable
{
    private static readonly string[] FullHeaders =
    [
        "Nhóm", "Hạng", "Họ và tên", "Đơn vị", "Điểm", "Số câu đúng", "Thời gian làm bài (giây)", "Dự đoán", "Độ lệch", "Nộp lúc", "Giải", "Mã bài thi",
    ];

    private static readonly string[] ContactHeaders = ["Ngày sinh", "Số CCCD", "Số điện thoại", "Email"];

    private readonly ExportDatabase _database = new();
    private readonly FakeContestData _contests = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WriteFullResults_WhenRunHasEntries_WritesEveryEntryInPositionOrder()
    {
        var entries = new RankingBuilder().Group("A", 1500).Group("B", 1000).Build();
        var runId = _database.AddRun(entries);

        var file = await WriteFullAsync(runId);

        Assert.Equal([ResultsExcel.ResultsSheet], SheetNames(file));
        Assert.Equal(FullHeaders, Headers(file, ResultsExcel.ResultsSheet));
        var rows = Rows(file, ResultsExcel.ResultsSheet);
        Assert.Equal(entries.Count, rows.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(entries[i].GroupCode, rows[i]["Nhóm"]);
            Assert.Equal((double)entries[i].Rank, rows[i]["Hạng"]);
            Assert.Equal(entries[i].DisplayName, rows[i]["Họ và tên"]);
        }

        // Numbers come back as numbers; the submission time as a date in Asia/Ho_Chi_Minh (UTC+7), to the millisecond.
        var first = rows[0];
        Assert.Equal("Sở số 0", first["Đơn vị"]);
        Assert.Equal((double)entries[0].Score, first["Điểm"]);
        Assert.Equal((double)entries[0].CorrectCount, first["Số câu đúng"]);
        Assert.Equal(754.321, Assert.IsType<double>(first["Thời gian làm bài (giây)"]), 6);
        Assert.Null(first["Dự đoán"]);
        Assert.Null(first["Độ lệch"]);
        Assert.Equal(new DateTime(2023, 10, 15, 8, 2, 3, 456), Assert.IsType<DateTime>(first["Nộp lúc"]));
        Assert.Equal("Giải Nhất", first["Giải"]);
        Assert.Equal(entries[0].AttemptId.ToString(), first["Mã bài thi"]);
        Assert.Equal(5001.0, rows[1]["Dự đoán"]);
        Assert.Equal(1.0, rows[1]["Độ lệch"]);
        Assert.Null(rows[3]["Giải"]);
    }

    [Theory]
    [InlineData(2500, 1000, new[] { 1000, 1000, 500 })] // the last sheet takes the rest
    [InlineData(2000, 1000, new[] { 1000, 1000 })] // an exact multiple adds no empty sheet
    [InlineData(2500, 2500, new[] { 2500 })] // at the limit: one sheet
    public async Task WriteFullResults_WhenRowsExceedTheSheetLimit_SplitsIntoNumberedSheets(int entryCount, int rowsPerSheet, int[] sheetRows)
    {
        var entries = new RankingBuilder().Group("A", entryCount - 100).Group("B", 100).Build();
        var runId = _database.AddRun(entries);

        var file = await WriteFullAsync(runId, rowsPerSheet: rowsPerSheet);

        var names = SheetNames(file);
        Assert.Equal(Enumerable.Range(0, sheetRows.Length).Select(ResultsExcel.SheetName), names);
        Assert.Equal("Kết quả (2)", ResultsExcel.SheetName(1));
        var position = 0;
        for (var sheet = 0; sheet < names.Count; sheet++)
        {
            Assert.Equal(FullHeaders, Headers(file, names[sheet]));
            var rows = Rows(file, names[sheet]);
            Assert.Equal(sheetRows[sheet], rows.Count);
            Assert.Equal(entries[position].DisplayName, rows[0]["Họ và tên"]);
            position += rows.Count;
            Assert.Equal(entries[position - 1].DisplayName, rows[^1]["Họ và tên"]);
        }
    }

    [Fact]
    public async Task WriteFullResults_WhenTextLooksLikeAFormula_WritesItAsTextWithAnApostrophe()
    {
        var entries = new RankingBuilder().Group("A", 10)
            .At(7, e => e.DisplayName = "=HYPERLINK(\"http://x\")")
            .At(8, e => e.UnitName = "+SUM(A1:A9)")
            .Build();
        var runId = _database.AddRun(entries);

        var file = await WriteFullAsync(runId);

        var rows = Rows(file, ResultsExcel.ResultsSheet);
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[7]["Họ và tên"]);
        Assert.Equal("'+SUM(A1:A9)", rows[8]["Đơn vị"]);
        Assert.DoesNotContain("<x:f>", SheetXml(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteFullResults_WhenMoreEntriesThanOnePage_WritesRowsBeforeReadingLaterPages()
    {
        // If the rows were materialised before writing (by us or by MiniExcel), every page query would run before the
        // first row reached the file, so the file would not grow between the first and the last page query. MiniExcel
        // flushes about every half megabyte of sheet XML (some 900 rows here), so 2,500 rows make it grow twice.
        var runId = _database.AddRun(new RankingBuilder().Group("A", 2500).Build());
        var output = new MemoryStream();
        var counter = new PageQueryCounter(() => output.Length);
        using var db = _database.CreateContext(interceptors: counter);
        var excel = new ResultsExcel(db, _contests, ExportDatabase.ContextOf(ExportDatabase.TenantId)) { PageSize = 100 };

        await excel.WriteFullResultsAsync(runId, output, CancellationToken.None);

        Assert.InRange(counter.ProbeAtPageQuery.Count, 25, 26); // 25 full pages, then perhaps an empty one
        Assert.True(counter.ProbeAtPageQuery[^1] > counter.ProbeAtPageQuery[0], $"The workbook did not grow while pages were read: {string.Join(", ", counter.ProbeAtPageQuery)}.");
        Assert.Equal(2500, Rows(output, ResultsExcel.ResultsSheet).Count);
    }

    [Fact]
    public async Task WriteFullResults_WhenRunHasNoEntries_WritesTheHeadersOnly()
    {
        var runId = _database.AddRun([]);

        var file = await WriteFullAsync(runId);

        Assert.Equal([ResultsExcel.ResultsSheet], SheetNames(file));
        Assert.Equal(FullHeaders, Headers(file, ResultsExcel.ResultsSheet));
        Assert.Empty(Rows(file, ResultsExcel.ResultsSheet));
    }

    [Fact]
    public async Task WriteFullResults_WhenRunBelongsToAnotherTenant_ThrowsNotFound()
    {
        var runId = _database.AddRun(new RankingBuilder().Group("A", 5).Build(), tenantId: ExportDatabase.OtherTenantId);

        var problem = await Assert.ThrowsAsync<ResultsProblemException>(() => WriteFullAsync(runId));

        Assert.Equal("not-found", problem.Code);
    }

    [Fact]
    public async Task WriteFullResults_WhenRunWasDiscarded_ThrowsValidation()
    {
        var runId = _database.AddRun([], status: ResultStatus.Discarded);

        var problem = await Assert.ThrowsAsync<ResultsProblemException>(() => WriteFullAsync(runId));

        Assert.Equal("validation", problem.Code);
    }

    [Fact]
    public async Task WriteFullResults_UnderVietnameseCulture_WritesInvariantNumbers()
    {
        var runId = _database.AddRun(new RankingBuilder().Group("A", 3).Build());
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("vi-VN");
        MemoryStream file;
        try
        {
            file = await WriteFullAsync(runId);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        // vi-VN writes 754,321; a cell value must be 754.321 whatever the server's culture.
        Assert.Contains("<x:v>754.321</x:v>", SheetXml(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteWinners_WithoutContacts_WritesPrizeRowsOnlyAndReadsNoPersonalData()
    {
        var entries = new RankingBuilder().Group("A", 1500).Group("B", 1000).Build();
        var runId = _database.AddRun(entries);

        var file = await WriteWinnersAsync(runId, includeContacts: false);

        Assert.Equal([ResultsExcel.WinnersSheet], SheetNames(file));
        var headers = Headers(file, ResultsExcel.WinnersSheet);
        Assert.Equal(["Nhóm", "Hạng", "Giải", "Giá trị giải (đồng)", "Họ và tên", "Đơn vị", "Điểm", "Số câu đúng", "Thời gian làm bài (giây)", "Mã bài thi"], headers);
        var rows = Rows(file, ResultsExcel.WinnersSheet);
        var winners = entries.Where(e => e.Prize is not null).ToList();
        Assert.Equal(6, winners.Count);
        Assert.Equal(winners.Select(w => (w.GroupCode, (double)w.Rank, w.Prize, (double)w.PrizeValue, w.DisplayName)),
            rows.Select(r => ((string)r["Nhóm"]!, (double)r["Hạng"]!, (string?)r["Giải"], (double)r["Giá trị giải (đồng)"]!, (string)r["Họ và tên"]!)));
        Assert.Empty(_contests.ContactRequests);
    }

    [Fact]
    public async Task WriteWinners_WithContacts_AddsEachWinnersContactDetails()
    {
        var entries = new RankingBuilder().Group("A", 50).Group("B", 40).Build();
        var runId = _database.AddRun(entries);
        var winners = entries.Where(e => e.Prize is not null).ToList();
        foreach (var winner in winners)
        {
            _contests.WithContact(new ContestantContact(winner.ContestantId, winner.DisplayName, new DateOnly(1990, 5, 17), $"0010900{winner.ContestantId:D5}", "+84912345678", winner.Rank == 1 ? null : $"tt{winner.ContestantId}@backan.gov.vn"));
        }

        var file = await WriteWinnersAsync(runId, includeContacts: true);

        Assert.Equal(ContactHeaders, Headers(file, ResultsExcel.WinnersSheet).TakeLast(4));
        var rows = Rows(file, ResultsExcel.WinnersSheet);
        Assert.Equal(winners.Count, rows.Count);
        var first = rows[0];
        Assert.Equal(new DateTime(1990, 5, 17), first["Ngày sinh"]);
        Assert.Equal("001090001000", first["Số CCCD"]); // text: the leading zeros stay
        Assert.Equal("'+84912345678", first["Số điện thoại"]); // neutralised like any text starting with +
        Assert.Null(first["Email"]);
        Assert.Equal($"tt{winners[1].ContestantId}@backan.gov.vn", rows[1]["Email"]);
        var request = Assert.Single(_contests.ContactRequests);
        Assert.Equal(winners.Select(w => w.ContestantId).Order(), request.Order());
    }

    [Fact]
    public async Task WriteUnitStandings_WritesEachUnitBlockByBlockWithNumbers()
    {
        var runId = _database.AddRun([],
        [
            new UnitStanding { Block = "Khối Sở", Rank = 0, UnitCode = "S3", UnitName = "Sở Y tế", Participants = 4, Entries = 4, Headcount = null, AverageScore = 6 },
            new UnitStanding { Block = "Khối Sở", Rank = 2, UnitCode = "S2", UnitName = "Sở Tài chính", Participants = 5, Entries = 6, Headcount = 20, AverageScore = 7.5 },
            new UnitStanding { Block = "Khối Sở", Rank = 1, UnitCode = "S1", UnitName = "=Sở TT&TT", Participants = 10, Entries = 12, Headcount = 20, AverageScore = 8.25, Prize = "Đơn vị dẫn đầu" },
            new UnitStanding { Block = "Khối Huyện", Rank = 1, UnitCode = "H1", UnitName = "UBND huyện Ba Bể", Participants = 30, Entries = 31, Headcount = 40, AverageScore = 7, Prize = "Đơn vị dẫn đầu" },
        ]);

        var file = await WriteUnitsAsync(runId);

        Assert.Equal([ResultsExcel.UnitsSheet], SheetNames(file));
        Assert.Equal(["Khối", "Hạng", "Đơn vị", "Số người tham gia", "Số lượt thi", "Biên chế", "Tỷ lệ tham gia (%)", "Điểm trung bình", "Giải"], Headers(file, ResultsExcel.UnitsSheet));
        var rows = Rows(file, ResultsExcel.UnitsSheet);
        Assert.Equal(["UBND huyện Ba Bể", "'=Sở TT&TT", "Sở Tài chính", "Sở Y tế"], rows.Select(r => (string?)r["Đơn vị"]));
        Assert.Equal([1.0, 1.0, 2.0, null], rows.Select(r => (double?)r["Hạng"])); // the unranked unit has no rank
        Assert.Equal([75.0, 50.0, 25.0, null], rows.Select(r => (double?)r["Tỷ lệ tham gia (%)"]));
        Assert.Equal([30.0, 10.0, 5.0, 4.0], rows.Select(r => (double)r["Số người tham gia"]!));
        Assert.Equal([31.0, 12.0, 6.0, 4.0], rows.Select(r => (double)r["Số lượt thi"]!));
        Assert.Equal([40.0, 20.0, 20.0, null], rows.Select(r => (double?)r["Biên chế"]));
        Assert.Equal([7.0, 8.25, 7.5, 6.0], rows.Select(r => (double)r["Điểm trung bình"]!));
        Assert.Equal(["Đơn vị dẫn đầu", "Đơn vị dẫn đầu", null, null], rows.Select(r => (string?)r["Giải"]));
    }

    private async Task<MemoryStream> WriteFullAsync(long runId, int rowsPerSheet = ResultsExcel.ExcelMaxDataRows)
    {
        using var db = _database.CreateContext();
        var output = new MemoryStream();
        await new ResultsExcel(db, _contests, ExportDatabase.ContextOf(ExportDatabase.TenantId)) { RowsPerSheet = rowsPerSheet }
            .WriteFullResultsAsync(runId, output, CancellationToken.None);
        return output;
    }

    private async Task<MemoryStream> WriteWinnersAsync(long runId, bool includeContacts)
    {
        using var db = _database.CreateContext();
        var output = new MemoryStream();
        await new ResultsExcel(db, _contests, ExportDatabase.ContextOf(ExportDatabase.TenantId)).WriteWinnersAsync(runId, output, includeContacts, CancellationToken.None);
        return output;
    }

    private async Task<MemoryStream> WriteUnitsAsync(long runId)
    {
        using var db = _database.CreateContext();
        var output = new MemoryStream();
        await new ResultsExcel(db, _contests, ExportDatabase.ContextOf(ExportDatabase.TenantId)).WriteUnitStandingsAsync(runId, output, CancellationToken.None);
        return output;
    }

    private static List<string> SheetNames(MemoryStream file)
    {
        file.Position = 0;
        return file.GetSheetNames();
    }

    private static List<string?> Headers(MemoryStream file, string sheet)
    {
        file.Position = 0;
        var header = (IDictionary<string, object?>)file.Query(useHeaderRow: false, sheetName: sheet).First();
        return [.. header.Values.Select(v => v?.ToString())];
    }

    private static List<IDictionary<string, object?>> Rows(MemoryStream file, string sheet)
    {
        file.Position = 0;
        return [.. file.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()];
    }

    private static string SheetXml(MemoryStream file)
    {
        using var zip = new ZipArchive(new MemoryStream(file.ToArray()), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        return reader.ReadToEnd();
    }
}
