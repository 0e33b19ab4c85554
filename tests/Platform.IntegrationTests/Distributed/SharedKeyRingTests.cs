using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Distributed;

/// <summary>
/// Signed in through one node, served by another: the data-protection key ring is in the shared database, so a node
/// with its own data folder (no shared disk) reads the cookie another node wrote.
/// </summary>
public abstract class SharedKeyRingTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task Cookie_WrittenByNodeA_IsAcceptedByNodeB_WithAnotherDataFolder()
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "btc", PlatformRoles.TenantAdmin, "matkhau-btc-2023");
        using var b = fixture.Factory.WithWebHostBuilder(w => w.UseSetting("Platform:DataPath", Directory.CreateTempSubdirectory("node-b-").FullName));
        var a = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await a.PostAsJsonAsync($"/{tenant.Prefix}/api/v1/account/login", new { login = "btc", password = "matkhau-btc-2023" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        var onB = b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{tenant.Prefix}/admin");
        request.Headers.Add("Cookie", cookie);
        var response = await onB.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteSharedKeyRingTests(SqliteFixture fixture) : SharedKeyRingTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresSharedKeyRingTests(PostgresFixture fixture) : SharedKeyRingTests<PostgresFixture>(fixture);
