using System.Net;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Health;

[Collection(SqliteSuite.Name)]
public sealed class ReadinessTests(SqliteFixture fixture)
{
    private static string Redis => Environment.GetEnvironmentVariable("PLATFORM_TEST_REDIS")
        ?? throw new InvalidOperationException("PLATFORM_TEST_REDIS is not set: run the tests through ./test.sh, which starts Redis.");

    [Fact]
    public async Task Ready_WhenRedisConfiguredAndUp_IsHealthy()
    {
        using var node = fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Platform:Redis:Configuration", Redis));

        var response = await node.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_WhenRedisConfiguredButDown_ReportsDegraded_AndKeepsTheNodeInService()
    {
        using var node = fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Platform:Redis:Configuration", "127.0.0.1:1,connectTimeout=500"));
        var client = node.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        // A load balancer keeps the node: the site serves from the database and local caches without Redis.
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task BehindAProxyOnThisMachine_TheForwardedSchemeAndClientAreUsed()
    {
        var tenant = await fixture.CreateTenantAsync();
        var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{tenant.Prefix}/rss");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var rss = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"<link>https://localhost/{tenant.Prefix}/</link>", rss, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverHttpsBehindTheProxy_PublicPagesAreCompressed_AdminPagesAreNot()
    {
        var tenant = await fixture.CreateTenantAsync();
        var client = fixture.CreateClient();

        async Task<string?> EncodingOf(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("Accept-Encoding", "gzip");
            var response = await client.SendAsync(request);
            return response.Content.Headers.ContentEncoding.SingleOrDefault();
        }

        Assert.Equal("gzip", await EncodingOf($"/{tenant.Prefix}/tin-tuc"));
        Assert.Null(await EncodingOf($"/{tenant.Prefix}/admin/login"));
    }
}
