using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Attempts;
using Quiz.Data;

namespace Platform.IntegrationTests.Attempts;

/// <summary>
/// A start reads the questions the contestant has seen. Read through every attempt item of the tenant, it made each
/// start cost more as the contest filled up (5,000 synchronized starts after an evening of 100,000 items: 2 started in
/// 30 s on SQLite). The plan must reach the items through the contestant's attempts, by index.
/// </summary>
[Collection(SqliteSuite.Name)]
public sealed partial class SeenQuestionsPlanTests(SqliteFixture fixture)
{
    [Fact]
    public async Task SeenQuestions_OnSqlite_SearchesByIndex_AndScansNoTable()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var sql = AttemptService.SeenQuestions(db, contestantId: 1, contestId: 2).ToQueryString();

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var statement = new List<string>();
        foreach (var line in sql.Split('\n'))
        {
            if (ParamSet().Match(line) is { Success: true } param)
            {
                command.Parameters.AddWithValue(param.Groups[1].Value, param.Groups[2].Value.Trim().Trim('\''));
            }
            else
            {
                statement.Add(line);
            }
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', statement);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        // Led by the contestant's attempts through their index; the items and versions are then looked up by key. (The
        // former query was led by the tenant's question versions and reached every item of the tenant.)
        var shown = string.Join(" / ", plan);
        Assert.True(plan.Count > 0 && plan[0].Contains("IX_quiz_Attempts_", StringComparison.Ordinal) && plan[0].Contains("ContestantId=?", StringComparison.Ordinal), shown);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\.param set (\S+) (.*)$")]
    private static partial Regex ParamSet();
}
