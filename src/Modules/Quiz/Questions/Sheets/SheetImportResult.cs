namespace Quiz.Questions.Sheets;

/// <summary>What an import does (or would do) to one row's record.</summary>
internal enum RowChange
{
    /// <summary>The code is not in the tenant yet: a record is added.</summary>
    New,

    /// <summary>The code exists and some value differs: the record is updated.</summary>
    Updated,

    /// <summary>The code exists with the same values: nothing is written.</summary>
    Unchanged,
}

/// <summary>One valid row of an import and what it changes.</summary>
internal sealed record ImportedRow<TRow>(TRow Row, RowChange Change);

/// <summary>
/// The outcome of a preview or an import: the valid rows with their changes, and every error. An import
/// with any error writes nothing (<see cref="Applied"/> is false).
/// </summary>
internal sealed record SheetImportResult<TRow>(string FileName, IReadOnlyList<ImportedRow<TRow>> Rows, IReadOnlyList<SheetError> Errors, bool Applied)
{
    public bool HasErrors => Errors.Count > 0;

    public int NewCount => Rows.Count(r => r.Change == RowChange.New);

    public int UpdatedCount => Rows.Count(r => r.Change == RowChange.Updated);

    public int UnchangedCount => Rows.Count(r => r.Change == RowChange.Unchanged);

    /// <summary>Each error as <c>file: row R, column C (Header): message</c>.</summary>
    public IReadOnlyList<string> ErrorLines => [.. Errors.Select(e => e.Format(FileName))];
}
