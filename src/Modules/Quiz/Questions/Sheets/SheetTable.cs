namespace Quiz.Questions.Sheets;

/// <summary>One row of a sheet: its Excel row number and its cells as trimmed text (null when empty), by column index.</summary>
internal sealed record SheetRow(int Number, IReadOnlyList<string?> Cells)
{
    public string? this[int index] => index < Cells.Count ? Cells[index] : null;

    public bool IsEmpty => Cells.All(c => c is null);
}

/// <summary>The first sheet of a file: its header row and its non-empty data rows.</summary>
internal sealed record SheetTable(SheetRow Header, IReadOnlyList<SheetRow> Rows);

/// <summary>How much an import may read.</summary>
/// <param name="MaxBytes">Largest file accepted.</param>
/// <param name="MaxRows">Most data rows accepted (the header not counted).</param>
internal sealed record SheetLimits(long MaxBytes, int MaxRows)
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public const int DefaultMaxRows = 20_000;

    public static SheetLimits Default { get; } = new(DefaultMaxBytes, DefaultMaxRows);
}
