using Platform.Core.Contests;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Tenancy;
using Quiz.Contests;
using Quiz.Data;
using Quiz.Questions;
using Quiz.Units;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>Test data for the quiz: a bank, units and a contest written straight into a tenant's tables.</summary>
public sealed class QuizData(PlatformFixture fixture, TenantInfo tenant)
{
    public const string Password = "matkhau2023";

    private static int _citizen = 100_000;

    public TenantInfo Tenant => tenant;

    public string Base => $"/{tenant.Prefix}";

    /// <summary>Adds active questions with 4 options each; the correct one is at <c>i % 4</c>.</summary>
    public async Task AddQuestionsAsync(int count, string topic = "Chuyển đổi số", int difficulty = 1)
    {
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var start = await db.Questions.CountAsync();
        for (var i = start; i < start + count; i++)
        {
            var question = new Question { Code = $"Q{i:000}", Topic = topic, Difficulty = difficulty, State = QuestionState.Active, CurrentVersion = 1, UpdatedAt = DateTime.UtcNow };
            db.Questions.Add(question);
            await db.SaveChangesAsync();
            var version = new QuestionVersion
            {
                QuestionId = question.Id, Number = 1, Text = $"Câu hỏi số {i}?", Options = ["Phương án một", "Phương án hai", "Phương án ba", "Phương án bốn"],
                CorrectIndex = i % 4, Source = "Nguồn thử nghiệm", Explanation = "Giải thích", CreatedAt = DateTime.UtcNow,
            };
            db.QuestionVersions.Add(version);
            await db.SaveChangesAsync();
            question.CurrentVersionId = version.Id;
            await db.SaveChangesAsync();
        }
    }

    public async Task AddUnitsAsync()
    {
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        db.Units.Add(new Unit { Code = "BK-TP", Name = "Thành phố Bắc Kạn", Block = "Huyện, thành phố", SortOrder = 1 });
        db.Units.Add(new Unit { Code = "BK-TP-DX", Name = "Phường Đức Xuân", ParentCode = "BK-TP", Block = "Xã, phường, thị trấn", SortOrder = 2 });
        await db.SaveChangesAsync();
    }

    /// <summary>Adds a contest open now (unless changed by <paramref name="configure"/>).</summary>
    public async Task<Contest> AddContestAsync(Action<Contest>? configure = null)
    {
        var now = DateTime.UtcNow;
        var contest = new Contest
        {
            Slug = "thi-" + Guid.NewGuid().ToString("N")[..8], Title = "Cuộc thi thử", OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(7),
            Groups = [new ContestGroup { Code = "N1", Name = "Nhóm 1" }, new ContestGroup { Code = "N2", Name = "Nhóm 2" }],
            QuestionsPerAttempt = 10, TimeLimitSeconds = 1200, GraceSeconds = 30, AttemptsAllowed = 1, MinimumAge = 15,
            PredictionPrompt = "Có bao nhiêu bài thi trả lời đúng tất cả các câu?",
        };
        configure?.Invoke(contest);
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        db.Contests.Add(contest);
        await db.SaveChangesAsync();
        return contest;
    }

    /// <summary>A new contestant's registration body.</summary>
    public static object Registration(string? citizenId = null, string? phone = null, string dateOfBirth = "1990-05-17", string group = "N1", bool consent = true)
    {
        var n = Interlocked.Increment(ref _citizen);
        return new
        {
            fullName = "Nguyễn Văn An", dateOfBirth, gender = "Nam", citizenId = citizenId ?? $"001090{n:000000}", phone = phone ?? $"091{n:0000000}",
            email = "an@example.vn", groupCode = group, unitCode = "BK-TP-DX", password = Password, consent,
        };
    }

    /// <summary>Registers a contestant and returns a client signed in as them.</summary>
    public async Task<HttpClient> RegisteredClientAsync(object? registration = null)
    {
        var client = fixture.CreateClient();
        var response = await client.PostAsJsonAsync($"{Base}/api/v1/account/register", registration ?? Registration());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>The correct option id of each question of an attempt, read from the server's tables (what no client can do).</summary>
    public async Task<Dictionary<string, string>> KeyAsync(Guid attemptId)
    {
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var items = await db.AttemptItems.Where(i => i.AttemptId == attemptId).ToListAsync();
        var key = new Dictionary<string, string>();
        foreach (var item in items)
        {
            var version = await db.QuestionVersions.SingleAsync(v => v.Id == item.QuestionVersionId);
            key[item.PublicId] = item.OptionIds[item.OptionOrder.IndexOf(version.CorrectIndex)];
        }

        return key;
    }

    /// <summary>Moves an attempt's deadline (to simulate the clock passing it).</summary>
    public async Task SetDeadlineAsync(Guid attemptId, DateTime deadline)
    {
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var attempt = await db.Attempts.SingleAsync(a => a.Id == attemptId);
        attempt.StartedAt += deadline - attempt.Deadline;
        attempt.Deadline = deadline;
        await db.SaveChangesAsync();
    }
}
