using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Audit;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Questions;

namespace Platform.IntegrationTests.Results;

/// <summary>Question edits while a ranked contest is open can change prizes, so they are audited with before and after.</summary>
public abstract class AuditTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    private const string Header = "Code,Topic,Difficulty,Question,A,B,C,D,Correct,Source,Explanation,State";

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task QuestionEdit_IsAudited_OnlyWhileARankedContestIsOpen(bool contestOpen, int expected)
    {
        var tenant = await fixture.CreateTenantAsync();
        var quiz = new QuizData(fixture, tenant);
        await quiz.AddContestAsync(c =>
        {
            if (!contestOpen)
            {
                c.ClosesAt = DateTime.UtcNow.AddDays(-1);
            }
        });
        await ImportAsync(tenant, "Q-1,Chủ đề,1,Câu hỏi một?,Một,Hai,Ba,Bốn,A,Nguồn,,active");

        await ImportAsync(tenant, "Q-1,Chủ đề,1,Câu hỏi một?,Một,Hai,Ba,Bốn,B,Nguồn,,active");

        await using var scope = fixture.Scope(tenant);
        var entries = await scope.ServiceProvider.GetRequiredService<AuditLog>().ListAsync("question:", 10, CancellationToken.None);
        Assert.Equal(expected, entries.Count);
        if (expected > 0)
        {
            Assert.Equal("question.edit", entries[0].Action);
            Assert.Equal("question:Q-1", entries[0].Subject);
            Assert.Contains("\"CorrectIndex\":0", entries[0].Before, StringComparison.Ordinal);
            Assert.Contains("\"CorrectIndex\":1", entries[0].After, StringComparison.Ordinal);
        }
    }

    private async Task ImportAsync(Platform.Core.Tenancy.TenantInfo tenant, string row)
    {
        await using var scope = fixture.Scope(tenant);
        var bytes = Encoding.UTF8.GetBytes($"{Header}\r\n{row}\r\n");
        var result = await scope.ServiceProvider.GetRequiredService<QuestionImporter>().ImportAsync(new MemoryStream(bytes), "cau-hoi.csv");
        Assert.False(result.HasErrors, string.Join("; ", result.ErrorLines));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteAuditTests(SqliteFixture fixture) : AuditTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresAuditTests(PostgresFixture fixture) : AuditTests<PostgresFixture>(fixture);
