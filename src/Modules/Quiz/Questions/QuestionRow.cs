namespace Quiz.Questions;

/// <summary>One question as a sheet holds it: the question's fields and its current version's.</summary>
/// <param name="RowNumber">Excel row number in the file read, or 0 when the row comes from the bank.</param>
/// <param name="Code">Unique code.</param>
/// <param name="Topic">Topic, empty when none.</param>
/// <param name="Difficulty">1 to 3.</param>
/// <param name="Text">Question text.</param>
/// <param name="Options">2 to 6 options, A first.</param>
/// <param name="CorrectIndex">Index of the correct option.</param>
/// <param name="Source">Source reference, empty when none.</param>
/// <param name="Explanation">Explanation, or null.</param>
/// <param name="State">Lifecycle state.</param>
internal sealed record QuestionRow(
    int RowNumber,
    string Code,
    string Topic,
    int Difficulty,
    string Text,
    IReadOnlyList<string> Options,
    int CorrectIndex,
    string Source,
    string? Explanation,
    QuestionState State)
{
    /// <summary>The correct option's letter.</summary>
    public string CorrectLetter => ((char)('A' + CorrectIndex)).ToString();

    /// <summary>Whether the version-held fields (text, options, key, source, explanation) equal <paramref name="version"/>'s.</summary>
    public bool SameContentAs(QuestionVersion version) =>
        Text == version.Text
        && Options.SequenceEqual(version.Options, StringComparer.Ordinal)
        && CorrectIndex == version.CorrectIndex
        && Source == version.Source
        && (Explanation ?? string.Empty) == (version.Explanation ?? string.Empty);

    /// <summary>Whether the question-held fields (topic, difficulty, state) equal <paramref name="question"/>'s.</summary>
    public bool SameHeadingAs(Question question) =>
        Topic == question.Topic && Difficulty == question.Difficulty && State == question.State;

    public static QuestionRow From(Question question, QuestionVersion version) => new(
        0, question.Code, question.Topic, question.Difficulty, version.Text, version.Options, version.CorrectIndex, version.Source, version.Explanation, question.State);
}
