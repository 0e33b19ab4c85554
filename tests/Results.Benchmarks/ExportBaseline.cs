using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Results.Data;
using Results.Exports;

namespace Results.Benchmarks;

/// <summary>
/// The baseline of the export goal: the same rows as <see cref="ResultsExcel.WriteFullResultsAsync"/> writes (same
/// columns, headers, formats, conversions and sheet split), read into memory first, then written by MiniExcel alone.
/// </summary>
internal static class ExportBaseline
{
    /// <summary>Reads every ranked entry of the run into rows, in ranking order (not timed as part of the baseline).</summary>
    public static async Task<List<BaselineRow>> LoadAsync(ResultsDbContext db, long runId, TimeZoneInfo timeZone)
    {
        var rows = new List<BaselineRow>();
        var query = db.RankedEntries.AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.Position)
            .Select(e => new { e.GroupCode, e.Rank, e.DisplayName, e.UnitName, e.Score, e.CorrectCount, e.DurationMs, e.Prediction, e.Distance, e.SubmittedAtMs, e.Prize, e.AttemptId });
        await foreach (var e in query.AsAsyncEnumerable())
        {
            rows.Add(new BaselineRow
            {
                Group = Text(e.GroupCode),
                Rank = e.Rank,
                Name = Text(e.DisplayName),
                Unit = Text(e.UnitName),
                Score = e.Score,
                CorrectCount = e.CorrectCount,
                Seconds = e.DurationMs / 1000m,
                Prediction = e.Prediction,
                Distance = e.Distance,
                SubmittedAt = TimeZoneInfo.ConvertTimeFromUtc(DateTimeOffset.FromUnixTimeMilliseconds(e.SubmittedAtMs).UtcDateTime, timeZone),
                Prize = Text(e.Prize),
                AttemptId = Text(e.AttemptId.ToString()),
            });
        }

        return rows;
    }

    /// <summary>Writes the rows with MiniExcel's synchronous SaveAs, as the export does; returns the time taken.</summary>
    public static TimeSpan Write(List<BaselineRow> rows, string file)
    {
        var watch = Stopwatch.StartNew();
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var (sheet, first) = (0, 0); first < rows.Count || sheet == 0; sheet++, first += ResultsExcel.ExcelMaxDataRows)
        {
            var name = sheet == 0 ? ResultsExcel.ResultsSheet : $"{ResultsExcel.ResultsSheet} ({sheet + 1})";
            sheets.Add(name, rows.GetRange(first, Math.Min(ResultsExcel.ExcelMaxDataRows, rows.Count - first)));
        }

        using (var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            output.SaveAs(sheets, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration { AutoFilter = true });
        }

        return watch.Elapsed;
    }

    // As the export's ExcelCells.Text: text a spreadsheet would read as a formula gets a leading apostrophe.
    private static string? Text(string? value) =>
        string.IsNullOrEmpty(value) || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') ? value : "'" + value;
}

/// <summary>The columns of the export's full results row (FullResultRow), with the same headers, widths and formats.</summary>
internal sealed class BaselineRow
{
    [ExcelColumn(Name = "Nhóm", Width = 10)]
    public string? Group { get; init; }

    [ExcelColumn(Name = "Hạng", Width = 8)]
    public int Rank { get; init; }

    [ExcelColumn(Name = "Họ và tên", Width = 28)]
    public string? Name { get; init; }

    [ExcelColumn(Name = "Đơn vị", Width = 36)]
    public string? Unit { get; init; }

    [ExcelColumn(Name = "Điểm", Width = 8)]
    public int Score { get; init; }

    [ExcelColumn(Name = "Số câu đúng", Width = 12)]
    public int CorrectCount { get; init; }

    [ExcelColumn(Name = "Thời gian làm bài (giây)", Width = 14, Format = "0.000")]
    public decimal Seconds { get; init; }

    [ExcelColumn(Name = "Dự đoán", Width = 12)]
    public long? Prediction { get; init; }

    [ExcelColumn(Name = "Độ lệch", Width = 12)]
    public long? Distance { get; init; }

    [ExcelColumn(Name = "Nộp lúc", Width = 24, Format = "dd/mm/yyyy hh:mm:ss.000")]
    public DateTime SubmittedAt { get; init; }

    [ExcelColumn(Name = "Giải", Width = 16)]
    public string? Prize { get; init; }

    [ExcelColumn(Name = "Mã bài thi", Width = 38)]
    public string? AttemptId { get; init; }
}
