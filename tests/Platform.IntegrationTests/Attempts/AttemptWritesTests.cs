using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Data;
using Platform.Core.Observability;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Attempts;
using Quiz.Data;

namespace Platform.IntegrationTests.Attempts;

/// <summary>Writes that arrive while the database is busy are committed together, each kept or failed alone.</summary>
[Collection(SqliteSuite.Name)]
public sealed class AttemptWritesTests(SqliteFixture fixture) : IDisposable
{
    private readonly ConcurrentQueue<(int Size, string? Tenant)> _batches = new();
    private readonly MeterListener _listener = new();

    [Fact]
    public async Task AnswersArrivingWhileTheDatabaseIsBusy_AreCommittedInOneTransaction_AndAllKept()
    {
        var (quiz, _, client, attemptId, key) = await StartedAttemptAsync();
        var commits = fixture.Services.GetRequiredService<AttemptWrites>();

        Task<HttpResponseMessage[]> saves;
        await using (var scope = fixture.Scope(quiz.Tenant))
        {
            // Another writer holds the database (as a start or a submit would) while the ten answers arrive.
            using (await fixture.Services.GetRequiredService<SqliteWriteTurns>().EnterAsync(scope.ServiceProvider.GetRequiredService<QuizDbContext>(), CancellationToken.None))
            {
                saves = Task.WhenAll(key.Select(k => client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{k.Key}", new { optionId = k.Value })));
                await WaitForAsync(() => commits.Waiting(quiz.Tenant) == key.Count);

                Assert.False(saves.IsCompleted, "no answer is acknowledged before its commit");
            }
        }

        var responses = await saves;
        var details = await client.GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/attempts/{attemptId}");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal([10], _batches.Where(b => b.Tenant == quiz.Tenant.Name).Select(b => b.Size));
        Assert.Equal(10, details.GetProperty("answers").EnumerateObject().Count());
        Assert.Equal(0, commits.Waiting(quiz.Tenant));
    }

    /// <summary>
    /// A submit is committed with the answers that arrived before it, in their transaction, and scores them: in a
    /// transaction of its own it waited for a flush of the disk of its own (docs/benchmarks.md, "Compiled look-ups").
    /// </summary>
    [Fact]
    public async Task ASubmitArrivingAfterAnswersWhileTheDatabaseIsBusy_IsCommittedWithThem_AndScoresThem()
    {
        var (quiz, _, client, attemptId, key) = await StartedAttemptAsync();
        var commits = fixture.Services.GetRequiredService<AttemptWrites>();

        Task<HttpResponseMessage[]> saves;
        Task<HttpResponseMessage> submit;
        await using (var scope = fixture.Scope(quiz.Tenant))
        {
            using (await fixture.Services.GetRequiredService<SqliteWriteTurns>().EnterAsync(scope.ServiceProvider.GetRequiredService<QuizDbContext>(), CancellationToken.None))
            {
                saves = Task.WhenAll(key.Select(k => client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{k.Key}", new { optionId = k.Value })));
                await WaitForAsync(() => commits.Waiting(quiz.Tenant) == key.Count);
                submit = client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { prediction = 12 });
                await WaitForAsync(() => commits.Waiting(quiz.Tenant) == key.Count + 1);

                Assert.Equal(key.Count + 1, commits.Waiting(quiz.Tenant));
                Assert.False(submit.IsCompleted, "no submit is acknowledged before its commit");
            }
        }

        var responses = await saves;
        var submitted = await submit;
        var result = await submitted.Content.ReadFromJsonAsync<JsonElement>();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(key.Count, result.GetProperty("correctCount").GetInt32());
        Assert.Equal([key.Count + 1], _batches.Where(b => b.Tenant == quiz.Tenant.Name).Select(b => b.Size));
    }

    [Fact]
    public async Task AWriteThatFailsInASharedTransaction_FailsAlone_AndTheOthersAreKept()
    {
        var (quiz, contest, answering, attemptId, key) = await StartedAttemptAsync();
        var starting = await quiz.RegisteredClientAsync();
        var writes = fixture.Services.GetRequiredService<AttemptWrites>();

        Task<HttpResponseMessage[]> answers;
        Task<HttpResponseMessage[]> starts;
        await using (var scope = fixture.Scope(quiz.Tenant))
        {
            using (await fixture.Services.GetRequiredService<SqliteWriteTurns>().EnterAsync(scope.ServiceProvider.GetRequiredService<QuizDbContext>(), CancellationToken.None))
            {
                answers = Task.WhenAll(key.Select(k => answering.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{k.Key}", new { optionId = k.Value })));

                // Two starts of one contestant allowed one attempt: both are drawn, and the second to be written breaks the
                // one-attempt-in-progress index inside the shared transaction.
                starts = Task.WhenAll(Enumerable.Range(0, 2).Select(_ => starting.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { })));
                await WaitForAsync(() => writes.Waiting(quiz.Tenant) == key.Count + 2);
            }
        }

        var answered = await answers;
        var started = await starts;
        var startedIds = await Task.WhenAll(started.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptId").GetGuid()));
        await using var check = fixture.Scope(quiz.Tenant);
        var db = check.ServiceProvider.GetRequiredService<QuizDbContext>();
        var attempts = await db.Attempts.Where(a => a.ContestId == contest.Id && a.Id != attemptId).Select(a => a.Id).ToListAsync();
        var items = await db.AttemptItems.CountAsync(i => attempts.Contains(i.AttemptId));
        var saved = await db.AttemptItems.CountAsync(i => i.AttemptId == attemptId && i.SelectedIndex != null);

        Assert.All(answered, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal(10, saved);
        Assert.Equal(key.Count + 2, _batches.Where(b => b.Tenant == quiz.Tenant.Name).Select(b => b.Size).First());
        Assert.All(started, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        var only = Assert.Single(attempts);
        Assert.All(startedIds, id => Assert.Equal(only, id)); // the failed one resumed the attempt that was kept
        Assert.Equal(10, items); // and nothing of the failed one is left
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>A tenant with a bank of 10, an open contest, and a contestant's attempt started; batches counted from here on.</summary>
    private async Task<(QuizData Quiz, Quiz.Contests.Contest Contest, HttpClient Client, Guid AttemptId, Dictionary<string, string> Key)> StartedAttemptAsync()
    {
        Listen();
        var quiz = new QuizData(fixture, await fixture.CreateTenantAsync());
        await quiz.AddUnitsAsync();
        await quiz.AddQuestionsAsync(10);
        var contest = await quiz.AddContestAsync();
        var client = await quiz.RegisteredClientAsync();
        var start = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });
        var attemptId = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptId").GetGuid();
        _batches.Clear(); // the start's own
        return (quiz, contest, client, attemptId, await quiz.KeyAsync(attemptId));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var waited = DateTime.UtcNow;
        while (!condition() && DateTime.UtcNow - waited < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
        }
    }

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PlatformMetrics.MeterName && instrument.Name == "contest.writes.batch")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            string? tenant = null;
            foreach (var tag in tags)
            {
                tenant = tag.Key == "tenant" ? tag.Value as string : tenant;
            }

            _batches.Enqueue((value, tenant));
        });
        _listener.Start();
    }
}

/// <summary>On PostgreSQL a start is one statement: the attempt and all its items, or nothing.</summary>
[Collection(PostgresSuite.Name)]
public sealed class PostgresAttemptWritesTests(PostgresFixture fixture)
{
    [Fact]
    public async Task AStartWhoseItemsCannotAllBeWritten_LeavesNoAttempt_AndTheContestantCanStartAgain()
    {
        var quiz = new QuizData(fixture, await fixture.CreateTenantAsync());
        await quiz.AddUnitsAsync();
        await quiz.AddQuestionsAsync(3);
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        var client = await quiz.RegisteredClientAsync();
        await using var scope = fixture.Scope(quiz.Tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var contestant = await db.Contestants.SingleAsync();
        var versions = await db.QuestionVersions.Select(v => v.Id).ToListAsync();
        var attempt = new Attempt
        {
            Id = Guid.NewGuid(),
            ContestId = contest.Id,
            ContestantId = contestant.Id,
            GroupCode = contestant.GroupCode,
            LimitScope = "all",
            Sequence = 1,
            StartedAt = DateTime.UtcNow,
            Deadline = DateTime.UtcNow.AddMinutes(10),
            State = AttemptState.InProgress,
            QuestionCount = 2,
        };
        // The second item repeats the first's position: the attempt's row is written before it fails.
        AttemptItem Item(string id) => new() { Position = 1, QuestionVersionId = versions[0], PublicId = id, OptionIds = ["x", "y"], OptionOrder = [0, 1] };

        var error = await Assert.ThrowsAsync<PostgresException>(() => StartStatement.RunAsync(db, attempt, [Item("q1"), Item("q2")]));
        var left = await db.Attempts.CountAsync();
        var started = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal(0, left);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(3, await db.AttemptItems.CountAsync());
    }
}
