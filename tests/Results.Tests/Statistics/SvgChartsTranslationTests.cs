using System.Globalization;
using System.Xml.Linq;
using Results.Statistics;

namespace Results.Tests.Statistics;

public sealed class SvgChartsTranslationTests
{
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["Chưa có dữ liệu"] = "No data yet",
        ["Chưa có dữ liệu."] = "No data yet.",
        ["{0}: {1} giá trị, từ {2} đến {3}. {4}: cao nhất {5} ({6})."] = "{0}: {1} values, from {2} to {3}. {4}: highest {5} ({6}).",
    };

    [Fact]
    public void Description_WithoutTranslator_IsTheVietnameseSentence()
    {
        var svg = XElement.Parse(SvgCharts.Bars("c", "t", "Ngày", "Người", [new("09/09", 1234), new("10/09", 0)]).ToString()!);

        Assert.Equal("Ngày: 2 giá trị, từ 09/09 đến 10/09. Người: cao nhất 1.234 (09/09).", svg.Descendants().Single(e => e.Name.LocalName == "desc").Value);
    }

    [Fact]
    public void Texts_WithTranslator_AreTranslated()
    {
        var svg = XElement.Parse(SvgCharts.LineChart("c", "t", "Day", "People", [new("09/09", 1234), new("10/09", 0)], Translate).ToString()!);
        var empty = SvgCharts.Bars("e", "t", "x", "y", [], Translate).ToString()!;

        Assert.Equal("Day: 2 values, from 09/09 to 10/09. People: highest 1.234 (09/09).", svg.Descendants().Single(e => e.Name.LocalName == "desc").Value);
        Assert.Contains(">No data yet</text>", empty, StringComparison.Ordinal);
        Assert.Contains(">No data yet.</desc>", empty, StringComparison.Ordinal);
    }

    private static string Translate(string text, object?[] arguments) =>
        string.Format(CultureInfo.GetCultureInfo("en-US"), English.GetValueOrDefault(text, text), arguments);
}
