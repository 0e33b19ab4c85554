namespace Quiz.Questions;

/// <summary>Longest values of the question bank: the column sizes of <see cref="Data.QuizDbContext"/>, checked before a row reaches it.</summary>
internal static class QuestionLimits
{
    public const int Code = 40;

    public const int Topic = 200;

    public const int Text = 2000;

    /// <summary>Each option; options are stored together as JSON, so this bound is the import's, not a column's.</summary>
    public const int Option = 500;

    public const int Source = 1000;

    public const int Explanation = 2000;

    public const int MinOptions = 2;

    public const int MaxOptions = 6;
}
