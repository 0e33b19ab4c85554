using Quiz.Questions.Sheets;

namespace Quiz.Questions;

/// <summary>Limits of question and unit imports, bound from the <c>QuestionBankOptions</c> configuration section.</summary>
internal sealed class QuestionBankOptions
{
    /// <summary>Largest file accepted, in bytes (10 MB).</summary>
    public long MaxFileBytes { get; set; } = SheetLimits.DefaultMaxBytes;

    /// <summary>Most question rows in one file.</summary>
    public int MaxQuestionRows { get; set; } = SheetLimits.DefaultMaxRows;

    /// <summary>Most unit rows in one file.</summary>
    public int MaxUnitRows { get; set; } = SheetLimits.DefaultMaxRows;

    public SheetLimits QuestionLimits => new(MaxFileBytes, MaxQuestionRows);

    public SheetLimits UnitLimits => new(MaxFileBytes, MaxUnitRows);
}
