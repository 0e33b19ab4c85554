using Platform.Core.Contests;
using Quiz.Contests;

namespace Quiz.Tests.Contests;

public sealed class ContestRulesTests
{
    private static readonly DateTime Opens = new(2023, 9, 9, 17, 0, 0, DateTimeKind.Utc); // 00:00 10/9/2023 +07:00
    private static readonly DateTime Closes = new(2023, 9, 30, 17, 0, 0, DateTimeKind.Utc); // 24:00 30/9/2023 +07:00

    [Fact]
    public void Validate_WhenLikeTheBacKanContest_HasNoErrors()
    {
        Assert.Empty(ContestRules.Validate(Contest()));
    }

    [Theory]
    // Closes before it opens.
    [InlineData("closesAt")]
    // No groups.
    [InlineData("groups")]
    // Quotas asking more than an attempt holds.
    [InlineData("quotas")]
    // A round outside the contest window.
    [InlineData("rounds")]
    // Too short a time limit.
    [InlineData("timeLimitSeconds")]
    // Attempts per round without rounds.
    [InlineData("attemptsPer")]
    // A prize for a group the contest does not have.
    [InlineData("prizes")]
    public void Validate_WhenAFieldIsWrong_NamesIt(string field)
    {
        var contest = Contest();
        switch (field)
        {
            case "closesAt": contest.ClosesAt = contest.OpensAt; break;
            case "groups": contest.Groups = []; contest.Prizes = []; break;
            case "quotas": contest.Quotas = [new DrawQuota { Topic = "A", Count = 21 }]; break;
            case "rounds": contest.Rounds = [new ContestRound { Number = 1, Name = "Vòng 1", OpensAt = Opens.AddDays(-1), ClosesAt = Opens.AddDays(5) }]; break;
            case "timeLimitSeconds": contest.TimeLimitSeconds = 10; break;
            case "attemptsPer": contest.AttemptsPer = AttemptsPer.Round; break;
            case "prizes": contest.Prizes = [new PrizeQuota { Group = "N9", Class = "Nhất", Count = 1, Value = 1 }]; break;
        }

        Assert.Contains(field, ContestRules.Validate(contest).Keys);
    }

    [Theory]
    // One second before the opening (23:59:59 on 9/9 in Việt Nam).
    [InlineData(-1, null)]
    // The opening instant.
    [InlineData(0, 0)]
    // The last second.
    [InlineData(21 * 86400 - 1, 0)]
    // The closing instant: closed.
    [InlineData(21 * 86400, null)]
    public void OpenRound_AtTheEdgesOfTheWindow(int secondsAfterOpening, int? expected)
    {
        Assert.Equal(expected, ContestRules.OpenRound(Contest(), Opens.AddSeconds(secondsAfterOpening)));
    }

    [Fact]
    public void OpenRound_WithWeeklyRounds_FindsTheRoundOrNoneBetweenThem()
    {
        var contest = Contest();
        contest.Rounds =
        [
            new ContestRound { Number = 1, Name = "Tuần 1", OpensAt = Opens, ClosesAt = Opens.AddDays(6) },
            new ContestRound { Number = 2, Name = "Tuần 2", OpensAt = Opens.AddDays(7), ClosesAt = Opens.AddDays(13) },
        ];

        Assert.Equal(1, ContestRules.OpenRound(contest, Opens.AddDays(1)));
        Assert.Null(ContestRules.OpenRound(contest, Opens.AddDays(6).AddHours(1)));
        Assert.Equal(2, ContestRules.OpenRound(contest, Opens.AddDays(8)));
        Assert.Equal(Opens.AddDays(13), ContestRules.ClosesAt(contest, 2));
    }

    private static Contest Contest() => new()
    {
        Slug = "chuyen-doi-so-2023",
        Title = "Tìm hiểu về chuyển đổi số tỉnh Bắc Kạn năm 2023",
        OpensAt = Opens,
        ClosesAt = Closes,
        Groups = [new() { Code = "N1", Name = "Nhóm 1" }, new() { Code = "N2", Name = "Nhóm 2" }],
        QuestionsPerAttempt = 20,
        TimeLimitSeconds = 1200,
        AttemptsAllowed = 3,
        MinimumAge = 15,
        Prizes = [new() { Group = "N1", Class = "Nhất", Count = 1, Value = 2_000_000 }],
    };
}
