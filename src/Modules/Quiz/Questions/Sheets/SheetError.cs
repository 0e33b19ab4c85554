namespace Quiz.Questions.Sheets;

/// <summary>
/// One problem of an imported sheet. <see cref="Row"/> is the Excel row number (the header is row 1) and is
/// null for a problem of the whole file; <see cref="Column"/> is the column letter and <see cref="Header"/>
/// the header as written in the file.
/// </summary>
internal sealed record SheetError(int? Row, string? Column, string? Header, string Message)
{
    public static SheetError ForFile(string message) => new(null, null, null, message);

    /// <summary><c>file: row R, column C (Header): message</c>, the form the CLI and recipes print.</summary>
    public string Format(string fileName) => (Row, Column) switch
    {
        (null, _) => $"{fileName}: {Message}",
        (_, null) => $"{fileName}: row {Row}: {Message}",
        _ => $"{fileName}: row {Row}, column {Column} ({Header}): {Message}",
    };
}
