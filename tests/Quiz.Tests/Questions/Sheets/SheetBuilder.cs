using System.Text;
using MiniExcelLibs;

namespace Quiz.Tests.Questions.Sheets;

/// <summary>Builds sheets in memory, written by MiniExcel itself (not by the code under test).</summary>
internal sealed class SheetBuilder(params string[] headers)
{
    private readonly List<object?[]> _rows = [];

    public IReadOnlyList<string> Headers => headers;

    public SheetBuilder Row(params object?[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    /// <summary>Adds <paramref name="count"/> rows made by <paramref name="row"/> from their 1-based index.</summary>
    public SheetBuilder Rows(int count, Func<int, object?[]> row)
    {
        for (var i = 1; i <= count; i++)
        {
            _rows.Add(row(i));
        }

        return this;
    }

    /// <summary>Replaces one cell of a row (0-based data row) by header name.</summary>
    public SheetBuilder Set(int row, string header, object? value)
    {
        var index = Array.IndexOf(headers, header);
        if (index < 0)
        {
            throw new ArgumentException($"No header '{header}'.", nameof(header));
        }

        _rows[row][index] = value;
        return this;
    }

    public MemoryStream ToXlsx()
    {
        var letters = Enumerable.Range(0, headers.Length).Select(Letter).ToArray();
        var all = new[] { headers.Cast<object?>().ToArray() }.Concat(_rows)
            .Select(cells => letters.Select((l, i) => (l, v: i < cells.Length ? cells[i] : null)).ToDictionary(x => x.l, x => x.v));
        var stream = new MemoryStream();
        stream.SaveAs(all, printHeader: false, excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }

    public MemoryStream ToCsv(bool bom = true, char separator = ',')
    {
        var text = new StringBuilder();
        foreach (var cells in new[] { headers.Cast<object?>().ToArray() }.Concat(_rows))
        {
            text.Append(string.Join(separator, cells.Select(c => Quote(Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)))).Append("\r\n");
        }

        return new MemoryStream([.. (bom ? Encoding.UTF8.Preamble.ToArray() : []), .. Encoding.UTF8.GetBytes(text.ToString())]);
    }

    public static string Letter(int index) => index < 26 ? ((char)('A' + index)).ToString() : Letter((index / 26) - 1) + Letter(index % 26);

    /// <summary>"x*41" means 41 x's, so long cells fit in attributes.</summary>
    public static string? Expand(string? value) =>
        value is not null && value.Split('*') is [var c, var n] && c.Length == 1 && int.TryParse(n, out var count) ? new string(c[0], count) : value;

    private static string Quote(string value) =>
        value.IndexOfAny([',', ';', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
