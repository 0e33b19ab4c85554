using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tenancy;

public abstract class TenantLifecycleTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task Home_WhenTenantCreatedFromSample_ServesVietnameseThemedPage()
    {
        var tenant = await fixture.CreateTenantAsync();

        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
        Assert.Contains("Tìm hiểu về chuyển đổi số tỉnh Bắc Kạn", html, StringComparison.Ordinal);
        Assert.Contains("/themes/BacKan/backan.css", html, StringComparison.Ordinal);
        Assert.Equal(TenantState.Running, tenant.State);
        Assert.Equal("vi-VN", tenant.Culture);
        Assert.Equal("Asia/Ho_Chi_Minh", tenant.TimeZone);
        Assert.Equal("BacKan", tenant.Theme);
    }

    [Fact]
    public async Task Home_WhenPrefixDiffersInCase_ResolvesTheSameTenant()
    {
        var tenant = await fixture.CreateTenantAsync();

        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix.ToUpperInvariant()}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_WhenPrefixUnknown_Returns404Page()
    {
        var response = await fixture.CreateClient().GetAsync($"/{PlatformFixture.UniqueName("nobody")}/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WhenTenantDisabledThenEnabled_Returns404ThenPage()
    {
        var tenant = await fixture.CreateTenantAsync();
        var client = fixture.CreateClient();

        await SetStateAsync(tenant, TenantState.Disabled);
        var disabled = await client.GetAsync($"/{tenant.Prefix}/");
        await SetStateAsync(tenant, TenantState.Running);
        var enabled = await client.GetAsync($"/{tenant.Prefix}/");

        Assert.Equal(HttpStatusCode.NotFound, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
    }

    [Fact]
    public async Task Request_WhenTenantInitializing_Returns503WithRetryAfter()
    {
        var tenant = await fixture.CreateTenantAsync();
        await SetStateAsync(tenant, TenantState.Initializing);

        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Request_WhenHostNameMapped_ServesTenantAtRootWithoutPrefix()
    {
        var host = $"{PlatformFixture.UniqueName("h")}.example.test";
        var tenant = await fixture.CreateTenantAsync(prefix: string.Empty, hosts: [host.ToUpperInvariant()]);
        var client = fixture.CreateClient(host);

        var home = await client.GetAsync("/");
        var admin = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(tenant.DisplayName, await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.StartsWith("/admin/login", admin.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenPrefixTaken_FailsWithPrefixError()
    {
        var first = await fixture.CreateTenantAsync();

        var error = await Assert.ThrowsAsync<TenantValidationException>(() => fixture.CreateTenantAsync(prefix: first.Prefix.ToUpperInvariant()));

        Assert.Contains("prefix", error.Errors.Keys);
    }

    [Fact]
    public async Task Create_WhenPrefixReserved_FailsWithPrefixError()
    {
        var error = await Assert.ThrowsAsync<TenantValidationException>(() => fixture.CreateTenantAsync(prefix: "admin"));

        Assert.Contains("prefix", error.Errors.Keys);
    }

    [Fact]
    public async Task HostAdmin_WhenNoTenant_AnswersOnHostAndRedirectsToHostLogin()
    {
        var response = await fixture.CreateClient().GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WhenDatabaseUp_IsHealthy(string path)
    {
        var response = await fixture.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private async Task SetStateAsync(TenantInfo tenant, TenantState state)
    {
        await using var scope = fixture.Scope(null);
        await scope.ServiceProvider.GetRequiredService<TenantCatalogStore>().SetStateAsync(tenant.Name, state, null, CancellationToken.None);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteTenantLifecycleTests(SqliteFixture fixture) : TenantLifecycleTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresTenantLifecycleTests(PostgresFixture fixture) : TenantLifecycleTests<PostgresFixture>(fixture);
