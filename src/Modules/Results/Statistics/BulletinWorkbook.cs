using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Results.Exports;

namespace Results.Statistics;

/// <summary>The daily participation bulletin as an .xlsx workbook: a summary sheet, then one sheet per level of units.</summary>
internal static class BulletinWorkbook
{
    public const string SummarySheet = "Tổng hợp";
    public const string TopLevelSheet = "Theo đơn vị";
    public const string LowerSheet = "Theo đơn vị cơ sở";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The file name offered for download (ASCII, so every browser keeps it).</summary>
    public static string FileName(string slug, DateOnly day) =>
        $"ban-tin-{slug}-{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}.xlsx";

    /// <summary>Writes the workbook. Every text cell goes through <see cref="ExcelCells.Text"/>; counts stay numbers.</summary>
    public static void Write(Stream stream, string contestTitle, ParticipationBulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(bulletin);
        var t = bulletin.Totals;
        var summary = new List<Dictionary<string, object?>>
        {
            Line("Cuộc thi", ExcelCells.Text(contestTitle)),
            Line("Ngày", ExcelCells.Text(StatisticsFormat.Day(bulletin.Day))),
            Line("Người tham gia trong ngày", t.DayParticipants),
            Line("Lượt thi trong ngày", t.DayEntries),
            Line("Người tham gia lũy kế", t.Participants),
            Line("Lượt thi lũy kế", t.Entries),
        };
        if (bulletin.Unassigned.Entries > 0)
        {
            summary.Add(Line("Người tham gia lũy kế chưa xác định đơn vị", bulletin.Unassigned.Participants));
            summary.Add(Line("Lượt thi lũy kế chưa xác định đơn vị", bulletin.Unassigned.Entries));
        }

        var sheets = new Dictionary<string, object>
        {
            [SummarySheet] = summary,
            [TopLevelSheet] = Rows(bulletin.TopLevel, withTop: false),
            [LowerSheet] = Rows(bulletin.Lower, withTop: true),
        };
        stream.SaveAs(sheets, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            AutoFilter = false,
        });
    }

    private static Dictionary<string, object?> Line(string label, object? value) => new(StringComparer.Ordinal)
    {
        ["Chỉ tiêu"] = label,
        ["Giá trị"] = value,
    };

    private static List<Dictionary<string, object?>> Rows(IReadOnlyList<BulletinRow> rows, bool withTop)
    {
        var list = new List<Dictionary<string, object?>>(Math.Max(1, rows.Count));
        foreach (var r in rows)
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Hạng"] = r.Rank,
                ["Mã đơn vị"] = ExcelCells.Text(r.Code),
                ["Đơn vị"] = ExcelCells.Text(r.Name),
            };
            if (withTop)
            {
                cells["Thuộc"] = ExcelCells.Text(r.TopName);
            }

            cells["Người tham gia trong ngày"] = r.Counts.DayParticipants;
            cells["Lượt thi trong ngày"] = r.Counts.DayEntries;
            cells["Người tham gia lũy kế"] = r.Counts.Participants;
            cells["Lượt thi lũy kế"] = r.Counts.Entries;
            cells["Biên chế"] = r.Headcount;
            cells["Tỷ lệ tham gia (%)"] = r.Rate is { } rate ? Math.Round(rate * 100, 2) : null;
            list.Add(cells);
        }

        // MiniExcel takes the header from the first row: a sheet without units still gets its header.
        if (list.Count == 0)
        {
            list.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["Đơn vị"] = ExcelCells.Text("Chưa có đơn vị") });
        }

        return list;
    }
}
