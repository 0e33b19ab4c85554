using Quiz.Questions;

namespace Quiz.Pages.Admin.Questions;

/// <summary>How the admin pages name states and difficulties (the Vietnamese words the import also accepts).</summary>
internal static class QuestionLabels
{
    public static IReadOnlyList<(QuestionState State, string Label)> States { get; } =
    [
        (QuestionState.Draft, "Nháp"),
        (QuestionState.Active, "Đang dùng"),
        (QuestionState.Retired, "Ngưng dùng"),
    ];

    public static IReadOnlyList<(int Difficulty, string Label)> Difficulties { get; } =
    [
        (1, "1 · Dễ"),
        (2, "2 · Trung bình"),
        (3, "3 · Khó"),
    ];

    public static string State(QuestionState state) => States.FirstOrDefault(s => s.State == state).Label ?? state.ToString();

    public static string Difficulty(int difficulty) => Difficulties.FirstOrDefault(d => d.Difficulty == difficulty).Label ?? difficulty.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The letter of option <paramref name="index"/>: A, B, ...</summary>
    public static string Letter(int index) => ((char)('A' + index)).ToString();
}
