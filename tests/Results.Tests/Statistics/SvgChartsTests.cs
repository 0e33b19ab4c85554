using System.Globalization;
using System.Xml.Linq;
using Results.Statistics;

namespace Results.Tests.Statistics;

public sealed class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> Kinds => ["bars", "line"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Chart_EncodesEveryLabel_SoAUnitNamedScriptStaysText(string kind)
    {
        const string Evil = "<script>alert('x')</script>";
        ChartPoint[] points = [new(Evil, 3), new("Xã \"A\" & B", 5)];

        var markup = Draw(kind, "id\"><script>", "Tiêu đề <b>", "Trục <x>", "Trục <y>", points);

        Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", markup, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", markup, StringComparison.Ordinal);
        var svg = XElement.Parse(markup);
        Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "b");
        var texts = svg.Descendants().Select(e => e.Value).ToList();
        Assert.Contains(Evil, texts); // the first label on the axis
        Assert.Contains(Evil + ": 3", texts); // tooltips
        Assert.Contains("Xã \"A\" & B: 5", texts);
        Assert.Contains("Tiêu đề <b>", texts);
        Assert.Contains("Trục <x>", texts);
        Assert.Contains("Trục <y>", texts);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Chart_IsAnAccessibleScalableImage(string kind)
    {
        var svg = XElement.Parse(Draw(kind, "c1", "Người tham gia theo ngày", "Ngày", "Người", [new("09/09", 1234), new("10/09", 0)]));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("100%", (string?)svg.Attribute("width"));
        Assert.Equal("0 0 400 260", (string?)svg.Attribute("viewBox"));
        Assert.Equal("c1-t c1-d", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Người tham gia theo ngày", svg.Element(Svg + "title")?.Value);
        Assert.Contains("1.234", svg.Element(Svg + "desc")?.Value, StringComparison.Ordinal);
        Assert.Contains(svg.Descendants(Svg + "title"), t => t.Value == "09/09: 1.234"); // a tooltip per bar or point
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "1.234"); // the highest value is written on the chart
    }

    [Fact]
    public void Chart_WritesCoordinatesInvariantly_WhateverTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("vi-VN");
            var svg = XElement.Parse(SvgCharts.Bars("c", "t", "x", "y", [new("a", 1), new("b", 2), new("c", 3)]).ToString());

            foreach (var rect in svg.Descendants(Svg + "rect"))
            {
                Assert.All(new[] { "x", "y", "width", "height" }, a => double.Parse((string)rect.Attribute(a)!, CultureInfo.InvariantCulture));
                Assert.DoesNotContain(",", (string)rect.Attribute("x")!, StringComparison.Ordinal);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void LineChart_WhenACumulativeSeriesLevelsOff_WritesTheTopValueOnceAndTheLastOnce()
    {
        var svg = XElement.Parse(SvgCharts.LineChart("c", "t", "x", "y", [new("a", 10), new("b", 30), new("c", 30), new("d", 30)]).ToString());

        Assert.Equal(2, svg.Descendants(Svg + "text").Count(t => t.Value == "30"));
    }

    [Fact]
    public void Chart_WhenEmpty_SaysSo() =>
        Assert.Contains("Chưa có dữ liệu", SvgCharts.Bars("e", "t", "x", "y", []).ToString(), StringComparison.Ordinal);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.75, 1)]
    [InlineData(1.5, 2)]
    [InlineData(3, 3)]
    [InlineData(2.2, 3)] // 2.5 is not a whole step below 10
    [InlineData(21, 25)]
    [InlineData(286.75, 300)]
    [InlineData(700, 800)]
    [InlineData(1000, 1000)]
    public void NiceCeiling_IsAWholeOneTwoFiveStep(double value, double expected) =>
        Assert.Equal(expected, SvgCharts.NiceCeiling(value));

    private static string Draw(string kind, string id, string title, string x, string y, ChartPoint[] points) =>
        (kind == "bars" ? SvgCharts.Bars(id, title, x, y, points) : SvgCharts.LineChart(id, title, x, y, points)).ToString()!;
}
