using Npgsql;

namespace Platform.ClusterTests;

/// <summary>A fresh PostgreSQL database for the run (on the server of <c>PLATFORM_TEST_POSTGRES</c>) and the checks on it.</summary>
internal sealed class Database : IAsyncDisposable
{
    private Database(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string AdminConnectionString => Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("PLATFORM_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL and sets it.");

    public static async Task<Database> CreateAsync()
    {
        var name = $"cluster_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new Database(name, builder.ConnectionString);
    }

    /// <summary>Whether the server accepts connections (and queries) now.</summary>
    public static async Task<(bool, string)> AcceptsConnectionsAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false, Timeout = 3 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync();
        return (true, "accepts connections");
    }

    /// <summary>The attempt's state column (<c>InProgress</c>, <c>Submitted</c>, <c>Expired</c>) or null.</summary>
    public async Task<string?> AttemptStateAsync(Guid attemptId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "State" FROM quiz."Attempts" WHERE "Id" = @id""", connection);
        command.Parameters.AddWithValue("id", attemptId);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>
    /// The option id (as the API named it) stored for each question id of the attempt, or null when none is stored:
    /// <c>SelectedIndex</c> mapped back through <c>OptionOrder</c> to <c>OptionIds</c>.
    /// </summary>
    public async Task<Dictionary<string, string?>> StoredAnswersAsync(Guid attemptId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "PublicId", "OptionIds", "OptionOrder", "SelectedIndex", "AnsweredAt" FROM quiz."AttemptItems" WHERE "AttemptId" = @id""", connection);
        command.Parameters.AddWithValue("id", attemptId);
        var stored = new Dictionary<string, string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var publicId = reader.GetString(0);
            var optionIds = reader.GetFieldValue<string[]>(1);
            var order = reader.GetFieldValue<int[]>(2);
            string? option = null;
            if (!reader.IsDBNull(3))
            {
                var selected = reader.GetInt32(3);
                var shown = Array.IndexOf(order, selected);
                option = shown >= 0 ? optionIds[shown] : $"<index {selected} not in OptionOrder>";
                if (reader.IsDBNull(4))
                {
                    option += " <AnsweredAt null>";
                }
            }

            stored[publicId] = option;
        }

        return stored;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        // No pooling: a check right after a PostgreSQL restart must not pick up a dead pooled connection.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
