using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Data;
using Platform.Core.Observability;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Attempts;
using Quiz.Data;

namespace Platform.IntegrationTests.Attempts;

/// <summary>Answers that arrive while the database is busy are committed together, and each is kept.</summary>
[Collection(SqliteSuite.Name)]
public sealed class AnswerCommitTests(SqliteFixture fixture) : IDisposable
{
    private readonly ConcurrentQueue<(int Size, string? Tenant)> _batches = new();
    private readonly MeterListener _listener = new();

    [Fact]
    public async Task AnswersArrivingWhileTheDatabaseIsBusy_AreCommittedInOneTransaction_AndAllKept()
    {
        Listen();
        var quiz = new QuizData(fixture, await fixture.CreateTenantAsync());
        await quiz.AddUnitsAsync();
        await quiz.AddQuestionsAsync(10);
        var contest = await quiz.AddContestAsync();
        var client = await quiz.RegisteredClientAsync();
        var start = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });
        var attemptId = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptId").GetGuid();
        var key = await quiz.KeyAsync(attemptId);
        var commits = fixture.Services.GetRequiredService<AnswerCommits>();

        Task<HttpResponseMessage[]> saves;
        await using (var scope = fixture.Scope(quiz.Tenant))
        {
            // Another writer holds the database (as a start or a submit would) while the ten answers arrive.
            using (await fixture.Services.GetRequiredService<SqliteWriteTurns>().EnterAsync(scope.ServiceProvider.GetRequiredService<QuizDbContext>(), CancellationToken.None))
            {
                saves = Task.WhenAll(key.Select(k => client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{k.Key}", new { optionId = k.Value })));
                var waited = DateTime.UtcNow;
                while (commits.Waiting(quiz.Tenant) < key.Count && DateTime.UtcNow - waited < TimeSpan.FromSeconds(20))
                {
                    await Task.Delay(20);
                }

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

    public void Dispose() => _listener.Dispose();

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PlatformMetrics.MeterName && instrument.Name == "contest.answers.save.batch")
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
