using MiniExcelLibs;
using Results.Statistics;
using static Results.Tests.Statistics.StatisticsData;

namespace Results.Tests.Statistics;

public sealed class BulletinWorkbookTests
{
    [Fact]
    public void Write_HasVietnameseSheets_TextCellsSafeFromFormulas_CountsAsNumbers()
    {
        var tree = new UnitTree(
        [
            Unit("D1", order: 1, headcount: 8, name: "=HYPERLINK(\"http://x\",\"Bấm\")"),
            Unit("C1", "D1", order: 1, name: "+Xã Một"),
        ]);
        var bulletin = ParticipationBulletin.Compute(tree, new Dictionary<long, string> { [1] = "C1", [2] = "C1" }, [Entry(1), Entry(2), Entry(2)], Vietnam, new DateOnly(2023, 9, 10));
        using var stream = new MemoryStream();

        BulletinWorkbook.Write(stream, "@Cuộc thi", bulletin);

        stream.Position = 0;
        Assert.Equal([BulletinWorkbook.SummarySheet, BulletinWorkbook.TopLevelSheet, BulletinWorkbook.LowerSheet], stream.GetSheetNames());
        var summary = stream.Query(useHeaderRow: true, sheetName: BulletinWorkbook.SummarySheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("'@Cuộc thi", summary[0]["Giá trị"]);
        Assert.Equal("10/09/2023", summary[1]["Giá trị"]);
        var top = Assert.Single(stream.Query(useHeaderRow: true, sheetName: BulletinWorkbook.TopLevelSheet).Cast<IDictionary<string, object>>());
        Assert.Equal("'=HYPERLINK(\"http://x\",\"Bấm\")", top["Đơn vị"]);
        Assert.Equal(2d, Convert.ToDouble(top["Người tham gia lũy kế"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3d, Convert.ToDouble(top["Lượt thi lũy kế"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(25d, Convert.ToDouble(top["Tỷ lệ tham gia (%)"], System.Globalization.CultureInfo.InvariantCulture));
        var lower = Assert.Single(stream.Query(useHeaderRow: true, sheetName: BulletinWorkbook.LowerSheet).Cast<IDictionary<string, object>>());
        Assert.Equal(("'+Xã Một", "'=HYPERLINK(\"http://x\",\"Bấm\")"), (lower["Đơn vị"], lower["Thuộc"]));
    }

    [Fact]
    public void Write_WithoutUnits_StillWritesEverySheet()
    {
        var bulletin = ParticipationBulletin.Compute(new UnitTree([]), new Dictionary<long, string>(), [], Vietnam, new DateOnly(2023, 9, 10));
        using var stream = new MemoryStream();

        BulletinWorkbook.Write(stream, "Cuộc thi", bulletin);

        stream.Position = 0;
        Assert.Equal(3, stream.GetSheetNames().Count);
    }
}
