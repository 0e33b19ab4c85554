using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Platform.Core;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;

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
