using Microsoft.Extensions.Logging.Abstractions;
using Platform.Core.Distributed;

namespace Platform.IntegrationTests.Distributed;

/// <summary>What every live leaderboard must do, run against the in-process and the Redis one.</summary>
public abstract class LeaderboardContractTests
{
    protected abstract (ILeaderboard A, ILeaderboard B) CreateNodes();

    [Fact]
    public async Task Offers_KeepEachMembersBest_AndTopOrdersByScoreThenTime()
    {
        var (a, b) = CreateNodes();
        var board = "b" + Guid.NewGuid().ToString("N")[..8];

        await a.OfferAsync(board, "1", LeaderboardScore.Of(15, 300_000), CancellationToken.None);
        await b.OfferAsync(board, "2", LeaderboardScore.Of(18, 600_000), CancellationToken.None);
        await a.OfferAsync(board, "3", LeaderboardScore.Of(18, 400_000), CancellationToken.None);
        await b.OfferAsync(board, "1", LeaderboardScore.Of(12, 100_000), CancellationToken.None); // worse: ignored
        await a.OfferAsync(board, "2", LeaderboardScore.Of(18, 500_000), CancellationToken.None); // better time: kept

        var top = await b.TopAsync(board, 10, CancellationToken.None);

        Assert.Equal(["3", "2", "1"], top.Select(e => e.Member).ToArray());
        Assert.Equal(500_000, LeaderboardScore.DurationOf(top[1].Score));
        Assert.Equal(15, LeaderboardScore.ScoreOf(top[2].Score));
    }

    [Fact]
    public async Task Replace_RebuildsTheWholeBoard_AndExistsTellsAMissingOne()
    {
        var (a, b) = CreateNodes();
        var board = "b" + Guid.NewGuid().ToString("N")[..8];
        Assert.False(await a.ExistsAsync(board, CancellationToken.None));

        await a.OfferAsync(board, "9", LeaderboardScore.Of(1, 1), CancellationToken.None);
        await b.ReplaceAsync(board, [new("1", LeaderboardScore.Of(20, 60_000)), new("2", LeaderboardScore.Of(19, 1_000))], CancellationToken.None);

        Assert.True(await a.ExistsAsync(board, CancellationToken.None));
        Assert.Equal(["1", "2"], (await a.TopAsync(board, 10, CancellationToken.None)).Select(e => e.Member).ToArray());
    }
}

public sealed class InProcessLeaderboardContractTests : LeaderboardContractTests
{
    private readonly InProcessLeaderboard _board = new();

    protected override (ILeaderboard A, ILeaderboard B) CreateNodes() => (_board, _board);

    [Theory]
    [InlineData(0, 0L)]
    [InlineData(20, 1_200_000L)]
    [InlineData(1_000, 8_589_934_591L)]
    public void CompositeScore_FitsInADoubleExactly_AndRoundTrips(int score, long durationMs)
    {
        var composite = LeaderboardScore.Of(score, durationMs);

        Assert.True(composite < 1L << 53);
        Assert.Equal(composite, (long)(double)composite);
        Assert.Equal(score, LeaderboardScore.ScoreOf(composite));
        Assert.Equal(durationMs, LeaderboardScore.DurationOf(composite));
        Assert.True(LeaderboardScore.Of(score + 1, durationMs + 1_000_000) > composite, "a point beats any time");
    }
}

public sealed class RedisLeaderboardContractTests : LeaderboardContractTests
{
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";

    protected override (ILeaderboard A, ILeaderboard B) CreateNodes() =>
        (new RedisLeaderboard(RedisNodes.Connection(_prefix), new InProcessLeaderboard(), NullLogger<RedisLeaderboard>.Instance),
         new RedisLeaderboard(RedisNodes.Connection(_prefix), new InProcessLeaderboard(), NullLogger<RedisLeaderboard>.Instance));

    [Fact]
    public async Task WhenRedisIsDown_TheNodesOwnBoardServes()
    {
        var down = new RedisLeaderboard(RedisNodes.Connection(_prefix, "127.0.0.1:1,connectTimeout=300"), new InProcessLeaderboard(), NullLogger<RedisLeaderboard>.Instance);

        await down.OfferAsync("b", "1", 5, CancellationToken.None);

        Assert.Equal("1", Assert.Single(await down.TopAsync("b", 10, CancellationToken.None)).Member);
    }
}
