using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Attempts;

namespace Platform.IntegrationTests.Distributed;

/// <summary>Starts beyond what the node admits wait in a queue; beyond the queue they are asked to come back.</summary>
[Collection(SqliteSuite.Name)]
public sealed class StartAdmissionTests(SqliteFixture fixture)
{
    [Fact]
    public async Task Start_WhenTheQueueIsFull_Answers503Queued_WithRetryAfter_AndIsAdmittedOnceThereIsRoom()
    {
        var tenant = await fixture.CreateTenantAsync();
        var quiz = new QuizData(fixture, tenant);
        await quiz.AddQuestionsAsync(6);
        await quiz.AddUnitsAsync();
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        using var node = fixture.Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Platform:Admission:ConcurrentStarts", "1");
            b.UseSetting("Platform:Admission:QueueLimit", "0");
        });
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", QuizData.Registration())).StatusCode);
        var admission = node.Services.GetRequiredService<StartAdmission>();

        HttpResponseMessage refused;
        using (var busy = await admission.EnterAsync(CancellationToken.None))
        {
            Assert.True(busy.IsAcquired);
            refused = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });
        }

        var admitted = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("3", refused.Headers.GetValues("Retry-After").Single());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith(":queued", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
    }

    [Fact]
    public async Task Start_ThatWaitedItsLongestInTheQueue_Answers503Queued_InsteadOfHangingUntilTheClientGivesUp()
    {
        var tenant = await fixture.CreateTenantAsync();
        var quiz = new QuizData(fixture, tenant);
        await quiz.AddQuestionsAsync(6);
        await quiz.AddUnitsAsync();
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        using var node = fixture.Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Platform:Admission:ConcurrentStarts", "1");
            b.UseSetting("Platform:Admission:QueueLimit", "100");
            b.UseSetting("Platform:Admission:MaxWaitSeconds", "1");
        });
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", QuizData.Registration())).StatusCode);
        var admission = node.Services.GetRequiredService<StartAdmission>();

        Task<HttpResponseMessage> waiting;
        Task finished;
        using (var busy = await admission.EnterAsync(CancellationToken.None))
        {
            Assert.True(busy.IsAcquired);
            waiting = client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });
            finished = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(15)));
        }

        Assert.Same(waiting, finished);
        var refused = await waiting;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("3", refused.Headers.GetValues("Retry-After").Single());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith(":queued", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, admission.Waiting);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).StatusCode);
    }

    [Fact]
    public async Task Starts_BeyondTheConcurrentOnes_WaitTheirTurn_AndAllSucceed()
    {
        var tenant = await fixture.CreateTenantAsync();
        var quiz = new QuizData(fixture, tenant);
        await quiz.AddQuestionsAsync(6);
        await quiz.AddUnitsAsync();
        var contest = await quiz.AddContestAsync(c => c.QuestionsPerAttempt = 3);
        using var node = fixture.Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Platform:Admission:ConcurrentStarts", "1");
            b.UseSetting("Platform:Admission:QueueLimit", "100");
            b.UseSetting("Platform:RateLimits:RegisterPerMinute", "1000");
        });
        var clients = new List<HttpClient>();
        for (var i = 0; i < 12; i++)
        {
            var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", QuizData.Registration())).StatusCode);
            clients.Add(client);
        }

        var answers = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
    }
}
