using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Attempts;
using Quiz.Contestants;
using Quiz.Contests;
using Quiz.Data;

namespace Platform.IntegrationTests.Attempts;

/// <summary>
/// A start's and a submit's look-ups are compiled once for every tenant (AttemptQueries). Each call must still read only
/// the tenant of the context it is given, also from a pooled context that served another tenant before, and however
/// many tenants ran the query first.
/// </summary>
public abstract class AttemptQueriesTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task EachCompiledLookUp_ReadsTheTenantOfTheContextItIsGiven()
    {
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        var slug = "thi-" + Guid.NewGuid().ToString("N")[..8];
        var userId = Guid.NewGuid().ToString();
        var rowsA = await AddAsync(a, slug, userId);
        var rowsB = await AddAsync(b, slug, userId);

        // A first, then B, then A again: a tenant kept from the first call (or the first context) would show here.
        foreach (var (tenant, own, other) in new[] { (a, rowsA, rowsB), (b, rowsB, rowsA), (a, rowsA, rowsB) })
        {
            await using var scope = fixture.Scope(tenant);
            var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();

            Assert.Equal(own.Contestant.Id, (await AttemptQueries.ContestantOfUserAsync(db, userId, default))?.Id);
            Assert.Equal(own.Contest.Id, (await AttemptQueries.ContestBySlugAsync(db, slug, default))?.Id);
            Assert.Equal(own.Contest.Id, (await AttemptQueries.ContestByIdAsync(db, own.Contest.Id, default)).Id);
            await Assert.ThrowsAsync<InvalidOperationException>(() => AttemptQueries.ContestByIdAsync(db, other.Contest.Id, default));
            Assert.Equal(own.Contest.GraceSeconds, await AttemptQueries.GraceSecondsAsync(db, own.Contest.Id, default));
            await Assert.ThrowsAsync<InvalidOperationException>(() => AttemptQueries.GraceSecondsAsync(db, other.Contest.Id, default));
            Assert.Equal(own.Attempt.Id, (await AttemptQueries.OwnedAttemptAsync(db, own.Attempt.Id, userId, default))?.Id);
            Assert.Null(await AttemptQueries.OwnedAttemptAsync(db, other.Attempt.Id, userId, default));
            Assert.Equal([own.Attempt.Id], (await AttemptQueries.ContestantAttemptsAsync(db, own.Contestant.Id, own.Contest.Id, default)).Select(x => x.Id));
            Assert.Empty(await AttemptQueries.ContestantAttemptsAsync(db, other.Contestant.Id, other.Contest.Id, default));
        }
    }

    // A contest, a contestant of the given user and an attempt of theirs, written into one tenant.
    private async Task<(Contest Contest, Contestant Contestant, Attempt Attempt)> AddAsync(TenantInfo tenant, string slug, string userId)
    {
        var contest = await new QuizData(fixture, tenant).AddContestAsync(c => c.Slug = slug);
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var n = Random.Shared.Next(100_000_000, 999_999_999);
        var contestant = new Contestant
        {
            UserId = userId, FullName = "Nguyễn Văn An", DateOfBirth = new DateOnly(1990, 5, 17), CitizenId = $"001{n}", Phone = $"0{n}",
            GroupCode = "N1", UnitCode = "BK-TP-DX", ConsentedAt = DateTime.UtcNow, ConsentVersion = "1", CreatedAt = DateTime.UtcNow,
        };
        db.Contestants.Add(contestant);
        await db.SaveChangesAsync();
        var now = DateTime.UtcNow;
        var attempt = new Attempt
        {
            Id = Guid.NewGuid(), ContestId = contest.Id, ContestantId = contestant.Id, GroupCode = "N1", Round = 1, LimitScope = "contest", Sequence = 1,
            StartedAt = now, Deadline = now.AddMinutes(20), State = AttemptState.InProgress, QuestionCount = 0, Seed = 1,
        };
        db.Attempts.Add(attempt);
        await db.SaveChangesAsync();
        return (contest, contestant, attempt);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteAttemptQueriesTests(SqliteFixture fixture) : AttemptQueriesTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresAttemptQueriesTests(PostgresFixture fixture) : AttemptQueriesTests<PostgresFixture>(fixture);
