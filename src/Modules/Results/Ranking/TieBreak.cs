namespace Results.Ranking;

/// <summary>The keys a ranking can be ordered by; the attempt id always breaks what remains.</summary>
public static class TieBreak
{
    /// <summary>Higher score first.</summary>
    public const string Score = "score";

    /// <summary>More right answers first.</summary>
    public const string Correct = "correct";

    /// <summary>Prediction closer to the actual value first; none last.</summary>
    public const string Prediction = "prediction";

    /// <summary>Shorter time taken first.</summary>
    public const string Duration = "duration";

    /// <summary>Earlier submission first.</summary>
    public const string Submitted = "submitted";

    /// <summary>Every key.</summary>
    public static readonly IReadOnlyList<string> All = [Score, Correct, Prediction, Duration, Submitted];

    /// <summary>Score ↓, prediction distance ↑, time taken ↑, submission time ↑.</summary>
    public static readonly IReadOnlyList<string> Default = [Score, Prediction, Duration, Submitted];

    /// <summary>Vietnamese labels for the admin pages.</summary>
    public static string Label(string key) => key switch
    {
        Score => "Điểm (cao trước)",
        Correct => "Số câu đúng (nhiều trước)",
        Prediction => "Độ lệch dự đoán (nhỏ trước)",
        Duration => "Thời gian làm bài (ngắn trước)",
        Submitted => "Thời điểm nộp (sớm trước)",
        _ => key,
    };

    /// <summary>Why a chain is not valid, or null when it is.</summary>
    public static string? Problem(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return "The tie-break chain is empty.";
        }

        var unknown = keys.FirstOrDefault(k => !All.Contains(k));
        if (unknown is not null)
        {
            return $"Unknown tie-break '{unknown}'; use {string.Join(", ", All)}.";
        }

        var twice = keys.GroupBy(k => k).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? null : $"Tie-break '{twice.Key}' is listed twice.";
    }
}
