using Platform.Core.Contests;
using Results.Ranking;

namespace Results.Tests.Ranking;

public sealed class RankingEngineTests
{
    private static readonly DateTime T0 = new(2023, 9, 30, 10, 0, 0, DateTimeKind.Utc);

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:000000000000}");

    private static EntryRecord Entry(int attempt, long contestant, int score, long durationMs = 60_000, long? prediction = null, int submittedSecond = 0, string group = "N1", int correct = -1) =>
        new(Id(attempt), contestant, group, 0, score, correct < 0 ? score : correct, 20, durationMs, prediction, T0.AddSeconds(submittedSecond));

    private static RankingPolicy Policy(long? actual = 100, CountedAttempt counts = CountedAttempt.Best, IReadOnlyList<string>? chain = null, IReadOnlyList<PrizeQuota>? prizes = null, IReadOnlyList<long>? disqualified = null, IReadOnlyList<long>? awarded = null) =>
        new("c", 0, counts, chain ?? TieBreak.Default, actual, ["N1", "N2"], prizes ?? [], disqualified ?? [], awarded ?? []);

    private static List<long> Order(IEnumerable<EntryRecord> entries, RankingPolicy policy) =>
        RankingEngine.Rank(entries, policy).Select(r => r.Entry.ContestantId).ToList();

    public static TheoryData<string, EntryRecord[], long[]> TieBreakCases => new()
    {
        { "higher score first", [Entry(1, 1, 18), Entry(2, 2, 20)], [2, 1] },
        { "equal scores: closer prediction first", [Entry(1, 1, 20, prediction: 130), Entry(2, 2, 20, prediction: 95)], [2, 1] },
        { "equal distance above and below: shorter time first", [Entry(1, 1, 20, 90_000, prediction: 110), Entry(2, 2, 20, 80_000, prediction: 90)], [2, 1] },
        { "missing prediction after any prediction", [Entry(1, 1, 20, 10_000, prediction: null), Entry(2, 2, 20, 99_000, prediction: 5_000)], [2, 1] },
        { "equal predictions: shorter time first", [Entry(1, 1, 20, 61_000, prediction: 100), Entry(2, 2, 20, 60_999, prediction: 100)], [2, 1] },
        { "equal times: earlier submission first", [Entry(1, 1, 20, 60_000, 100, submittedSecond: 5), Entry(2, 2, 20, 60_000, 100, submittedSecond: 4)], [2, 1] },
        { "everything equal: attempt id decides", [Entry(7, 1, 20, 60_000, 100), Entry(3, 2, 20, 60_000, 100)], [2, 1] },
        { "score beats prediction", [Entry(1, 1, 19, prediction: 100), Entry(2, 2, 20, prediction: 1)], [2, 1] },
    };

    [Theory]
    [MemberData(nameof(TieBreakCases))]
    public void DefaultChain_OrdersAsTheRulesSay(string because, EntryRecord[] entries, long[] expected)
    {
        Assert.True(expected.SequenceEqual(Order(entries, Policy())), because);
        Assert.True(expected.SequenceEqual(Order(entries.Reverse(), Policy())), because + " (input order reversed)");
    }

    [Fact]
    public void NoActualValue_MakesPredictionsEqual()
    {
        var entries = new[] { Entry(1, 1, 20, 50_000, prediction: 100), Entry(2, 2, 20, 40_000, prediction: 7) };
        Assert.Equal([2, 1], Order(entries, Policy(actual: null)));
        Assert.All(RankingEngine.Rank(entries, Policy(actual: null)), r => Assert.Null(r.Distance));
    }

    [Fact]
    public void NegativePredictions_UseAbsoluteDistance()
    {
        var rows = RankingEngine.Rank([Entry(1, 1, 20, prediction: -5), Entry(2, 2, 20, prediction: 3)], Policy(actual: 0));
        Assert.Equal([3L, 5L], rows.Select(r => r.Distance!.Value));
    }

    [Fact]
    public void ConfiguredChain_IsFollowed()
    {
        var entries = new[] { Entry(1, 1, 20, 30_000, prediction: 500), Entry(2, 2, 20, 90_000, prediction: 100) };
        Assert.Equal([1, 2], Order(entries, Policy(chain: [TieBreak.Score, TieBreak.Duration, TieBreak.Prediction])));
        Assert.Equal([2, 1], Order(entries, Policy(chain: [TieBreak.Score, TieBreak.Prediction, TieBreak.Duration])));
    }

    [Fact]
    public void CorrectKey_PutsMoreRightAnswersFirst()
    {
        var entries = new[] { Entry(1, 1, 20, correct: 18), Entry(2, 2, 20, correct: 19) };
        Assert.Equal([2, 1], Order(entries, Policy(chain: [TieBreak.Correct, TieBreak.Score])));
    }

    [Fact]
    public void UnknownOrRepeatedTieBreak_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => RankingEngine.Rank([], Policy(chain: ["luck"])));
        Assert.Throws<ArgumentException>(() => RankingEngine.Rank([], Policy(chain: [TieBreak.Score, TieBreak.Score])));
        Assert.NotNull(TieBreak.Problem([]));
    }

    [Theory]
    [InlineData(CountedAttempt.Best, 2)]
    [InlineData(CountedAttempt.First, 1)]
    [InlineData(CountedAttempt.Last, 3)]
    public void OneEntryPerContestant_AsTheContestCounts(CountedAttempt counts, int expectedAttempt)
    {
        var attempts = new[] { Entry(1, 9, 15, submittedSecond: 1), Entry(2, 9, 20, submittedSecond: 2), Entry(3, 9, 10, submittedSecond: 3) };
        var rows = RankingEngine.Rank(attempts, Policy(counts: counts));
        var row = Assert.Single(rows);
        Assert.Equal(Id(expectedAttempt), row.Entry.AttemptId);
    }

    [Fact]
    public void GroupsAreRankedSeparately_InPolicyOrder()
    {
        var rows = RankingEngine.Rank([Entry(1, 1, 10, group: "N2"), Entry(2, 2, 20, group: "N1"), Entry(3, 3, 15, group: "N2"), Entry(4, 4, 5, group: "X")], Policy());
        Assert.Equal([("N1", 1, 2L), ("N2", 1, 3L), ("N2", 2, 1L)], rows.Select(r => (r.Group, r.Rank, r.Entry.ContestantId)));
    }

    [Fact]
    public void Prizes_GoDownTheRanking_SkippingDisqualifiedAndAlreadyAwarded()
    {
        PrizeQuota[] prizes = [new() { Group = "N1", Class = "Nhất", Count = 1, Value = 5 }, new() { Group = "N1", Class = "Nhì", Count = 2, Value = 3 }, new() { Group = "N2", Class = "Nhất", Count = 1 }];
        var entries = Enumerable.Range(1, 6).Select(i => Entry(i, i, 30 - i)).ToList();
        var rows = RankingEngine.Rank(entries, Policy(prizes: prizes, disqualified: [1], awarded: [3]));

        Assert.Equal([null, "Nhất", null, "Nhì", "Nhì", null], rows.Select(r => r.Prize));
        Assert.Equal([true, false, true, false, false, false], rows.Select(r => r.Ineligible));
        Assert.Equal([0L, 5, 0, 3, 3, 0], rows.Select(r => r.PrizeValue));
        Assert.Equal(Enumerable.Range(1, 6), rows.Select(r => r.Rank));
    }

    [Fact]
    public void MorePrizesThanEntries_GivesEachEntryOnePrize()
    {
        PrizeQuota[] prizes = [new() { Group = "N1", Class = "Nhất", Count = 1 }, new() { Group = "N1", Class = "Khuyến khích", Count = 10 }];
        var rows = RankingEngine.Rank([Entry(1, 1, 20), Entry(2, 2, 19), Entry(3, 2, 20)], Policy(prizes: prizes));
        Assert.Equal(["Nhất", "Khuyến khích"], rows.Select(r => r.Prize));
    }

    [Fact]
    public void GuidComparison_IsOrdinalOrderOfTheLowercaseText()
    {
        var random = new Random(42);
        var ids = Enumerable.Range(0, 2000).Select(_ =>
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }).ToList();
        var byGuid = ids.Order().Select(g => g.ToString("D")).ToList();
        var byText = ids.Select(g => g.ToString("D")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(byText, byGuid);
    }

    [Fact]
    public void ComputedActual_CountsAllCorrectEntriesOrParticipants()
    {
        var attempts = new[] { Entry(1, 1, 20), Entry(2, 1, 20), Entry(3, 2, 19) };
        Assert.Equal(2, RankingEngine.ComputedActual(PredictionTarget.AllCorrectEntries, attempts));
        Assert.Equal(2, RankingEngine.ComputedActual(PredictionTarget.Participants, attempts));
        Assert.Null(RankingEngine.ComputedActual(PredictionTarget.Entered, attempts));
        Assert.Null(RankingEngine.ComputedActual(null, attempts));
    }

    [Fact]
    public void SubmissionTime_IsComparedAtMillisecondPrecision()
    {
        // PostgreSQL keeps microseconds, SQLite ticks: both must rank alike, so sub-millisecond differences are ties.
        var a = Entry(2, 1, 20, 60_000, 100) with { SubmittedAt = T0.AddTicks(9_000) };
        var b = Entry(1, 2, 20, 60_000, 100) with { SubmittedAt = T0.AddTicks(1_000) };
        Assert.Equal([2, 1], Order([a, b], Policy()));
    }
}
