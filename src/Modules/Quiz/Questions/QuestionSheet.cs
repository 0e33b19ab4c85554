using System.Globalization;
using Quiz.Questions.Sheets;

namespace Quiz.Questions;

/// <summary>What reading a questions sheet gave: the valid rows and every problem found.</summary>
internal sealed record QuestionSheetResult(IReadOnlyList<QuestionRow> Rows, IReadOnlyList<SheetError> Errors);

/// <summary>
/// The questions format of CONTRACT.md: Code [Mã], Topic [Chủ đề], Difficulty [Mức độ], Question [Câu hỏi],
/// A–F [Đáp án A–F], Correct [Đáp án đúng], Source [Nguồn], Explanation [Giải thích], and an optional
/// State [Trạng thái].
/// </summary>
internal static class QuestionSheet
{
    public const string SheetName = "Questions";

    public static readonly SheetColumn Code = new("Code", "Mã", required: true, QuestionLimits.Code, "Mã câu hỏi");
    public static readonly SheetColumn Topic = new("Topic", "Chủ đề", required: false, QuestionLimits.Topic);
    public static readonly SheetColumn Difficulty = new("Difficulty", "Mức độ", required: false, null, "Độ khó");
    public static readonly SheetColumn Text = new("Question", "Câu hỏi", required: true, QuestionLimits.Text, "Nội dung câu hỏi");
    public static readonly IReadOnlyList<SheetColumn> Options = [.. "ABCDEF".Select(letter =>
        new SheetColumn(letter.ToString(), $"Đáp án {letter}", required: letter is 'A' or 'B', QuestionLimits.Option, $"Phương án {letter}", $"Option {letter}"))];
    public static readonly SheetColumn Correct = new("Correct", "Đáp án đúng", required: true, null, "Correct answer");
    public static readonly SheetColumn Source = new("Source", "Nguồn", required: false, QuestionLimits.Source);
    public static readonly SheetColumn Explanation = new("Explanation", "Giải thích", required: false, QuestionLimits.Explanation);
    public static readonly SheetColumn State = new("State", "Trạng thái", required: false);

    public static readonly IReadOnlyList<SheetColumn> Columns = [Code, Topic, Difficulty, Text, .. Options, Correct, Source, Explanation, State];

    /// <summary>Reads and checks a file; never throws on bad content.</summary>
    public static async Task<QuestionSheetResult> ReadAsync(Stream stream, string fileName, SheetLimits limits, CancellationToken cancellationToken = default)
    {
        var (table, error) = await SheetFile.LoadAsync(stream, fileName, limits, cancellationToken);
        return table is null ? new QuestionSheetResult([], [error!]) : Parse(table);
    }

    /// <summary>Checks every row; a row with any error is left out of the result's rows.</summary>
    public static QuestionSheetResult Parse(SheetTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var errors = new List<SheetError>();
        var layout = SheetLayout.Map(table.Header, Columns, errors);
        if (errors.Count > 0)
        {
            return new QuestionSheetResult([], errors);
        }

        var rows = new List<QuestionRow>();
        var firstRowOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var before = errors.Count;
            var parsed = ParseRow(layout, row, firstRowOfCode, errors);
            if (errors.Count == before)
            {
                rows.Add(parsed!);
            }
        }

        return new QuestionSheetResult(rows, errors);
    }

    /// <summary>Writes questions in the import format (English headers, Correct as a letter, State in English).</summary>
    public static void Write(Stream stream, string fileName, IEnumerable<QuestionRow> questions) =>
        SheetFile.Write(stream, fileName, SheetName, [.. Columns.Select(c => c.Name)], questions.Select(ToCells));

    /// <summary>A template to fill in: Vietnamese headers and one example row.</summary>
    public static void WriteTemplate(Stream stream, string fileName) =>
        SheetFile.Write(stream, fileName, SheetName, [.. Columns.Select(c => c.VietnameseName)], [ToCells(Example)]);

    /// <summary>The template's example row.</summary>
    public static QuestionRow Example { get; } = new(
        0,
        "CDS-001",
        "Chuyển đổi số quốc gia",
        1,
        "Ngày nào hằng năm được chọn là Ngày Chuyển đổi số quốc gia?",
        ["Ngày 2 tháng 9", "Ngày 10 tháng 10", "Ngày 22 tháng 4", "Ngày 1 tháng 6"],
        1,
        "Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ",
        "Quyết định 505/QĐ-TTg lấy ngày 10 tháng 10 hằng năm là Ngày Chuyển đổi số quốc gia.",
        QuestionState.Active);

    private static object?[] ToCells(QuestionRow q) =>
    [
        q.Code, q.Topic, q.Difficulty, q.Text,
        .. Enumerable.Range(0, QuestionLimits.MaxOptions).Select(i => i < q.Options.Count ? q.Options[i] : null),
        q.CorrectLetter, q.Source, q.Explanation, q.State.ToString(),
    ];

    private static QuestionRow? ParseRow(SheetLayout layout, SheetRow row, Dictionary<string, int> firstRowOfCode, List<SheetError> errors)
    {
        var before = errors.Count;
        layout.CheckLengths(row, Columns, errors);

        var code = layout.Value(row, Code);
        if (code is null)
        {
            errors.Add(layout.Error(row, Code, "Thiếu mã câu hỏi."));
        }
        else if (!firstRowOfCode.TryAdd(code, row.Number))
        {
            errors.Add(layout.Error(row, Code, $"Mã '{code}' bị trùng với dòng {firstRowOfCode[code]}."));
        }

        var text = layout.Value(row, Text);
        if (text is null)
        {
            errors.Add(layout.Error(row, Text, "Thiếu nội dung câu hỏi."));
        }

        var difficulty = 1;
        if (layout.Value(row, Difficulty) is { } difficultyText && !TryParseDifficulty(difficultyText, out difficulty))
        {
            errors.Add(layout.Error(row, Difficulty, $"Mức độ '{difficultyText}' không hợp lệ: phải là 1, 2 hoặc 3 (hoặc Dễ, Trung bình, Khó)."));
        }

        var options = ParseOptions(layout, row, errors);
        var correct = ParseCorrect(layout, row, options, errors);

        var state = QuestionState.Active;
        if (layout.Value(row, State) is { } stateText && !TryParseState(stateText, out state))
        {
            errors.Add(layout.Error(row, State, $"Trạng thái '{stateText}' không hợp lệ: phải là Draft, Active hoặc Retired (Nháp, Đang dùng hoặc Ngưng)."));
        }

        return errors.Count > before
            ? null
            : new QuestionRow(
                row.Number,
                code!,
                layout.Value(row, Topic) ?? string.Empty,
                difficulty,
                text!,
                options,
                correct,
                layout.Value(row, Source) ?? string.Empty,
                layout.Value(row, Explanation),
                state);
    }

    private static List<string> ParseOptions(SheetLayout layout, SheetRow row, List<SheetError> errors)
    {
        var values = Options.Select(c => layout.Value(row, c)).ToList();
        var last = values.FindLastIndex(v => v is not null);
        for (var i = 0; i < last; i++)
        {
            if (values[i] is null)
            {
                var next = values.FindIndex(i, v => v is not null);
                errors.Add(layout.Error(row, Options[i], $"Đáp án {Options[i].Name} để trống nhưng đáp án {Options[next].Name} có nội dung; các đáp án phải liền nhau từ A."));
            }
        }

        if (last + 1 < QuestionLimits.MinOptions)
        {
            var empty = Options[last + 1];
            errors.Add(layout.Error(row, empty, $"Cần ít nhất {QuestionLimits.MinOptions} đáp án (A và B); đáp án {empty.Name} để trống."));
        }

        for (var i = 1; i <= last; i++)
        {
            var same = values[i] is null ? -1 : values.FindIndex(0, i, v => string.Equals(v, values[i], StringComparison.OrdinalIgnoreCase));
            if (same >= 0)
            {
                errors.Add(layout.Error(row, Options[i], $"Đáp án {Options[i].Name} trùng với đáp án {Options[same].Name}."));
            }
        }

        return [.. values.Take(last + 1).Select(v => v ?? string.Empty)];
    }

    private static int ParseCorrect(SheetLayout layout, SheetRow row, List<string> options, List<SheetError> errors)
    {
        var text = layout.Value(row, Correct);
        if (text is null)
        {
            errors.Add(layout.Error(row, Correct, "Thiếu đáp án đúng."));
            return -1;
        }

        var letters = SheetColumn.NormalizeHeader(text);
        foreach (var prefix in (string[])["dapan", "phuongan", "option"])
        {
            if (letters.Length > prefix.Length && letters.StartsWith(prefix, StringComparison.Ordinal))
            {
                letters = letters[prefix.Length..];
            }
        }

        if (letters.Length > 1 && letters.All(c => c is >= 'a' and <= 'f'))
        {
            errors.Add(layout.Error(row, Correct, $"Chỉ được ghi một đáp án đúng (một chữ cái, ví dụ B); ô này ghi '{text}'."));
            return -1;
        }

        if (letters is not [>= 'a' and <= 'f'])
        {
            errors.Add(layout.Error(row, Correct, $"Đáp án đúng '{text}' không hợp lệ: phải là một chữ cái từ A đến F."));
            return -1;
        }

        var index = letters[0] - 'a';
        if (index >= options.Count || options[index].Length == 0)
        {
            errors.Add(layout.Error(row, Correct, $"Đáp án đúng là {char.ToUpperInvariant(letters[0])} nhưng đáp án {char.ToUpperInvariant(letters[0])} để trống."));
            return -1;
        }

        return index;
    }

    private static bool TryParseDifficulty(string text, out int difficulty)
    {
        difficulty = SheetColumn.NormalizeHeader(text) switch
        {
            "de" or "easy" => 1,
            "trungbinh" or "tb" or "medium" => 2,
            "kho" or "hard" => 3,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number is 1 or 2 or 3 ? (int)number : 0,
        };
        return difficulty is >= 1 and <= 3;
    }

    private static bool TryParseState(string text, out QuestionState state)
    {
        QuestionState? parsed = SheetColumn.NormalizeHeader(text) switch
        {
            "draft" or "nhap" or "bannhap" => QuestionState.Draft,
            "active" or "dangdung" or "sudung" => QuestionState.Active,
            "retired" or "ngung" or "ngungdung" => QuestionState.Retired,
            _ => null,
        };
        state = parsed ?? QuestionState.Active;
        return parsed is not null;
    }
}
