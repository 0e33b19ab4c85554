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
    public async Task Ready_WhenRedisConfiguredButDown_IsUnhealthyWhileLiveStaysUp()
    {
        using var node = fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Platform:Redis:Configuration", "127.0.0.1:1,connectTimeout=500"));
        var client = node.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
