namespace Quiz.Contests;

/// <summary>The rules a contest configuration must follow; errors are keyed by field.</summary>
public static class ContestRules
{
    /// <summary>Checks a contest; returns errors by field (camelCase, as in the recipe and the API).</summary>
    public static IReadOnlyDictionary<string, string> Validate(Contest contest)
    {
        ArgumentNullException.ThrowIfNull(contest);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(contest.Slug) || !contest.Slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors["slug"] = "Đường dẫn chỉ gồm a-z, 0-9 và '-'.";
        }

        if (string.IsNullOrWhiteSpace(contest.Title))
        {
            errors["title"] = "Nhập tên cuộc thi.";
        }

        if (contest.ClosesAt <= contest.OpensAt)
        {
            errors["closesAt"] = "Thời điểm đóng phải sau thời điểm mở.";
        }

        Check(errors, "questionsPerAttempt", contest.QuestionsPerAttempt, 1, 200);
        Check(errors, "timeLimitSeconds", contest.TimeLimitSeconds, 60, 4 * 3600);
        Check(errors, "graceSeconds", contest.GraceSeconds, 0, 600);
        Check(errors, "attemptsAllowed", contest.AttemptsAllowed, 1, 1000);
        Check(errors, "minimumAge", contest.MinimumAge, 0, 120);
        Check(errors, "pointsPerAnswer", contest.PointsPerAnswer, 1, 1000);
        if (contest.Groups.Count == 0)
        {
            errors["groups"] = "Cần ít nhất một nhóm đối tượng.";
        }
        else if (contest.Groups.Any(g => string.IsNullOrWhiteSpace(g.Code) || string.IsNullOrWhiteSpace(g.Name)))
        {
            errors["groups"] = "Mỗi nhóm cần mã và tên.";
        }
        else if (contest.Groups.Select(g => g.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count() != contest.Groups.Count)
        {
            errors["groups"] = "Mã nhóm bị trùng.";
        }

        if (contest.Quotas.Any(q => q.Count < 1 || q.Difficulty is < 1 or > 3 || (q.Topic is null && q.Difficulty is null)))
        {
            errors["quotas"] = "Mỗi hạn mức cần chủ đề và/hoặc mức độ (1–3) và số câu ≥ 1.";
        }
        else if (contest.Quotas.Sum(q => q.Count) > contest.QuestionsPerAttempt)
        {
            errors["quotas"] = "Tổng số câu theo hạn mức vượt số câu mỗi lượt thi.";
        }

        var rounds = contest.Rounds.OrderBy(r => r.OpensAt).ToList();
        if (rounds.Any(r => r.ClosesAt <= r.OpensAt || r.OpensAt < contest.OpensAt || r.ClosesAt > contest.ClosesAt))
        {
            errors["rounds"] = "Mỗi vòng phải mở trước khi đóng và nằm trong thời gian của cuộc thi.";
        }
        else if (rounds.Zip(rounds.Skip(1)).Any(p => p.Second.OpensAt < p.First.ClosesAt))
        {
            errors["rounds"] = "Các vòng không được chồng lên nhau.";
        }
        else if (rounds.Select(r => r.Number).Distinct().Count() != rounds.Count)
        {
            errors["rounds"] = "Số thứ tự vòng bị trùng.";
        }

        if (contest.AttemptsPer == AttemptsPer.Round && rounds.Count == 0)
        {
            errors["attemptsPer"] = "Giới hạn theo vòng cần khai báo các vòng.";
        }

        var groupCodes = contest.Groups.Select(g => g.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (contest.Prizes.Any(p => !groupCodes.Contains(p.Group) || p.Count < 0 || p.Value < 0 || string.IsNullOrWhiteSpace(p.Class)))
        {
            errors["prizes"] = "Mỗi giải cần nhóm có trong cuộc thi, hạng giải, số lượng và giá trị không âm.";
        }

        return errors;
    }

    /// <summary>The round open at <paramref name="utcNow"/>, the whole contest (round 0) when it has no rounds, or null when closed.</summary>
    public static int? OpenRound(Contest contest, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(contest);
        if (utcNow < contest.OpensAt || utcNow >= contest.ClosesAt)
        {
            return null;
        }

        if (contest.Rounds.Count == 0)
        {
            return 0;
        }

        return contest.Rounds.FirstOrDefault(r => utcNow >= r.OpensAt && utcNow < r.ClosesAt)?.Number;
    }

    /// <summary>The closing time of a round (or of the contest for round 0).</summary>
    public static DateTime ClosesAt(Contest contest, int round)
    {
        ArgumentNullException.ThrowIfNull(contest);
        return round == 0 ? contest.ClosesAt : contest.Rounds.Single(r => r.Number == round).ClosesAt;
    }

    private static void Check(Dictionary<string, string> errors, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors[field] = $"Giá trị phải từ {min} đến {max}.";
        }
    }
}
