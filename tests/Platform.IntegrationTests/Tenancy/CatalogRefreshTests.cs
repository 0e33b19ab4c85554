using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tenancy;

public abstract class CatalogRefreshTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task TenantCreatedOnAnotherNode_IsServedHereWithinSeconds()
    {
        var client = fixture.CreateClient();
        _ = await client.GetAsync("/"); // this node has loaded its catalog
        var other = fixture.AddNode();
        var name = PlatformFixture.UniqueName();

        await using (var scope = other.Services.GetRequiredService<TenantScopeFactory>().CreateScope(null))
        {
            await scope.ServiceProvider.GetRequiredService<TenantSetupService>()
                .CreateAsync(new CreateTenantRequest(name, PlatformFixture.SiteRecipe, null, [], null), TextWriter.Null, CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.OK, await fixture.WaitForStatusAsync($"/{name}/", HttpStatusCode.OK));
    }

    [Fact]
    public async Task TenantDisabledOnAnotherNode_Returns404HereWithinSeconds()
    {
        var tenant = await fixture.CreateTenantAsync();
        var client = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{tenant.Prefix}/")).StatusCode);
        var other = fixture.AddNode();

        await using (var scope = other.Services.GetRequiredService<TenantScopeFactory>().CreateScope(null))
        {
            await scope.ServiceProvider.GetRequiredService<TenantCatalogStore>().SetStateAsync(tenant.Name, TenantState.Disabled, null, CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.NotFound, await fixture.WaitForStatusAsync($"/{tenant.Prefix}/", HttpStatusCode.NotFound));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteCatalogRefreshTests(SqliteFixture fixture) : CatalogRefreshTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresCatalogRefreshTests(PostgresFixture fixture) : CatalogRefreshTests<PostgresFixture>(fixture);
