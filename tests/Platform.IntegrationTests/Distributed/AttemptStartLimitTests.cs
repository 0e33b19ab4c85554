using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Core.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Distributed;

/// <summary>
/// The rate limits over HTTP: starting attempts in a loop is refused with the <c>rate-limited</c> problem, sign-in and
/// registration keep their 429, and with Redis a limit holds across the nodes (a client cannot spread its requests).
/// </summary>
public abstract class AttemptStartLimitTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task AttemptStarts_BeyondTheLimit_Answer429RateLimited_WithRetryAfter()
    {
        var quiz = await QuizAsync();
        var contest = await quiz.AddContestAsync();
        using var node = Node(("Platform:RateLimits:AttemptStartsPerMinute", "3"));
        var client = await RegisteredClientAsync(node, quiz);
        await WholeBurstInOneWindowAsync();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage response = null!;
        for (var i = 0; i < 5; i++)
        {
            response = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        await AssertRateLimitedAsync(response);
        // Only starting is limited: the contestant goes on with the attempt they have.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{quiz.Base}/api/v1/me/attempts")).StatusCode);
    }

    [Fact]
    public async Task ByDefault_AClientStartingInALoop_IsRefusedAfterSixtyAMinute()
    {
        var quiz = await QuizAsync();
        var contest = await quiz.AddContestAsync();
        var client = await quiz.RegisteredClientAsync();
        await WholeBurstInOneWindowAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < new RateLimitOptions().AttemptStartsPerMinute + 1; i++)
        {
            statuses.Add((await client.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).StatusCode);
        }

        Assert.Equal(60, statuses.Count(s => s is HttpStatusCode.Created or HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task AttemptStartLimit_IsPerTenant()
    {
        var first = await QuizAsync();
        var second = await QuizAsync();
        var contest = await first.AddContestAsync();
        var other = await second.AddContestAsync();
        using var node = Node(("Platform:RateLimits:AttemptStartsPerMinute", "1"));
        var client = await RegisteredClientAsync(node, first);
        var elsewhere = await RegisteredClientAsync(node, second);
        await WholeBurstInOneWindowAsync();

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"{first.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync($"{first.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await elsewhere.PostAsJsonAsync($"{second.Base}/api/v1/contests/{other.Slug}/attempts", new { })).StatusCode);
    }

    [Fact]
    public async Task SignIn_BeyondTheLimit_Answers429RateLimited()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var node = Node(("Platform:RateLimits:SignInPerMinute", "2"));
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await WholeBurstInOneWindowAsync();

        var first = await PlatformFixture.LoginAsync(client, $"/{tenant.Prefix}", "nobody", "wrong-password");
        var second = await PlatformFixture.LoginAsync(client, $"/{tenant.Prefix}", "nobody", "wrong-password");
        var third = await PlatformFixture.LoginAsync(client, $"/{tenant.Prefix}", "nobody", "wrong-password");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
        await AssertRateLimitedAsync(third);
    }

    [Fact]
    public async Task Register_BeyondTheLimit_Answers429RateLimited()
    {
        var quiz = await QuizAsync();
        await quiz.AddContestAsync(); // its groups are what a registration names
        using var node = Node(("Platform:RateLimits:RegisterPerMinute", "2"));
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await WholeBurstInOneWindowAsync();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage response = null!;
        for (var i = 0; i < 3; i++)
        {
            response = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", QuizData.Registration());
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        await AssertRateLimitedAsync(response);
    }

    [Fact]
    public async Task WithRedis_TheLimitHoldsAcrossNodes()
    {
        var quiz = await QuizAsync();
        var contest = await quiz.AddContestAsync();
        var prefix = $"test:{Guid.NewGuid():N}:";
        var settings = new[]
        {
            ("Platform:Redis:Configuration", RedisNodes.Configuration), ("Platform:Redis:KeyPrefix", prefix),
            ("Platform:RateLimits:AttemptStartsPerMinute", "2"),
        };
        using var a = Node(settings);
        using var b = Node(settings);
        var onA = await RegisteredClientAsync(a, quiz);
        var onB = await RegisteredClientAsync(b, quiz);
        await WholeBurstInOneWindowAsync();

        Assert.Equal(HttpStatusCode.Created, (await onA.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onA.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { })).StatusCode);

        // Another contestant behind the same address, on the other node: the address's permits are used up.
        await AssertRateLimitedAsync(await onB.PostAsJsonAsync($"{quiz.Base}/api/v1/contests/{contest.Slug}/attempts", new { }));
    }

    /// <summary>Windows are whole minutes of the clock: a burst that straddled two would get two windows' permits.</summary>
    private static async Task WholeBurstInOneWindowAsync()
    {
        var now = DateTime.UtcNow;
        var left = TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerMinute);
        if (left < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(100));
        }
    }

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Problems.TypePrefix + "rate-limited", problem.GetProperty("type").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    private async Task<QuizData> QuizAsync()
    {
        var quiz = new QuizData(fixture, await fixture.CreateTenantAsync());
        await quiz.AddUnitsAsync();
        await quiz.AddQuestionsAsync(12);
        return quiz;
    }

    private static async Task<HttpClient> RegisteredClientAsync(WebApplicationFactory<Program> node, QuizData quiz)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", QuizData.Registration());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return client;
    }

    private WebApplicationFactory<Program> Node(params (string Key, string Value)[] settings) => fixture.Factory.WithWebHostBuilder(b =>
    {
        foreach (var (key, value) in settings)
        {
            b.UseSetting(key, value);
        }
    });
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteAttemptStartLimitTests(SqliteFixture fixture) : AttemptStartLimitTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresAttemptStartLimitTests(PostgresFixture fixture) : AttemptStartLimitTests<PostgresFixture>(fixture);
