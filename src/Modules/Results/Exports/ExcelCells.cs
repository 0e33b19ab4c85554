namespace Results.Exports;

/// <summary>Cell values that are safe to open in Excel.</summary>
internal static class ExcelCells
{
    /// <summary>
    /// Text a spreadsheet would read as a formula (it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
    /// return) gets a leading apostrophe, so a contestant's name like <c>=HYPERLINK(...)</c> stays text (formula injection).
    /// </summary>
    public static string? Text(string? value) =>
        string.IsNullOrEmpty(value) || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') ? value : "'" + value;
}
