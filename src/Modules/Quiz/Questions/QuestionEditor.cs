using Quiz.Questions.Sheets;

namespace Quiz.Questions;

/// <summary>One question as the admin form holds it: every field as typed, options A to F (empty when unused).</summary>
internal sealed record QuestionInput(
    string? Code,
    string? Topic,
    string? Difficulty,
    string? State,
    string? Text,
    IReadOnlyList<string?> Options,
    string? Correct,
    string? Source,
    string? Explanation);

/// <summary>
/// Saves one question from the admin form by importing it as a one-row sheet, so that the form has exactly the
/// import's checks, limits and messages, and the import's versioning rule: a change of content makes a new version
/// unless the question is a draft no attempt holds, which is edited in place.
/// </summary>
internal static class QuestionEditor
{
    private const string FileName = "cau-hoi.csv";

    /// <summary>Checks and saves <paramref name="input"/> (all or nothing); a known code is updated, an unknown one added.</summary>
    public static async Task<SheetImportResult<QuestionRow>> SaveAsync(QuestionImporter importer, QuestionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(input);
        object?[] cells =
        [
            input.Code, input.Topic, input.Difficulty, input.Text,
            .. Enumerable.Range(0, QuestionLimits.MaxOptions).Select(i => i < input.Options.Count ? input.Options[i] : null),
            input.Correct, input.Source, input.Explanation, input.State,
        ];
        using var file = new MemoryStream();
        SheetFile.Write(file, FileName, QuestionSheet.SheetName, [.. QuestionSheet.Columns.Select(c => c.Name)], [cells]);
        file.Position = 0;
        return await importer.ImportAsync(file, FileName, cancellationToken);
    }

    /// <summary>The form field an error of <see cref="SaveAsync"/> is about (the column's English name: Code, Question, A–F, Correct...), or null.</summary>
    public static SheetColumn? ColumnOf(SheetError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Header is null ? null : QuestionSheet.Columns.FirstOrDefault(c => c.Name == error.Header);
    }
}
