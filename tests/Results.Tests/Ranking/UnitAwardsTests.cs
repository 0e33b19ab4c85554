using Platform.Core.Contests;
using Results.Ranking;

namespace Results.Tests.Ranking;

public sealed class UnitAwardsTests
{
    private static readonly UnitRecord[] Units =
    [
        new("D1", "Huyện Một", null, "Huyện", 100, 1),
        new("C11", "Xã Một Một", "D1", "Xã", 50, 1),
        new("D2", "Huyện Hai", null, "Huyện", null, 2),
        new("S1", "Sở Một", null, "Sở", 0, 3),
    ];

    private static EntryRecord Entry(long contestant, int score, int n) =>
        new(new Guid(n, 0, 0, new byte[8]), contestant, "N1", 0, score, score, 20, 1000, null, DateTime.UnixEpoch);

    private static (List<EntryRecord> Attempts, IReadOnlyList<RankedRow> Ranking, Dictionary<long, string> Units) Data()
    {
        var attempts = new List<EntryRecord> { Entry(1, 20, 1), Entry(1, 10, 2), Entry(2, 10, 3), Entry(3, 16, 4), Entry(4, 12, 5) };
        var policy = new RankingPolicy("c", 0, CountedAttempt.Best, TieBreak.Default, null, ["N1"], [], [], []);
        var ranking = RankingEngine.Rank(attempts, policy);
        return (attempts, ranking, new Dictionary<long, string> { [1] = "D1", [2] = "C11", [3] = "D2", [4] = "S1" });
    }

    [Fact]
    public void Participants_RollUpCommunesIntoTheirDistrict()
    {
        var (attempts, ranking, units) = Data();
        var standings = UnitAwards.Compute(Units, units, attempts, ranking, new UnitPrizeRule { Count = 1, Metric = "participants" });

        var d1 = standings.Single(s => s.UnitCode == "D1");
        Assert.Equal((2, 3, 150), (d1.Participants, d1.Entries, d1.Headcount!.Value));
        Assert.Equal(15, d1.AverageScore);
        Assert.Equal(1, d1.Rank);
        Assert.Equal(UnitAwards.PrizeName, d1.Prize);
        Assert.DoesNotContain(standings, s => s.UnitCode == "C11");
        Assert.Single(standings, s => s.Prize is not null);
    }

    [Fact]
    public void ParticipationRate_WithZeroOrUnknownHeadcount_IsUnrankedNotAnError()
    {
        var (attempts, ranking, units) = Data();
        var standings = UnitAwards.Compute(Units, units, attempts, ranking, new UnitPrizeRule { Count = 3, Metric = "participationRate" });

        Assert.Equal(2 / 150.0, standings.Single(s => s.UnitCode == "D1").MetricValue!.Value, 6);
        foreach (var code in new[] { "D2", "S1" })
        {
            var s = standings.Single(x => x.UnitCode == code);
            Assert.Null(s.MetricValue);
            Assert.Equal(0, s.Rank);
            Assert.Null(s.Prize);
        }
    }

    [Fact]
    public void PerBlock_RanksAndAwardsWithinEachBlock()
    {
        var (attempts, ranking, units) = Data();
        var standings = UnitAwards.Compute(Units, units, attempts, ranking, new UnitPrizeRule { Count = 1, Metric = "averageScore", PerBlock = true });

        Assert.Equal(["D2", "S1"], standings.Where(s => s.Prize is not null).Select(s => s.UnitCode).Order());
        Assert.Equal("D2", standings.Single(s => s.Block == "Huyện" && s.Rank == 1).UnitCode);
    }

    [Fact]
    public void UnitsWithoutParticipants_NeverWin()
    {
        var standings = UnitAwards.Compute(Units, new Dictionary<long, string>(), [], [], new UnitPrizeRule { Count = 2, Metric = "entries" });
        Assert.All(standings, s => Assert.Null(s.Prize));
    }

    [Fact]
    public void UnknownMetric_IsRejected() =>
        Assert.Throws<ArgumentException>(() => UnitAwards.Compute(Units, new Dictionary<long, string>(), [], [], new UnitPrizeRule { Metric = "luck" }));
}
