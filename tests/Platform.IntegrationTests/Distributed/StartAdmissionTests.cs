using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Attempts;

namespace Platform.IntegrationTests.Distributed;

/// <summary>
/// Starts beyond what the node admits wait in a queue; beyond the queue, or beyond the longest wait, they are asked to
/// come back.
/// </summary>
[Collection(SqliteSuite.Name)]
public sealed class StartAdmissionTests(SqliteFixture fixture)
{
    [Fact]
    public async Task Start_WhenTheQueueIsFull_Answers503Queued_WithRetryAfter_AndIsAdmittedOnceThereIsRoom()
    {
        var (node, register, starts) = await NodeWithContestAsync(("Platform:Admission:ConcurrentStarts", "1"), ("Platform:Admission:QueueLimit", "0"));
        using var _ = node;
        var client = await ContestantAsync(node, register);
        var admission = node.Services.GetRequiredService<StartAdmission>();

        HttpResponseMessage refused;
        using (var busy = await admission.EnterAsync(CancellationToken.None))
        {
            Assert.True(busy.IsAcquired);
            refused = await client.PostAsJsonAsync(starts, new { });
        }

        var admitted = await client.PostAsJsonAsync(starts, new { });

        await AssertQueuedAsync(refused);
        Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
    }

    [Fact]
    public async Task Start_ThatWaitedItsLongestInTheQueue_Answers503Queued_InsteadOfHangingUntilTheClientGivesUp()
    {
        var (node, register, starts) = await NodeWithContestAsync(
            ("Platform:Admission:ConcurrentStarts", "1"), ("Platform:Admission:QueueLimit", "100"), ("Platform:Admission:MaxWaitSeconds", "1"));
        using var _ = node;
        var client = await ContestantAsync(node, register);
        var admission = node.Services.GetRequiredService<StartAdmission>();

        Task<HttpResponseMessage> waiting;
        Task finished;
        using (var busy = await admission.EnterAsync(CancellationToken.None))
        {
            Assert.True(busy.IsAcquired);
            waiting = client.PostAsJsonAsync(starts, new { });
            finished = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(15)));
        }

        Assert.Same(waiting, finished);
        await AssertQueuedAsync(await waiting);
        Assert.Equal(0, admission.Waiting);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(starts, new { })).StatusCode);
    }

    [Fact]
    public async Task Starts_BeyondTheConcurrentOnes_WaitTheirTurn_AndAllSucceed()
    {
        var (node, register, starts) = await NodeWithContestAsync(
            ("Platform:Admission:ConcurrentStarts", "1"), ("Platform:Admission:QueueLimit", "100"), ("Platform:RateLimits:RegisterPerMinute", "1000"));
        using var _ = node;
        var clients = new List<HttpClient>();
        for (var i = 0; i < 12; i++)
        {
            clients.Add(await ContestantAsync(node, register));
        }

        var answers = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync(starts, new { })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
    }

    /// <summary>A node with the given settings and a tenant with an open contest; returns the node and the addresses to register and start.</summary>
    private async Task<(WebApplicationFactory<Program> Node, string Register, string Starts)> NodeWithContestAsync(params (string Key, string Value)[] settings)
    {
        var tenant = await fixture.CreateTenantAsync();
        var quiz = new QuizData(fixture, tenant);
        await quiz.AddQuestionsAsync(6);
        await quiz.AddUnitsAsync();
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        var node = fixture.Factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        return (node, $"{quiz.Base}/api/v1/account/register", $"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts");
    }

    private static async Task<HttpClient> ContestantAsync(WebApplicationFactory<Program> node, string register)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(register, QuizData.Registration())).StatusCode);
        return client;
    }

    private static async Task AssertQueuedAsync(HttpResponseMessage refused)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("3", refused.Headers.GetValues("Retry-After").Single());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith(":queued", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }
}
