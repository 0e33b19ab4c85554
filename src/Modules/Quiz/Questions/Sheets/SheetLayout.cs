namespace Quiz.Questions.Sheets;

/// <summary>Where each known column is in a file, read from its header row.</summary>
internal sealed class SheetLayout
{
    // Columns organisers commonly add for themselves: a row number (STT) and notes. Read by nobody.
    private static readonly HashSet<string> Ignored = new(["stt", "sothutu", "no", "ghichu", "note", "notes"], StringComparer.Ordinal);

    private readonly Dictionary<SheetColumn, int> _indexes;
    private readonly SheetRow _header;

    private SheetLayout(SheetRow header, Dictionary<SheetColumn, int> indexes)
    {
        _header = header;
        _indexes = indexes;
    }

    /// <summary>
    /// Maps the header row onto <paramref name="columns"/>. Unknown, repeated and missing required headers are
    /// errors: a misspelt optional header would otherwise drop its column without a word. STT and notes columns are skipped.
    /// </summary>
    public static SheetLayout Map(SheetRow header, IReadOnlyList<SheetColumn> columns, List<SheetError> errors)
    {
        var byKey = new Dictionary<string, SheetColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            foreach (var key in column.Keys)
            {
                byKey.TryAdd(key, column);
            }
        }

        var indexes = new Dictionary<SheetColumn, int>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var text = header.Cells[i];
            if (text is null)
            {
                continue;
            }

            var letter = SheetColumn.Letter(i);
            var key = SheetColumn.NormalizeHeader(text);
            if (Ignored.Contains(key))
            {
                continue;
            }

            if (!byKey.TryGetValue(key, out var column))
            {
                errors.Add(new SheetError(header.Number, letter, text, $"Tiêu đề cột không hợp lệ. Các cột được nhận: {Describe(columns)}."));
            }
            else if (indexes.TryGetValue(column, out var first))
            {
                errors.Add(new SheetError(header.Number, letter, text, $"Cột '{column.Name}' đã có ở cột {SheetColumn.Letter(first)}."));
            }
            else
            {
                indexes[column] = i;
            }
        }

        foreach (var missing in columns.Where(c => c.Required && !indexes.ContainsKey(c)))
        {
            errors.Add(SheetError.ForFile($"Thiếu cột '{missing.VietnameseName}' ({missing.Name}) ở dòng tiêu đề (dòng {header.Number})."));
        }

        return new SheetLayout(header, indexes);
    }

    public bool Has(SheetColumn column) => _indexes.ContainsKey(column);

    /// <summary>The cell of <paramref name="column"/> in <paramref name="row"/>, or null when empty or when the file has no such column.</summary>
    public string? Value(SheetRow row, SheetColumn column) => _indexes.TryGetValue(column, out var index) ? row[index] : null;

    /// <summary>An error located at a cell, naming the column as the file names it.</summary>
    public SheetError Error(SheetRow row, SheetColumn column, string message) => _indexes.TryGetValue(column, out var index)
        ? new SheetError(row.Number, SheetColumn.Letter(index), _header[index], message)
        : new SheetError(row.Number, null, null, message);

    /// <summary>Adds an error for each cell longer than its column allows.</summary>
    public void CheckLengths(SheetRow row, IEnumerable<SheetColumn> columns, List<SheetError> errors)
    {
        foreach (var column in columns)
        {
            var value = Value(row, column);
            if (column.MaxLength is { } max && value is not null && value.Length > max)
            {
                errors.Add(Error(row, column, $"Dài {value.Length} ký tự, vượt quá giới hạn {max} ký tự."));
            }
        }
    }

    private static string Describe(IEnumerable<SheetColumn> columns) =>
        string.Join(", ", columns.Select(c => c.Name == c.VietnameseName ? c.Name : $"{c.Name} [{c.VietnameseName}]"));
}
