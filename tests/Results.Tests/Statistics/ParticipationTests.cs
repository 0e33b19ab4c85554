using Platform.Core.Contests;
using Results.Statistics;
using static Results.Tests.Statistics.StatisticsData;

namespace Results.Tests.Statistics;

public sealed class ParticipationTests
{
    [Theory]
    [InlineData("2023-09-09T16:59:59Z", "2023-09-09")] // 23:59:59 local: still the 9th
    [InlineData("2023-09-09T17:00:00Z", "2023-09-10")] // 00:00 local: the 10th, though still the 9th in UTC
    [InlineData("2023-09-10T00:00:00Z", "2023-09-10")] // 07:00 local
    [InlineData("2023-09-30T16:59:59.999Z", "2023-09-30")] // the last instant of the contest window (24:00 30/9)
    [InlineData("2023-09-30T17:00:00Z", "2023-10-01")] // the first instant after it
    public void PerDay_WhenSubmittedAroundLocalMidnight_CountsTheTenantsDay(string submittedAtUtc, string expectedDay)
    {
        var days = Participation.PerDay([Entry(1, submittedAtUtc)], Vietnam);

        var day = Assert.Single(days);
        Assert.Equal(DateOnly.Parse(expectedDay, System.Globalization.CultureInfo.InvariantCulture), day.Day);
        Assert.Equal((1, 1, 1, 1), (day.Participants, day.Entries, day.CumulativeParticipants, day.CumulativeEntries));
    }

    [Fact]
    public void PerDay_WhenDaysHaveGapsAndRepeatEntries_CountsPeopleOncePerDayAndOnceCumulatively()
    {
        EntryRecord[] entries =
        [
            Entry(1, "2023-09-09T17:30:00Z"), // 10/9 00:30 local
            Entry(1, "2023-09-10T10:00:00Z"), // 10/9 17:00 local: same person, same day
            Entry(2, "2023-09-09T16:00:00Z"), // 9/9 23:00 local
            Entry(1, "2023-09-11T18:00:00Z"), // 12/9 01:00 local; 11/9 has nothing
            Entry(3, "2023-09-12T01:00:00Z"), // 12/9 08:00 local
        ];

        var days = Participation.PerDay(entries, Vietnam);

        Assert.Equal(
            ["09/09 1 1 1 1", "10/09 1 2 2 3", "11/09 0 0 2 3", "12/09 2 2 3 5"],
            days.Select(d => $"{StatisticsFormat.ShortDay(d.Day)} {d.Participants} {d.Entries} {d.CumulativeParticipants} {d.CumulativeEntries}"));
    }

    [Fact]
    public void PerDay_WhenNoEntries_IsEmpty() => Assert.Empty(Participation.PerDay([], Vietnam));

    [Fact]
    public void PerGroup_CountsDistinctContestantsAndEntries_ContestGroupsFirstThenOthers()
    {
        ContestGroup[] groups = [new() { Code = "N1", Name = "Nhóm 1" }, new() { Code = "N2", Name = "Nhóm 2" }, new() { Code = "N3", Name = "" }];
        EntryRecord[] entries = [Entry(1, group: "N2"), Entry(1, group: "N2"), Entry(2, group: "N2"), Entry(3, group: "N1"), Entry(4, group: "OLD")];

        var rows = Participation.PerGroup(entries, groups);

        Assert.Equal(
            ["N1 Nhóm 1 1 1", "N2 Nhóm 2 2 3", "N3 N3 0 0", "OLD OLD 1 1"],
            rows.Select(r => $"{r.Code} {r.Name} {r.Participants} {r.Entries}"));
    }

    [Fact]
    public void Summarize_CountsPeopleEntriesAverageAndPerfectPapers()
    {
        EntryRecord[] entries = [Entry(1, score: 20), Entry(1, score: 10), Entry(2, score: 15) with { CorrectCount = 15 }];

        var summary = Participation.Summarize(entries);

        Assert.Equal((2, 3, 15.0, 1), (summary.Participants, summary.Entries, summary.AverageScore, summary.AllCorrect));
        Assert.Null(Participation.Summarize([]).AverageScore);
    }
}
