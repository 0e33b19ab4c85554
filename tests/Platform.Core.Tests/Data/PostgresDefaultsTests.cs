using System.Data.Common;
using Platform.Core.Data;

namespace Platform.Core.Tests.Data;

public sealed class PostgresDefaultsTests
{
    [Fact]
    public void Unset_StatementsArePreparedAndConnectionsNotResetOnClose()
    {
        var result = Parse(DatabaseLocator.WithPostgresDefaults("Host=db;Username=app;Password=p;Database=contest;Maximum Pool Size=40"));

        Assert.Equal("64", result["Max Auto Prepare"]);
        Assert.Equal("true", result["No Reset On Close"]);
        Assert.Equal("40", result["Maximum Pool Size"]);
        Assert.Equal("db", result["Host"]);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("Host=db;max auto prepare=0;NORESETONCLOSE=false")]
    public void WhatTheOperatorSet_IsKept(string connectionString)
    {
        var result = Parse(DatabaseLocator.WithPostgresDefaults(connectionString));

        Assert.Equal(3, result.Count);
        Assert.Equal(["0", "false"], result.Keys.Cast<string>().Where(k => k != "host").Select(k => (string)result[k]));
    }

    private static DbConnectionStringBuilder Parse(string connectionString) => new() { ConnectionString = connectionString };
}
