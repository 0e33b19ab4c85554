using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Core.Observability;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Observability;

/// <summary>The platform's own metrics count what contestants do, per tenant.</summary>
[Collection(SqliteSuite.Name)]
public sealed class MetricsTests(SqliteFixture fixture) : IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Tenant, string? Outcome)> _measurements = new();
    private readonly MeterListener _listener = new();

    [Fact]
    public async Task AttemptStartAnswerAndSubmit_AreCounted_WithTheirTenant()
    {
        Listen();
        var tenant = await fixture.CreateTenantAsync();
        var quiz = new QuizData(fixture, tenant);
        await quiz.AddQuestionsAsync(6);
        await quiz.AddUnitsAsync();
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        var client = await quiz.RegisteredClientAsync();

        var started = await (await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var attemptId = started.GetProperty("attemptId").GetGuid();
        var question = started.GetProperty("questions")[0];
        var answer = await client.PutAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/answers/{question.GetProperty("id").GetString()}", new { optionId = question.GetProperty("options")[0].GetProperty("id").GetString() });
        var submit = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/attempts/{attemptId}/submit", new { prediction = 1 });
        _listener.RecordObservableInstruments();

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var mine = _measurements.Where(m => m.Tenant == tenant.Name).ToList();
        Assert.Equal(1, mine.Count(m => m.Instrument == "contest.attempts.started"));
        var save = Assert.Single(mine, m => m.Instrument == "contest.answers.save.duration");
        Assert.True(save.Value > 0, "the save took some time");
        Assert.Single(mine, m => m.Instrument == "contest.attempts.finished" && m.Outcome == "submitted");
    }

    public void Dispose() => _listener.Dispose();

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PlatformMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? tenant = null;
        string? outcome = null;
        foreach (var tag in tags)
        {
            tenant = tag.Key == "tenant" ? tag.Value as string : tenant;
            outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
        }

        _measurements.Enqueue((instrument.Name, value, tenant, outcome));
    }
}
