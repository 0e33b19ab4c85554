using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core;
using Platform.Core.Identity;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Data;

namespace Platform.IntegrationTests.Data;

public abstract class DedicatedDatabaseTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task Tenant_WithItsOwnDatabase_KeepsItsRowsThereAndNotInThePlatformDatabase()
    {
        var dedicated = await fixture.CreateDatabaseAsync("dedicated");
        var tenant = await fixture.CreateTenantAsync(database: dedicated);
        await fixture.CreateUserAsync(tenant, "bientap-rieng", PlatformRoles.Editor, "matkhau2023");

        var inDedicated = await CountUsersAsync(dedicated, tenant.Id);
        var inPlatform = await CountUsersAsync(fixture.ConnectionString, tenant.Id);
        var login = await PlatformFixture.LoginAsync(fixture.CreateClient(), $"/{tenant.Prefix}", "bientap-rieng", "matkhau2023");

        Assert.Equal(2, inDedicated); // the recipe's admin and ours
        Assert.Equal(0, inPlatform);
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task ContextOptions_AreBuiltOncePerDatabase_AndEachTenantsContextUsesItsOwnDatabase()
    {
        var dedicated = await fixture.CreateDatabaseAsync("dedicated");
        var own = await fixture.CreateTenantAsync(database: dedicated);
        var first = await fixture.CreateTenantAsync();
        var second = await fixture.CreateTenantAsync();

        var (ownOptions, ownConnection) = await OptionsAsync(own);
        var (firstOptions, firstConnection) = await OptionsAsync(first);
        var (secondOptions, secondConnection) = await OptionsAsync(second);
        var (againOptions, _) = await OptionsAsync(first);

        Assert.Same(firstOptions, secondOptions); // both in the platform database
        Assert.Same(firstOptions, againOptions);
        Assert.NotSame(firstOptions, ownOptions);
        Assert.Equal(firstConnection, secondConnection);
        Assert.NotEqual(firstConnection, ownConnection);
    }

    private async Task<(IDbContextOptions Options, string Connection)> OptionsAsync(TenantInfo tenant)
    {
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        return (db.GetService<IDbContextOptions>(), db.Database.GetConnectionString()!);
    }

    private async Task<long> CountUsersAsync(string connectionString, string tenantId)
    {
        await using DbConnection connection = fixture.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = fixture.Provider == DatabaseProvider.Postgres
            ? "SELECT COUNT(*) FROM users.\"Users\" WHERE \"TenantId\" = @t"
            : "SELECT COUNT(*) FROM users_Users WHERE TenantId = @t";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@t";
        parameter.Value = tenantId;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteDedicatedDatabaseTests(SqliteFixture fixture) : DedicatedDatabaseTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresDedicatedDatabaseTests(PostgresFixture fixture) : DedicatedDatabaseTests<PostgresFixture>(fixture);
