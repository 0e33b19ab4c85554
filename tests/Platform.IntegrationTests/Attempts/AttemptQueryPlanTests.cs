using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Attempts;
using Quiz.Data;

namespace Platform.IntegrationTests.Attempts;

/// <summary>
/// The hot queries of a contest must cost the same with ten attempts in the database or a million: SQLite's plan for
/// each must search by index and scan no table.
/// </summary>
[Collection(SqliteSuite.Name)]
public sealed partial class AttemptQueryPlanTests(SqliteFixture fixture)
{
    /// <summary>
    /// A start reads the questions the contestant has seen. Read through every attempt item of the tenant, it made each
    /// start cost more as the contest filled up (5,000 synchronized starts after an evening of 100,000 items: 2 started
    /// in 30 s on SQLite). The plan must reach the items through the contestant's attempts, by index.
    /// </summary>
    [Fact]
    public async Task SeenQuestions_OnSqlite_SearchesByIndex_AndScansNoTable()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var plan = await PlanAsync(db, AttemptService.SeenQuestions(db, contestantId: 1, contestId: 2).ToQueryString());

        // Led by the contestant's attempts through their index; the items and versions are then looked up by key. (The
        // former query was led by the tenant's question versions and reached every item of the tenant.)
        var shown = string.Join(" / ", plan);
        Assert.True(plan.Count > 0 && plan[0].Contains("IX_quiz_Attempts_", StringComparison.Ordinal) && plan[0].Contains("ContestantId=?", StringComparison.Ordinal), shown);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    /// <summary>
    /// An answer save reads the attempt's sheet (its owner and items) once per node. Written with a subquery per item,
    /// the save's read once made SQLite number every item of the tenant with that question id on each save (deadline
    /// evening: 77,002 of 100,000 saves got no answer in 30 s). The plan must find the attempt and its owner by key and
    /// its items by index.
    /// </summary>
    [Fact]
    public async Task AnswerSheet_OnSqlite_SearchesByKeyAndIndex_AndScansNoTable()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();

        var plan = await PlanAsync(db, AnswerSheets.Query(db, Guid.NewGuid()).ToQueryString());

        var shown = string.Join(" / ", plan);
        Assert.True(plan.Count > 0, shown);
        Assert.All(plan, step => Assert.StartsWith("SEARCH", step, StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("AttemptItems", StringComparison.Ordinal) && step.Contains("AttemptId=?", StringComparison.Ordinal));
    }

    /// <summary>
    /// An answer save, the hottest statement of a contest, writes the attempt by key and its item by the attempt and the
    /// item's position (unique): it must never read through a table.
    /// </summary>
    [Fact]
    public async Task AnswerSave_OnSqlite_WritesByKeyAndIndex_AndScansNoTable()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();

        var statements = AnswerStatement.Sql(db.Model, sqlite: true).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var plans = new List<List<string>>();
        foreach (var statement in statements)
        {
            plans.Add(await PlanAsync(db, statement));
        }

        var shown = string.Join(" // ", plans.Select(p => string.Join(" / ", p)));
        Assert.Equal(2, plans.Count);
        Assert.DoesNotContain(plans.SelectMany(p => p), step => step.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.True(plans[0].Exists(step => step.StartsWith("SEARCH quiz_AttemptItems USING INDEX", StringComparison.Ordinal) && step.Contains("(AttemptId=? AND Position=?)", StringComparison.Ordinal)), shown);
        Assert.True(plans.TrueForAll(plan => plan.Exists(step => step.StartsWith("SEARCH quiz_Attempts USING INDEX sqlite_autoindex_quiz_Attempts_1 (Id=?)", StringComparison.Ordinal))), shown);
    }

    private static async Task<List<string>> PlanAsync(QuizDbContext db, string sql)
    {
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

        return plan;
    }

    [GeneratedRegex(@"^\.param set (\S+) (.*)$")]
    private static partial Regex ParamSet();
}

/// <summary>
/// PostgreSQL plans by its statistics, and a contest's attempts table has none until autovacuum first analyzes it (about
/// a minute into a new contest, then again only as it grows by a tenth). The hot queries must still search the right
/// index then.
/// </summary>
[Collection(PostgresSuite.Name)]
public sealed class PostgresAttemptQueryPlanTests(PostgresFixture fixture)
{
    /// <summary>
    /// A start reads the contestant's attempts at the contest. On a table not yet analyzed, PostgreSQL priced two indexes
    /// alike and took the one on (tenant, contest, state): each start then read every attempt of the contest (deadline
    /// ramp on the cluster: 0.377 ms of the start's 1.6 ms in PostgreSQL with none to find, growing with the contest).
    /// </summary>
    [Fact]
    public async Task ContestantAttempts_OnATableNotYetAnalyzed_SearchesTheContestantsIndex()
    {
        var database = await fixture.CreateDatabaseAsync("plan");
        var tenant = await fixture.CreateTenantAsync(database: database);
        var contest = await new QuizData(fixture, tenant).AddContestAsync();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await FillAsync(connection, tenant.Id, contest.Id, 1500, """CASE WHEN c."Id" % 3 = 0 THEN 'InProgress' ELSE 'Submitted' END""");
        }

        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var contestantId = await db.Contestants.Select(c => c.Id).OrderBy(id => id).Skip(700).FirstAsync();
        await db.Database.OpenConnectionAsync();
        await using var explain = AttemptQueries.ContestantAttempts.Compile()(db, contestantId, contest.Id).CreateDbCommand();
        explain.CommandText = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + explain.CommandText;
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var shown = string.Join(" / ", plan);
        Assert.True(plan.Count > 0 && plan[0].Contains("IX_Attempts_TenantId_ContestId_ContestantId_LimitScope_Sequence", StringComparison.Ordinal), shown);
        Assert.True(plan.Exists(step => step.Contains("Index Cond:", StringComparison.Ordinal) && step.Contains("\"ContestantId\" =", StringComparison.Ordinal)), shown);
        Assert.False(plan.Exists(step => step.Contains("Rows Removed by Filter", StringComparison.Ordinal)), shown);
    }

    /// <summary>
    /// An answer save writes the item by its attempt and position. On tables not yet analyzed it must still reach the
    /// attempt by key and the item by the unique (attempt, position) index, reading no other row.
    /// </summary>
    [Fact]
    public async Task AnswerSave_OnTablesNotYetAnalyzed_WritesByKeyAndTheUniqueIndex()
    {
        var database = await fixture.CreateDatabaseAsync("plan");
        var tenant = await fixture.CreateTenantAsync(database: database);
        var quiz = new QuizData(fixture, tenant);
        await quiz.AddQuestionsAsync(1);
        var contest = await quiz.AddContestAsync();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await FillAsync(connection, tenant.Id, contest.Id, 500, "'InProgress'", """
            INSERT INTO quiz."AttemptItems" ("TenantId", "AttemptId", "Position", "QuestionVersionId", "PublicId", "OptionIds", "OptionOrder")
            SELECT @tenant, a."Id", p, v."Id", 'q' || p || left(a."Id"::text, 8), ARRAY['a', 'b'], ARRAY[0, 1]
            FROM quiz."Attempts" a CROSS JOIN generate_series(1, 20) p
            CROSS JOIN LATERAL (SELECT "Id" FROM quiz."QuestionVersions" LIMIT 1) v;
            """);

        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + AnswerStatement.Sql(db.Model, sqlite: false), connection, transaction);
        explain.Parameters.AddWithValue("attempt", await db.Attempts.Select(a => a.Id).OrderBy(id => id).Skip(250).FirstAsync());
        explain.Parameters.AddWithValue("position", 7);
        explain.Parameters.AddWithValue("tenant", tenant.Id);
        explain.Parameters.AddWithValue("selected", 1);
        explain.Parameters.AddWithValue("at", DateTime.UtcNow);
        explain.Parameters.AddWithValue("open", "InProgress");
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        var shown = string.Join(" / ", plan);
        Assert.True(plan.Exists(step => step.Contains("Index Scan using \"IX_AttemptItems_AttemptId_Position\" on \"AttemptItems\" (actual rows=1 ", StringComparison.Ordinal)), shown);
        Assert.True(plan.Exists(step => step.Contains("Index Scan using \"PK_Attempts\" on \"Attempts\" (actual rows=1 ", StringComparison.Ordinal)), shown);
        Assert.False(plan.Exists(step => step.Contains("Seq Scan", StringComparison.Ordinal) || step.Contains("Rows Removed by Filter", StringComparison.Ordinal)), shown);
    }

    // Contestants of the tenant with one attempt each at the contest (its state a SQL expression of the contestant c),
    // then more rows, in tables autovacuum never analyzes.
    private static async Task FillAsync(NpgsqlConnection connection, string tenantId, long contestId, int contestants, string state, string more = "")
    {
        await using var fill = new NpgsqlCommand($"""
            ALTER TABLE quiz."Contestants" SET (autovacuum_enabled = false);
            ALTER TABLE quiz."Attempts" SET (autovacuum_enabled = false);
            ALTER TABLE quiz."AttemptItems" SET (autovacuum_enabled = false);
            INSERT INTO quiz."Contestants" ("TenantId", "UserId", "FullName", "DateOfBirth", "CitizenId", "Phone", "GroupCode", "UnitCode", "ConsentedAt", "ConsentVersion", "CreatedAt")
            SELECT @tenant, 'u' || g, 'Thí sinh ' || g, DATE '1990-01-01', lpad(g::text, 12, '0'), lpad(g::text, 10, '0'), 'A', 'U', now(), 'v1', now()
            FROM generate_series(1, @contestants) g;
            INSERT INTO quiz."Attempts" ("Id", "TenantId", "ContestId", "ContestantId", "GroupCode", "Round", "LimitScope", "Sequence", "StartedAt", "Deadline", "State", "QuestionCount", "CorrectCount", "Score", "DurationMs", "Seed", "Version")
            SELECT gen_random_uuid(), @tenant, @contest, c."Id", 'A', 1, 'contest', 1, now(), now() + interval '30 minutes', {state}, 20, 0, 0, 0, 1, 1
            FROM quiz."Contestants" c WHERE c."TenantId" = @tenant;
            {more}
            """, connection);
        fill.Parameters.AddWithValue("tenant", tenantId);
        fill.Parameters.AddWithValue("contest", contestId);
        fill.Parameters.AddWithValue("contestants", contestants);
        await fill.ExecuteNonQueryAsync();
    }
}
