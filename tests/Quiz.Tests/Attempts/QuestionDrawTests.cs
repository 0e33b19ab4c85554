using Quiz.Attempts;
using Quiz.Contests;

namespace Quiz.Tests.Attempts;

public sealed class QuestionDrawTests
{
    private static readonly List<DrawCandidate> Bank =
    [
        .. Enumerable.Range(1, 30).Select(i => new DrawCandidate(1000 + i, i, "Pháp luật", 1 + (i % 3))),
        .. Enumerable.Range(31, 20).Select(i => new DrawCandidate(1000 + i, i, "An toàn thông tin", 1 + (i % 3))),
    ];

    [Fact]
    public void Draw_WhenNoQuotas_TakesTheTotalWithoutRepeats()
    {
        var drawn = QuestionDraw.Draw(Bank, [], 20, new HashSet<long>(), shuffle: true, seed: 7);

        Assert.Equal(20, drawn.Count);
        Assert.Equal(20, drawn.Select(d => d.QuestionId).Distinct().Count());
    }

    [Fact]
    public void Draw_WithTheSameSeed_IsReproducible()
    {
        var first = QuestionDraw.Draw(Bank, [new DrawQuota { Topic = "An toàn thông tin", Count = 5 }], 20, new HashSet<long>(), true, 42);
        var second = QuestionDraw.Draw(Bank.AsEnumerable().Reverse().ToList(), [new DrawQuota { Topic = "An toàn thông tin", Count = 5 }], 20, new HashSet<long>(), true, 42);
        var other = QuestionDraw.Draw(Bank, [new DrawQuota { Topic = "An toàn thông tin", Count = 5 }], 20, new HashSet<long>(), true, 43);

        Assert.Equal(first, second); // the bank's order does not matter, only the seed
        Assert.NotEqual(first, other);
    }

    [Theory]
    // One topic quota.
    [InlineData("An toàn thông tin", null, 8)]
    // One difficulty quota.
    [InlineData(null, 3, 6)]
    // Topic and difficulty together.
    [InlineData("Pháp luật", 2, 4)]
    public void Draw_WithAQuota_HonoursIt(string? topic, int? difficulty, int count)
    {
        var quota = new DrawQuota { Topic = topic, Difficulty = difficulty, Count = count };

        var drawn = QuestionDraw.Draw(Bank, [quota], 20, new HashSet<long>(), true, 1);

        Assert.True(drawn.Count(d => (topic is null || d.Topic == topic) && (difficulty is null || d.Difficulty == difficulty)) >= count);
        Assert.Equal(20, drawn.Select(d => d.QuestionId).Distinct().Count());
    }

    [Fact]
    public void Draw_WithSeveralQuotas_TakesEachAndNeverTheSameQuestionTwice()
    {
        DrawQuota[] quotas = [new() { Topic = "An toàn thông tin", Count = 20 }, new() { Topic = "Pháp luật", Count = 30 }];

        var drawn = QuestionDraw.Draw(Bank, quotas, 50, new HashSet<long>(), false, 3);

        Assert.Equal(50, drawn.Select(d => d.QuestionId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), drawn.Select(d => d.QuestionId)); // no shuffle: bank order
    }

    [Fact]
    public void Draw_PrefersQuestionsNotSeenBefore()
    {
        var seen = Enumerable.Range(1, 40).Select(i => (long)i).ToHashSet();

        var drawn = QuestionDraw.Draw(Bank, [], 10, seen, true, 9);

        Assert.All(drawn, d => Assert.DoesNotContain(d.QuestionId, seen));
    }

    [Fact]
    public void Draw_WhenUnseenAreTooFew_FillsWithSeenOnes()
    {
        var seen = Enumerable.Range(1, 45).Select(i => (long)i).ToHashSet();

        var drawn = QuestionDraw.Draw(Bank, [], 10, seen, true, 9);

        Assert.Equal(5, drawn.Count(d => !seen.Contains(d.QuestionId)));
        Assert.Equal(10, drawn.Select(d => d.QuestionId).Distinct().Count());
    }

    [Theory]
    // More than the bank holds.
    [InlineData(51, null, 0, "ngân hàng chỉ có 50")]
    // A quota larger than its topic.
    [InlineData(25, "An toàn thông tin", 21, "chỉ còn 20")]
    public void Draw_WhenTheBankIsTooSmall_ExplainsWhy(int total, string? topic, int count, string expected)
    {
        DrawQuota[] quotas = topic is null ? [] : [new DrawQuota { Topic = topic, Count = count }];

        var error = Assert.Throws<BankTooSmallException>(() => QuestionDraw.Draw(Bank, quotas, total, new HashSet<long>(), true, 1));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Permutation_WhenShuffling_IsAPermutationAndVaries()
    {
        var random = new Random(5);
        var orders = Enumerable.Range(0, 20).Select(_ => QuestionDraw.Permutation(4, true, random)).ToList();

        Assert.All(orders, o => Assert.Equal([0, 1, 2, 3], o.Order()));
        Assert.True(orders.Select(o => string.Join(',', o)).Distinct().Count() > 1);
        Assert.Equal([0, 1, 2, 3], QuestionDraw.Permutation(4, false, random));
    }
}
