using Quiz.Questions.Sheets;

namespace Quiz.Pages.Admin.Questions;

/// <summary>One row an import adds or changes, as the preview lists it.</summary>
internal sealed record PreviewRow(int RowNumber, string Code, string Summary, RowChange Change);

/// <summary>What a preview (or a refused import) shows: the counts, every error, the rows that change, and how to confirm.</summary>
internal sealed record ImportPreview(string FileName, int NewCount, int UpdatedCount, int UnchangedCount, IReadOnlyList<SheetError> Errors, IReadOnlyList<PreviewRow> Changes)
{
    /// <summary>Most changed rows listed; the counts cover the rest.</summary>
    public const int MaxListed = 500;

    /// <summary>The stored upload to import on confirmation; null when there is nothing to confirm.</summary>
    public string? Token { get; init; }

    /// <summary>"câu hỏi" or "đơn vị".</summary>
    public string Noun { get; init; } = "dòng";

    public static ImportPreview From<TRow>(SheetImportResult<TRow> result, Func<TRow, (int RowNumber, string Code, string Summary)> describe)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(describe);
        var changes = result.Rows
            .Where(r => r.Change != RowChange.Unchanged)
            .Take(MaxListed)
            .Select(r =>
            {
                var (number, code, summary) = describe(r.Row);
                return new PreviewRow(number, code, summary, r.Change);
            })
            .ToList();
        return new ImportPreview(result.FileName, result.NewCount, result.UpdatedCount, result.UnchangedCount, result.Errors, changes);
    }

    /// <summary>The start of a long text, cut at a word.</summary>
    public static string Shorten(string text, int length = 90)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.ReplaceLineEndings(" ");
        if (text.Length <= length)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', length);
        return string.Concat(text.AsSpan(0, cut > length / 2 ? cut : length), "…");
    }
}
