using Platform.Core.Contests;
using Results.Statistics;
using static Results.Tests.Statistics.StatisticsData;

namespace Results.Tests.Statistics;

public sealed class ItemAnalysisTests
{
    // Ten entries, attempt n scoring 11 - n: attempts 1-3 (scores 10, 9, 8) are the upper 27% (round(2.7) = 3),
    // attempts 8-10 (scores 3, 2, 1) the lower 27%, attempts 4-7 the middle.
    private static readonly EntryRecord[] Entries = [.. Enumerable.Range(1, 10).Select(n => Entry(n, score: 11 - n, attempt: n))];

    private static readonly ItemResponse[] Responses =
    [
        // Q1, drawn by all: upper 3/3, middle 2/4, lower 0/3 → facility 5/10, discrimination 1 - 0.
        .. Answers("Q1", right: [1, 2, 3, 4, 5], wrong: [6, 7, 8, 9, 10]),

        // Q2, drawn by all: upper 0/3, middle 1/4, lower 3/3 → facility 4/10, discrimination 0 - 1 (flagged).
        .. Answers("Q2", right: [4, 8, 9, 10], wrong: [1, 2, 3, 5, 6, 7]),

        // Q3, drawn by 1, 2 (upper), 4, 6 (middle), 10 (lower): right only 1 → facility 1/5 = 0.2 exactly (not flagged),
        // discrimination 1/2 - 0/1.
        .. Answers("Q3", right: [1], wrong: [2, 4, 6, 10]),

        // Q4, drawn by 1, 2, 5, 6, 9, 10: right only 5 → facility 1/6 (flagged too hard), discrimination 0 - 0 (not negative).
        .. Answers("Q4", right: [5], wrong: [1, 2, 6, 9, 10]),

        // Q5, drawn by middle entries only: no discrimination, so no discrimination flag.
        .. Answers("Q5", right: [4, 5], wrong: []),
    ];

    [Theory]
    [InlineData("Q1", 10, 5, 0.5, 1.0, ItemConcerns.None)]
    [InlineData("Q2", 10, 4, 0.4, -1.0, ItemConcerns.NegativeDiscrimination)]
    [InlineData("Q3", 5, 1, 0.2, 0.5, ItemConcerns.None)]
    [InlineData("Q4", 6, 1, 1.0 / 6, 0.0, ItemConcerns.TooHard)]
    [InlineData("Q5", 2, 2, 1.0, null, ItemConcerns.None)]
    public void Compute_OnAHandComputedCase_GivesFacilityDiscriminationAndFlags(string code, int responses, int right, double facility, double? discrimination, ItemConcerns concerns)
    {
        var report = ItemAnalysis.Compute(Entries, Responses, minimumResponses: 1);

        var item = Assert.Single(report.Items, i => i.Code == code);
        Assert.Equal((responses, right, concerns), (item.Responses, item.Right, item.Concerns));
        Assert.Equal(facility, item.Facility, 10);
        if (discrimination is null)
        {
            Assert.Null(item.Discrimination);
        }
        else
        {
            Assert.Equal(discrimination.Value, item.Discrimination!.Value, 10);
        }

        Assert.Equal("Câu hỏi " + code, item.Text);
    }

    [Fact]
    public void Compute_ReportsGroupsAndFlaggedCount_ItemsByCode()
    {
        var report = ItemAnalysis.Compute(Entries, Responses.Reverse(), minimumResponses: 1);

        Assert.Equal((10, 3, 2), (report.Entries, report.GroupSize, report.FlaggedCount));
        Assert.Equal(["Q1", "Q2", "Q3", "Q4", "Q5"], report.Items.Select(i => i.Code));
    }

    [Theory]
    [InlineData(0, 0)] // no entries
    [InlineData(1, 0)] // one entry: no groups, so no discrimination
    [InlineData(2, 1)] // 0.54 → 1
    [InlineData(4, 1)] // 1.08 → 1
    [InlineData(10, 3)] // 2.7 → 3
    [InlineData(50, 14)] // 13.5 → 14
    [InlineData(100, 27)]
    public void GroupSize_IsTwentySevenPercentRounded(int entries, int groupSize) =>
        Assert.Equal(groupSize, ItemAnalysis.Compute(Enumerable.Range(1, entries).Select(n => Entry(n, score: n, attempt: n)), []).GroupSize);

    [Fact]
    public void Compute_WhenOneEntry_HasFacilityButNoDiscrimination()
    {
        var report = ItemAnalysis.Compute([Entry(1, attempt: 1)], Answers("Q1", right: [], wrong: [1]), minimumResponses: 1);

        var item = Assert.Single(report.Items);
        Assert.Equal((0.0, (double?)null, ItemConcerns.TooHard), (item.Facility, item.Discrimination, item.Concerns));
    }

    [Fact]
    public void FewResponses_AreNeverFlagged()
    {
        // Q2 of the hand-computed case has negative discrimination on 10 responses: flagged at 10, not at the default 30.
        Assert.NotEqual(ItemConcerns.None, ItemAnalysis.Compute(Entries, Responses, minimumResponses: 10).Items.Single(i => i.Code == "Q2").Concerns);
        Assert.All(ItemAnalysis.Compute(Entries, Responses).Items, i => Assert.Equal(ItemConcerns.None, i.Concerns));
    }

    private static IEnumerable<ItemResponse> Answers(string code, int[] right, int[] wrong) =>
        right.Select(n => new ItemResponse(Attempt(n), code, "Câu hỏi " + code, true))
            .Concat(wrong.Select(n => new ItemResponse(Attempt(n), code, "Câu hỏi " + code, false)));
}
