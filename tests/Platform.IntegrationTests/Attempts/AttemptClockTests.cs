using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Platform.Core.Identity;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Api;
using Quiz.Attempts;
using Quiz.Contestants;
using Quiz.Data;

namespace Platform.IntegrationTests.Attempts;

/// <summary>Deadline and grace arithmetic against a fake clock, on the real database.</summary>
[Collection(SqliteSuite.Name)]
public sealed class AttemptClockTests(SqliteFixture fixture) : IAsyncLifetime
{
    private readonly List<AsyncServiceScope> _scopes = [];

    private static readonly DateTimeOffset Start = new(2023, 9, 30, 16, 50, 0, TimeSpan.Zero); // 23:50 on 30/9/2023 in Việt Nam

    [Fact]
    public async Task Deadline_IsTheCloseWhenItComesBeforeTheTimeLimit()
    {
        var (clock, attempts, userId, slug, _) = await ArrangeAsync();

        var started = (await attempts.StartAsync(userId, slug, CancellationToken.None)).Attempt;

        Assert.Equal(new DateTimeOffset(2023, 10, 1, 0, 0, 0, TimeSpan.FromHours(7)), started.Deadline); // 10 minutes, not 20
        Assert.Equal(TimeSpan.FromHours(7), started.Deadline.Offset);
        Assert.Equal(Start.AddMinutes(10), clock.GetUtcNow() + (started.Deadline - clock.GetUtcNow()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnswerOneMillisecondAfterTheDeadline_IsRefused_ButAtTheDeadlineIsKept()
    {
        var (clock, attempts, userId, slug, _) = await ArrangeAsync();
        var started = (await attempts.StartAsync(userId, slug, CancellationToken.None)).Attempt;
        var (first, second) = (started.Questions[0], started.Questions[1]);

        clock.SetUtcNow(started.Deadline);
        await attempts.SaveAnswerAsync(userId, started.AttemptId, first.Id, first.Options[0].Id, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var late = await Assert.ThrowsAsync<QuizProblemException>(() => attempts.SaveAnswerAsync(userId, started.AttemptId, second.Id, second.Options[0].Id, CancellationToken.None));
        var details = await attempts.GetAsync(userId, started.AttemptId, CancellationToken.None);

        Assert.Equal("attempt-closed", late.Code);
        Assert.Equal([first.Id], details.Answers.Keys);
    }

    [Theory]
    // The last second of the grace: the submit counts.
    [InlineData(30_000, "submitted")]
    // One millisecond past the grace: refused, finalized as expired.
    [InlineData(30_001, "expired")]
    public async Task Submit_WithinTheGrace_Counts_AndAfterItTheAttemptExpires(int millisecondsAfterDeadline, string state)
    {
        var (clock, attempts, userId, slug, _) = await ArrangeAsync();
        var started = (await attempts.StartAsync(userId, slug, CancellationToken.None)).Attempt;

        clock.SetUtcNow(started.Deadline.AddMilliseconds(millisecondsAfterDeadline));
        var refused = await Record.ExceptionAsync(() => attempts.SubmitAsync(userId, started.AttemptId, 42, CancellationToken.None));
        var details = await attempts.GetAsync(userId, started.AttemptId, CancellationToken.None);

        Assert.Equal(state, details.State);
        Assert.Equal(state == "expired", refused is QuizProblemException { Code: "attempt-closed" });
        Assert.Equal(600.0, details.Result!.DurationSeconds); // capped at the deadline: 23:50 → 24:00
    }

    private async Task<(FakeTimeProvider Clock, AttemptService Attempts, string UserId, string Slug, TenantInfo Tenant)> ArrangeAsync()
    {
        var tenant = await fixture.CreateTenantAsync();
        var quiz = new QuizData(fixture, tenant);
        await quiz.AddUnitsAsync();
        await quiz.AddQuestionsAsync(10);
        var contest = await quiz.AddContestAsync(c =>
        {
            c.OpensAt = new DateTime(2023, 9, 9, 17, 0, 0, DateTimeKind.Utc);
            c.ClosesAt = new DateTime(2023, 9, 30, 17, 0, 0, DateTimeKind.Utc);
            c.TimeLimitSeconds = 1200;
            c.GraceSeconds = 30;
        });
        var user = await fixture.CreateUserAsync(tenant, "001090555001", PlatformRoles.Contestant, QuizData.Password);
        var scope = fixture.Scope(tenant);
        _scopes.Add(scope);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        db.Contestants.Add(new Contestant
        {
            UserId = user.Id, FullName = "Lý Văn Bình", DateOfBirth = new DateOnly(1990, 1, 1), CitizenId = "001090555001", Phone = "0912555001",
            GroupCode = "N1", UnitCode = "BK-TP", ConsentedAt = DateTime.UtcNow, ConsentVersion = Consent.Version, CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        var clock = new FakeTimeProvider(Start);
        var attempts = new AttemptService(db, scope.ServiceProvider.GetRequiredService<ITenantContext>(), clock,
            scope.ServiceProvider.GetRequiredService<AttemptWrites>(), scope.ServiceProvider.GetRequiredService<AnswerSheets>(), new ActiveBank(clock), NullLogger<AttemptService>.Instance,
            scope.ServiceProvider.GetRequiredService<LiveLeaderboard>());
        return (clock, attempts, user.Id, contest.Slug, tenant);
    }
}
