using Platform.Core.Contests;
using Results.Statistics;
using static Results.Tests.Statistics.StatisticsData;

namespace Results.Tests.Statistics;

public sealed class UnitParticipationTests
{
    // D1 (no headcount) ⊃ C1 (100), C2 (unknown); D2 (0); D3 (50) ⊃ C3 (30); S1 (unknown), no children.
    private static readonly UnitRecord[] Units =
    [
        Unit("S1", order: 9),
        Unit("C2", "D1", order: 2),
        Unit("D1", order: 1),
        Unit("C1", "D1", headcount: 100, order: 1),
        Unit("D2", headcount: 0, order: 2),
        Unit("D3", headcount: 50, order: 3),
        Unit("C3", "D3", headcount: 30, order: 1),
    ];

    private static readonly Dictionary<long, string> ContestantUnits = new()
    {
        [1] = "C1",
        [2] = "C1",
        [3] = "C2",
        [4] = "D1",
        [5] = "D2",
        [6] = "GONE", // a unit removed from the tree
    };

    // Contestant 1 entered twice; contestant 7 has no contestant record.
    private static readonly EntryRecord[] Entries = [Entry(1), Entry(1), Entry(2), Entry(3), Entry(4), Entry(5), Entry(6), Entry(7)];

    [Theory]
    [InlineData("D1", 4, 5, 100, 0.04)] // itself + its communes; headcount only from C1, C2's unknown ignored
    [InlineData("C1", 2, 3, 100, 0.02)] // a commune alone
    [InlineData("C2", 1, 1, null, null)] // unknown headcount: no rate
    [InlineData("D2", 1, 1, 0, null)] // zero headcount: no rate, no division by zero
    [InlineData("D3", 0, 0, 80, 0.0)] // known headcounts summed over the subtree; nobody took part
    [InlineData("C3", 0, 0, 30, 0.0)]
    [InlineData("S1", 0, 0, null, null)] // nothing known
    public void PerUnit_RollsUpOverTheTree(string code, int participants, int entries, int? headcount, double? rate)
    {
        var units = Participation.PerUnit(new UnitTree(Units), ContestantUnits, Entries);

        var row = Assert.Single(units.All, r => r.Code == code);
        Assert.Equal((participants, entries, headcount), (row.Participants, row.Entries, row.Headcount));
        if (rate is null)
        {
            Assert.Null(row.Rate);
        }
        else
        {
            Assert.Equal(rate.Value, row.Rate!.Value, 10);
        }
    }

    [Fact]
    public void PerUnit_ListsTopLevelUnitsAndEveryUnitInTreeOrder_AndCountsUnknownUnitsApart()
    {
        var units = Participation.PerUnit(new UnitTree(Units), ContestantUnits, Entries);

        Assert.Equal(["D1", "D2", "D3", "S1"], units.TopLevel.Select(r => r.Code));
        Assert.Equal(["D1:0", "C1:1", "C2:1", "D2:0", "D3:0", "C3:1", "S1:0"], units.All.Select(r => $"{r.Code}:{r.Depth}"));
        Assert.Equal(new UnitCount(2, 2), units.Unassigned);
        Assert.Equal(Entries.Length, units.TopLevel.Sum(r => r.Entries) + units.Unassigned.Entries);
    }

    [Fact]
    public void UnitTree_WhenParentsAreMissingOrCyclic_KeepsEveryUnitWithoutLooping()
    {
        UnitRecord[] broken =
        [
            Unit("A", "B", headcount: 1, order: 1),
            Unit("B", "A", headcount: 2, order: 2),
            Unit("ORPHAN", "NOWHERE", headcount: 5, order: 3),
            Unit("SELF", "SELF", order: 4),
        ];

        var tree = new UnitTree(broken);

        // Units with an unknown parent are top-level and come first; a cycle is broken at its first unit, after them.
        Assert.Equal(["ORPHAN", "A", "B", "SELF"], tree.Units.Select(u => u.Code));
        Assert.Equal(("A", 1, 3), (tree.Top("B"), tree.Depth("B"), tree.Headcount("A")));
        Assert.Equal((0, "ORPHAN"), (tree.Depth("ORPHAN"), tree.Top("ORPHAN")));
        Assert.Equal(0, tree.Depth("SELF"));
    }

    [Theory]
    [InlineData(5, null, null)] // unknown
    [InlineData(5, 0, null)] // zero
    [InlineData(0, 10, 0.0)] // nobody
    [InlineData(5, 10, 0.5)]
    [InlineData(12, 10, 1.2)] // more participants than headcount (people outside the payroll): shown as is
    public void Rate_IsParticipantsOverAKnownPositiveHeadcount(int participants, int? headcount, double? expected) =>
        Assert.Equal(expected, UnitTree.Rate(participants, headcount));
}
