using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Observability;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Attempts;
using Quiz.Data;

namespace Platform.IntegrationTests.Attempts;

/// <summary>
/// On PostgreSQL the answer saves that arrive while a statement is being written go into the next one together, each
/// acknowledged only once that statement has committed, one save per attempt per statement, and each row within its
/// tenant's wall.
/// </summary>
[Collection(PostgresSuite.Name)]
public sealed class PostgresAnswerBatchesTests(PostgresFixture fixture) : IAsyncDisposable
{
    private readonly List<AsyncServiceScope> _scopes = [];
    private readonly ConcurrentQueue<(int Size, string? Tenant)> _batches = new();
    private readonly MeterListener _listener = new();

    [Fact]
    public async Task SavesArrivingWhileAStatementIsWritten_GoIntoTheNextTogether_AnAttemptsSecondSaveIntoTheOneAfter()
    {
        var (quiz, attempts) = await AttemptsAsync(4);
        var (a, b, c, closed) = (attempts[0], attempts[1], attempts[2], attempts[3]);
        await using (var scope = fixture.Scope(quiz.Tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
            await db.Attempts.Where(x => x.Id == closed.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, AttemptState.Submitted));
        }

        Listen();
        Task<bool> first, second, third, again, refused;
        await using (var hold = await LockAsync(quiz.Tenant, a.Id))
        {
            first = Save(quiz.Tenant, a, 0); // leads, and waits for the attempt's row
            second = Save(quiz.Tenant, b, 0);
            third = Save(quiz.Tenant, c, 0);
            again = Save(quiz.Tenant, b, 1); // b is already in the next statement: waits for the one after
            refused = Save(quiz.Tenant, closed, 0);
            await Task.Delay(200);

            Assert.False(first.IsCompleted || second.IsCompleted || third.IsCompleted || again.IsCompleted || refused.IsCompleted,
                "no save is answered before the statement holding it has committed");
        }

        Assert.True(await first);
        Assert.True(await second);
        Assert.True(await third);
        Assert.True(await again);
        Assert.False(await refused);
        Assert.Equal([1, 3, 1], _batches.Where(x => x.Tenant == quiz.Tenant.Name).Select(x => x.Size));
        Assert.Equal(
            [(a.Id, 0), (b.Id, 0), (b.Id, 1), (c.Id, 0)],
            await AnsweredAsync(quiz.Tenant, attempts));
    }

    [Fact]
    public async Task AStatementThatFails_FailsEverySaveInIt_AndKeepsNone()
    {
        var (quiz, attempts) = await AttemptsAsync(3);
        var (a, b, c) = (attempts[0], attempts[1], attempts[2]);

        Task<bool> first, second, third;
        await using (var holdC = await LockAsync(quiz.Tenant, c.Id))
        {
            await using (var holdA = await LockAsync(quiz.Tenant, a.Id))
            {
                first = Save(quiz.Tenant, a, 0);
                second = Save(quiz.Tenant, b, 0);
                third = Save(quiz.Tenant, c, 0);
            }

            // The statement of b's and c's saves waits for c's row; its connection is lost (as in a database restart).
            Assert.True(await first);
            await TerminateWaitingStatementAsync();
            Assert.IsType<PostgresException>((await Assert.ThrowsAsync<InvalidOperationException>(() => second)).InnerException);
            Assert.IsType<PostgresException>((await Assert.ThrowsAsync<InvalidOperationException>(() => third)).InnerException);
        }

        Assert.Equal([(a.Id, 0)], await AnsweredAsync(quiz.Tenant, attempts));
        Assert.True(await Save(quiz.Tenant, b, 0)); // the client's retry
        Assert.Equal([(a.Id, 0), (b.Id, 0)], await AnsweredAsync(quiz.Tenant, attempts));
    }

    [Fact]
    public async Task ASaveNamingAnotherTenantsAttempt_WritesNothing_WhileItsBatchIsWritten()
    {
        var (mine, ours) = await AttemptsAsync(1);
        var (theirs, their) = await AttemptsAsync(1);

        Task<bool> own, foreign, next;
        await using (await LockAsync(mine.Tenant, ours[0].Id))
        {
            own = Save(mine.Tenant, ours[0], 0);
            foreign = Save(mine.Tenant, their[0], 0); // this tenant's context, the other tenant's attempt and item
            next = Save(mine.Tenant, ours[0], 1); // in the same statement as the foreign save
        }

        Assert.True(await own);
        Assert.False(await foreign);
        Assert.True(await next);
        Assert.Empty(await AnsweredAsync(theirs.Tenant, their));
        Assert.Equal([(ours[0].Id, 0), (ours[0].Id, 1)], await AnsweredAsync(mine.Tenant, ours));
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
    }

    private Task<bool> Save(TenantInfo tenant, Started attempt, int position)
    {
        var scope = fixture.Scope(tenant);
        _scopes.Add(scope);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        return fixture.Services.GetRequiredService<PostgresAnswerBatches>()
            .SaveAsync(db, tenant, attempt.Id, attempt.ItemIds[position], 1, DateTime.UtcNow);
    }

    /// <summary>A tenant with a contest of 3 questions, and <paramref name="count"/> contestants' attempts started.</summary>
    private async Task<(QuizData Quiz, List<Started> Attempts)> AttemptsAsync(int count)
    {
        var quiz = new QuizData(fixture, await fixture.CreateTenantAsync());
        await quiz.AddUnitsAsync();
        await quiz.AddQuestionsAsync(5);
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var client = await quiz.RegisteredClientAsync();
            var start = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });
            ids.Add((await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptId").GetGuid());
        }

        await using var scope = fixture.Scope(quiz.Tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var items = await db.AttemptItems.Where(i => ids.Contains(i.AttemptId)).OrderBy(i => i.Position).ToListAsync();
        return (quiz, ids.Select(id => new Started(id, items.Where(i => i.AttemptId == id).Select(i => i.Id).ToArray())).ToList());
    }

    /// <summary>The (attempt, position) of every answered item of these attempts, in their order.</summary>
    private async Task<List<(Guid, int)>> AnsweredAsync(TenantInfo tenant, List<Started> attempts)
    {
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var ids = attempts.Select(a => a.Id).ToList();
        var answered = await db.AttemptItems.Where(i => ids.Contains(i.AttemptId) && i.SelectedIndex != null).Select(i => new { i.AttemptId, i.Id }).ToListAsync();
        return attempts.SelectMany(a => a.ItemIds.Select((id, position) => (a.Id, id, position)))
            .Where(x => answered.Any(y => y.AttemptId == x.Item1 && y.Id == x.id))
            .Select(x => (x.Item1, x.position)).ToList();
    }

    /// <summary>Holds the attempt's row (as a submit does while it scores) until disposed.</summary>
    private async Task<Hold> LockAsync(TenantInfo tenant, Guid attemptId)
    {
        string connectionString;
        await using (var scope = fixture.Scope(tenant))
        {
            connectionString = scope.ServiceProvider.GetRequiredService<QuizDbContext>().Database.GetConnectionString()!;
        }

        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("""SELECT 1 FROM quiz."Attempts" WHERE "Id" = @id FOR UPDATE""", connection, transaction);
        command.Parameters.AddWithValue("id", attemptId);
        await command.ExecuteScalarAsync();
        return new Hold(connection, transaction);
    }

    private static async Task TerminateWaitingStatementAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresFixture.AdminConnectionString);
        await connection.OpenAsync();
        for (var tries = 0; tries < 200; tries++)
        {
            await using var command = new NpgsqlCommand(
                """SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH locked AS%'""", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no batch statement waited for the locked row");
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

    private sealed record Started(Guid Id, long[] ItemIds);

    private sealed class Hold(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
