using Platform.Core.Contests;
using Results.Statistics;
using static Results.Tests.Statistics.StatisticsData;

namespace Results.Tests.Statistics;

public sealed class ParticipationBulletinTests
{
    private static readonly DateOnly Day = new(2023, 9, 12);

    private static readonly UnitTree Tree = new(
    [
        Unit("TP", order: 1, name: "Thành phố Bắc Kạn"),
        Unit("TP-DX", "TP", headcount: 10, order: 1, name: "Phường Đức Xuân"),
        Unit("TP-SC", "TP", order: 2, name: "Phường Sông Cầu"),
        Unit("BB", order: 2, headcount: 4, name: "Huyện Ba Bể"),
        Unit("BB-CR", "BB", order: 1, name: "Thị trấn Chợ Rã"),
        Unit("NR", order: 3, name: "Huyện Na Rì"),
    ]);

    private static readonly Dictionary<long, string> ContestantUnits = new()
    {
        [1] = "TP-DX", [2] = "TP-DX", [3] = "TP-SC", [4] = "BB-CR", [5] = "BB", [6] = "NR",
    };

    private static readonly EntryRecord[] Entries =
    [
        Entry(1, "2023-09-10T02:00:00Z"), // before the day
        Entry(1, "2023-09-11T17:00:00Z"), // 12/9 00:00 local: on the day (the same person again)
        Entry(2, "2023-09-12T16:59:59Z"), // 12/9 23:59:59 local: on the day
        Entry(3, "2023-09-11T16:59:59Z"), // 11/9 23:59:59 local: before the day
        Entry(4, "2023-09-12T05:00:00Z"), // on the day
        Entry(5, "2023-09-12T06:00:00Z"), // on the day
        Entry(6, "2023-09-12T17:00:00Z"), // 13/9 00:00 local: after the day, ignored
    ];

    [Fact]
    public void Compute_CountsTheDayAndUpToItAndIgnoresLaterEntries()
    {
        var bulletin = ParticipationBulletin.Compute(Tree, ContestantUnits, Entries, Vietnam, Day);

        Assert.Equal(new BulletinTotals(DayParticipants: 4, DayEntries: 4, Participants: 5, Entries: 6), bulletin.Totals);
        Assert.Equal(new BulletinTotals(0, 0, 0, 0), bulletin.Unassigned);
    }

    [Fact]
    public void Compute_RanksTopLevelUnitsByCumulativeParticipants_TiesShareARank()
    {
        var bulletin = ParticipationBulletin.Compute(Tree, ContestantUnits, Entries, Vietnam, Day);

        Assert.Equal(
            ["1 TP 2/2 3/4 10 30,0%", "2 BB 2/2 2/2 4 50,0%", "3 NR 0/0 0/0 — —"],
            bulletin.TopLevel.Select(Describe));
        Assert.Equal(
            ["1 TP-DX Thành phố Bắc Kạn 2/2 2/3 10 20,0%", "2 TP-SC Thành phố Bắc Kạn 0/0 1/1 — —", "2 BB-CR Huyện Ba Bể 1/1 1/1 — —"],
            bulletin.Lower.Select(r => $"{r.Rank} {r.Code} {r.TopName} {r.Counts.DayParticipants}/{r.Counts.DayEntries} {r.Counts.Participants}/{r.Counts.Entries} {(r.Headcount is { } h ? StatisticsFormat.Number(h) : "—")} {StatisticsFormat.Percent(r.Rate)}"));
    }

    [Fact]
    public void Compute_BeforeTheFirstEntry_IsAllZeros()
    {
        var bulletin = ParticipationBulletin.Compute(Tree, ContestantUnits, Entries, Vietnam, new DateOnly(2023, 9, 1));

        Assert.Equal(new BulletinTotals(0, 0, 0, 0), bulletin.Totals);
        Assert.All(bulletin.TopLevel, r => Assert.Equal(1, r.Rank));
    }

    private static string Describe(BulletinRow r) =>
        $"{r.Rank} {r.Code} {r.Counts.DayParticipants}/{r.Counts.DayEntries} {r.Counts.Participants}/{r.Counts.Entries} {(r.Headcount is { } h ? StatisticsFormat.Number(h) : "—")} {StatisticsFormat.Percent(r.Rate)}";
}
