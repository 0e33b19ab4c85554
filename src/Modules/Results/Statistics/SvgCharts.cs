using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Results.Statistics;

/// <summary>One bar or point of a chart.</summary>
/// <param name="Label">Label on the horizontal axis.</param>
/// <param name="Value">Value, 0 or more.</param>
internal readonly record struct ChartPoint(string Label, double Value);

/// <summary>
/// Small charts drawn on the server as inline SVG: no script, no external asset. Each chart carries a title and a
/// description for screen readers, axis titles, tick values and a tooltip per bar or point; it scales to its container
/// (viewBox, width 100%) and keeps text large enough at 360 px. Every text is HTML-encoded.
/// </summary>
internal static class SvgCharts
{
    private const double Width = 400;
    private const double Height = 260;
    private const double Left = 58;
    private const double Right = 12;
    private const double Top = 36;
    private const double Bottom = 56;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private const double BaseLine = Top + PlotHeight;
    private const double LabelCharWidth = 6.8;
    private const double ValueCharWidth = 6.2;
    private const string Ink = "#1f2937";
    private const string Muted = "#6b7280";
    private const string Line = "#e5e7eb";
    private const string Brand = "#0b5394";

    /// <summary>A vertical bar chart.</summary>
    /// <param name="id">Unique id in the page (for aria-labelledby).</param>
    /// <param name="title">Title shown above the chart.</param>
    /// <param name="xAxis">Title of the horizontal axis.</param>
    /// <param name="yAxis">Title of the vertical axis.</param>
    /// <param name="points">The bars, left to right.</param>
    /// <param name="t">Translates the chart's own Vietnamese texts (the description, "no data") into the page's culture; none keeps them Vietnamese.</param>
    public static HtmlString Bars(string id, string title, string xAxis, string yAxis, IReadOnlyList<ChartPoint> points, Func<string, object?[], string>? t = null) =>
        Chart(id, title, xAxis, yAxis, points, lines: false, t ?? Vietnamese);

    /// <summary>A line chart (a cumulative series, for example).</summary>
    /// <param name="id">Unique id in the page (for aria-labelledby).</param>
    /// <param name="title">Title shown above the chart.</param>
    /// <param name="xAxis">Title of the horizontal axis.</param>
    /// <param name="yAxis">Title of the vertical axis.</param>
    /// <param name="points">The points, left to right.</param>
    /// <param name="t">Translates the chart's own Vietnamese texts (the description, "no data") into the page's culture; none keeps them Vietnamese.</param>
    public static HtmlString LineChart(string id, string title, string xAxis, string yAxis, IReadOnlyList<ChartPoint> points, Func<string, object?[], string>? t = null) =>
        Chart(id, title, xAxis, yAxis, points, lines: true, t ?? Vietnamese);

    /// <summary>
    /// The smallest whole "nice" number (1, 2, 2.5 from 25 up, 3, 4, 5, 6 or 8 times a power of ten) at or above
    /// <paramref name="value"/>, at least 1: the step between ticks of a count axis.
    /// </summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 1 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in (ReadOnlySpan<double>)[1, 2, 2.5, 3, 4, 5, 6, 8, 10])
        {
            if ((step != 2.5 || power >= 10) && step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static HtmlString Chart(string id, string title, string xAxis, string yAxis, IReadOnlyList<ChartPoint> points, bool lines, Func<string, object?[], string> t)
    {
        ArgumentNullException.ThrowIfNull(points);
        var max = points.Count == 0 ? 0 : points.Max(p => Math.Max(0, p.Value));
        var top = 4 * NiceCeiling(max / 4);
        var svg = new StringBuilder(1024 + (points.Count * 200));
        var description = points.Count == 0
            ? t("Chưa có dữ liệu.", [])
            : t("{0}: {1} giá trị, từ {2} đến {3}. {4}: cao nhất {5} ({6}).", [xAxis, points.Count.ToString(CultureInfo.InvariantCulture), points[0].Label, points[^1].Label, yAxis, StatisticsFormat.Number((long)Math.Round(max)), points.MaxBy(p => p.Value).Label]);

        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{E(id)}-t {E(id)}-d\" font-family=\"system-ui, sans-serif\" font-size=\"13\" fill=\"{Ink}\">"))
            .Append(Inv($"<title id=\"{E(id)}-t\">{E(title)}</title><desc id=\"{E(id)}-d\">{E(description)}</desc>"))
            .Append(Inv($"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\">{E(title)}</text>"));

        // Grid lines and tick values on the vertical axis: 0, a quarter, ..., the nice top.
        for (var i = 0; i <= 4; i++)
        {
            var value = top * i / 4;
            var y = BaseLine - (PlotHeight * i / 4);
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{R(y)}\" x2=\"{Width - Right}\" y2=\"{R(y)}\" stroke=\"{(i == 0 ? Muted : Line)}\" stroke-width=\"1\"/>"))
                .Append(Inv($"<text x=\"{Left - 6}\" y=\"{R(y + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"{Muted}\">{E(Tick(value))}</text>"));
        }

        svg.Append(Inv($"<text x=\"13\" y=\"{R(Top + (PlotHeight / 2))}\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 13 {R(Top + (PlotHeight / 2))})\">{E(yAxis)}</text>"))
            .Append(Inv($"<text x=\"{R(Left + (PlotWidth / 2))}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"13\">{E(xAxis)}</text>"));

        if (points.Count == 0)
        {
            svg.Append(Inv($"<text x=\"{R(Left + (PlotWidth / 2))}\" y=\"{R(Top + (PlotHeight / 2))}\" text-anchor=\"middle\" fill=\"{Muted}\">{Markup(t("Chưa có dữ liệu", []))}</text>"));
            return new HtmlString(svg.Append("</svg>").ToString());
        }

        var band = PlotWidth / points.Count;
        var longestLabel = Math.Max(1, points.Max(p => p.Label.Length));
        var labelEvery = Math.Max(1, (int)Math.Ceiling(longestLabel * LabelCharWidth / band));
        var highest = points.Select((p, i) => (p.Value, i)).MaxBy(p => p.Value).i;
        var marks = new StringBuilder();
        var path = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var centre = Left + (band * (i + 0.5));
            var y = BaseLine - (PlotHeight * Math.Max(0, point.Value) / top);
            var valueText = StatisticsFormat.Number((long)Math.Round(point.Value));
            var tooltip = E($"{point.Label}: {valueText}");
            if (lines)
            {
                path.Append(Inv($"{(i == 0 ? 'M' : 'L')}{R(centre)} {R(y)} "));
                marks.Append(Inv($"<circle cx=\"{R(centre)}\" cy=\"{R(y)}\" r=\"{(band < 8 ? 2 : 3)}\" fill=\"{Brand}\"><title>{tooltip}</title></circle>"));
            }
            else
            {
                var barWidth = Math.Max(1, band * 0.8);
                marks.Append(Inv($"<rect x=\"{R(centre - (barWidth / 2))}\" y=\"{R(y)}\" width=\"{R(barWidth)}\" height=\"{R(BaseLine - y)}\" fill=\"{Brand}\"><title>{tooltip}</title></rect>"));
            }

            // A value is written on the chart where it fits (on a line: the first highest and the last point; zero bars are
            // left bare); the tooltip and the page's tables carry the rest.
            var isLast = i == points.Count - 1;
            if (lines ? isLast || i == highest : point.Value > 0 && valueText.Length * ValueCharWidth <= band)
            {
                var anchor = lines && isLast && points.Count > 1 ? "end" : "middle";
                marks.Append(Inv($"<text x=\"{R(centre)}\" y=\"{R(y - 6)}\" text-anchor=\"{anchor}\" font-size=\"11\">{E(valueText)}</text>"));
            }

            if (i % labelEvery == 0)
            {
                marks.Append(Inv($"<text x=\"{R(centre)}\" y=\"{BaseLine + 17}\" text-anchor=\"middle\" font-size=\"12\">{E(point.Label)}</text>"));
            }
        }

        if (lines)
        {
            svg.Append(Inv($"<path d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{Brand}\" stroke-width=\"2\"/>"));
        }

        svg.Append(marks);
        return new HtmlString(svg.Append("</svg>").ToString());
    }

    // Without a translator: the Vietnamese texts, filled in as they always were.
    private static string Vietnamese(string text, object?[] arguments) => string.Format(StatisticsFormat.Vietnamese, text, arguments);

    private static string Tick(double value) => StatisticsFormat.Number((long)Math.Round(value));

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    // Only the characters markup needs escaped (the text stays readable in the SVG as it always was).
    private static string Markup(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static double R(double value) => Math.Round(value, 1);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
