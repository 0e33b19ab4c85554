using System.Globalization;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Quiz.Questions.Sheets;

/// <summary>The file types an import accepts, chosen by extension.</summary>
internal enum SheetFormat
{
    /// <summary>An Excel workbook; its first sheet is read.</summary>
    Xlsx,

    /// <summary>UTF-8 text (with or without BOM), comma- or semicolon-separated, so samples can be reviewed as text.</summary>
    Csv,
}

/// <summary>Reads the first sheet of an .xlsx or .csv file into text rows, and writes rows back.</summary>
internal static class SheetFile
{
    /// <summary>The format of a file name, or null when neither .xlsx nor .csv.</summary>
    public static SheetFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".XLSX" => SheetFormat.Xlsx,
        ".CSV" => SheetFormat.Csv,
        _ => null,
    };

    /// <summary>
    /// Reads <paramref name="stream"/> within <paramref name="limits"/>. Never throws on bad content: a file
    /// that is too big, not a workbook, or has too many rows gives one file-level error.
    /// </summary>
    public static async Task<(SheetTable? Table, SheetError? Error)> LoadAsync(Stream stream, string fileName, SheetLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        if (FormatOf(fileName) is not { } format)
        {
            var extension = Path.GetExtension(fileName);
            return (null, SheetError.ForFile($"Chỉ nhận tệp .xlsx hoặc .csv{(extension.Length > 0 ? $" (tệp này có đuôi '{extension}')" : string.Empty)}."));
        }

        using var buffer = await BufferAsync(stream, limits.MaxBytes, cancellationToken);
        if (buffer is null)
        {
            return (null, SheetError.ForFile($"Tệp lớn hơn giới hạn {FormatBytes(limits.MaxBytes)}."));
        }

        IEnumerable<SheetRow> rows;
        if (format == SheetFormat.Csv)
        {
            if (CsvText.LooksLikeZip(buffer))
            {
                return (null, SheetError.ForFile("Tệp có đuôi .csv nhưng là một bảng tính Excel; hãy đổi đuôi thành .xlsx hoặc lưu lại dưới dạng CSV UTF-8."));
            }

            if (!CsvText.TryDecode(buffer, out var text))
            {
                return (null, SheetError.ForFile("Tệp CSV phải được mã hóa UTF-8 (trong Excel: Lưu thành 'CSV UTF-8')."));
            }

            rows = CsvText.Parse(text).Select((cells, index) => new SheetRow(index + 1, cells.Select(Clean).ToList()));
        }
        else
        {
            rows = ReadXlsx(buffer);
        }

        try
        {
            return Collect(rows, limits, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // MiniExcel reports a file that is not a workbook in many ways (zip, XML, missing parts); all mean the same to the user.
            return (null, SheetError.ForFile(format == SheetFormat.Xlsx
                ? "Không đọc được tệp: đây không phải bảng tính Excel .xlsx hợp lệ (tệp hỏng, hoặc tệp khác bị đổi đuôi thành .xlsx)."
                : $"Không đọc được tệp CSV: {ex.Message}"));
        }
    }

    /// <summary>Writes a header row and data rows as the format of <paramref name="fileName"/> says.</summary>
    public static void Write(Stream stream, string fileName, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var format = FormatOf(fileName) ?? throw new ArgumentException($"'{fileName}' is neither .xlsx nor .csv.", nameof(fileName));
        if (format == SheetFormat.Csv)
        {
            CsvText.Write(stream, headers, rows);
            return;
        }

        var letters = Enumerable.Range(0, headers.Count).Select(SheetColumn.Letter).ToArray();
        Dictionary<string, object?> ToCells(IReadOnlyList<object?> values)
        {
            var cells = new Dictionary<string, object?>(letters.Length, StringComparer.Ordinal);
            for (var i = 0; i < letters.Length; i++)
            {
                cells[letters[i]] = i < values.Count ? values[i] : null;
            }

            return cells;
        }

        // The header is written as a data row: MiniExcel's own header would be the dictionary keys (A, B, ...).
        var all = new[] { ToCells([.. headers]) }.Concat(rows.Select(ToCells));
        stream.SaveAs(all, printHeader: false, sheetName: sheetName, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            AutoFilter = false,
        });
    }

    private static (SheetTable? Table, SheetError? Error) Collect(IEnumerable<SheetRow> rows, SheetLimits limits, CancellationToken cancellationToken)
    {
        SheetRow? header = null;
        var data = new List<SheetRow>();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.IsEmpty)
            {
                continue;
            }

            if (header is null)
            {
                header = row;
                continue;
            }

            if (data.Count == limits.MaxRows)
            {
                return (null, SheetError.ForFile($"Tệp có hơn {limits.MaxRows} dòng dữ liệu; mỗi lần chỉ nhập tối đa {limits.MaxRows} dòng."));
            }

            data.Add(row);
        }

        return header is null
            ? (null, SheetError.ForFile("Tệp trống: không có dòng tiêu đề."))
            : (new SheetTable(header, data), null);
    }

    private static IEnumerable<SheetRow> ReadXlsx(MemoryStream buffer)
    {
        // Without a header row MiniExcel keys cells by column letter and yields every row from row 1, blank ones included.
        var number = 0;
        foreach (IDictionary<string, object?> row in buffer.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            number++;
            var cells = new string?[row.Count == 0 ? 0 : row.Keys.Max(SheetColumn.IndexOf) + 1];
            foreach (var (letter, value) in row)
            {
                cells[SheetColumn.IndexOf(letter)] = Clean(ToText(value));
            }

            yield return new SheetRow(number, cells);
        }
    }

    private static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime { TimeOfDay.Ticks: 0 } date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dateTime => dateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    // Cells are compared with what the bank holds, so they are made canonical: trimmed, NFC (Word pastes
    // decomposed Vietnamese), one kind of line break.
    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Contains('\r', StringComparison.Ordinal))
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    private static async Task<MemoryStream?> BufferAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static string FormatBytes(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} byte");
}
