namespace Quiz.Units;

/// <summary>Longest values of a unit: the column sizes of <see cref="Data.QuizDbContext"/>, checked before a row reaches it.</summary>
internal static class UnitLimits
{
    public const int Code = 40;

    public const int Name = 300;

    public const int ParentCode = 40;

    public const int Block = 100;
}
