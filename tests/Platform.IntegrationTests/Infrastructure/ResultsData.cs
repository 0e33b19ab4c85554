using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Contests;
using Platform.Core.Tenancy;
using Quiz.Attempts;
using Quiz.Contestants;
using Quiz.Contests;
using Quiz.Data;
using Quiz.Units;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// A closed contest with generated final attempts written straight into a tenant's tables: the same seed gives the
/// same contestants, attempts, ids and times on any database, so rankings can be compared across providers. Attempt
/// ids repeat with the seed and are unique across tenants: each test takes a seed no other test uses.
/// </summary>
public static class ResultsData
{
    public static readonly DateTime Closes = new(2023, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Personal data the generator gives contestant <paramref name="i"/>; never to appear publicly.</summary>
    public static (string CitizenId, string Phone, string Email) PersonalData(int i) => ($"0010{i:00000000}", $"098{i:0000000}", $"tsinh{i}@example.vn");

    public static async Task<(Contest Contest, List<EntryRecord> Entries)> GenerateAsync(PlatformFixture fixture, TenantInfo tenant, int contestants, int seed = 2023)
    {
        var random = new Random(seed);
        var contest = new Contest
        {
            Slug = "kq-" + seed, Title = "Cuộc thi sinh dữ liệu", OpensAt = Closes.AddDays(-21), ClosesAt = Closes,
            Groups = [new ContestGroup { Code = "N1", Name = "Nhóm 1" }, new ContestGroup { Code = "N2", Name = "Nhóm 2" }],
            QuestionsPerAttempt = 20, TimeLimitSeconds = 1200, AttemptsAllowed = 3, Counts = CountedAttempt.Best,
            PredictionPrompt = "Bao nhiêu bài đúng tất cả?", Predicts = PredictionTarget.AllCorrectEntries,
            Prizes =
            [
                new PrizeQuota { Group = "N1", Class = "Nhất", Count = 1, Value = 3_000_000 }, new PrizeQuota { Group = "N1", Class = "Nhì", Count = 2, Value = 2_000_000 },
                new PrizeQuota { Group = "N1", Class = "Ba", Count = 3, Value = 1_000_000 }, new PrizeQuota { Group = "N1", Class = "Khuyến khích", Count = 10, Value = 500_000 },
                new PrizeQuota { Group = "N2", Class = "Nhất", Count = 1, Value = 3_000_000 }, new PrizeQuota { Group = "N2", Class = "Khuyến khích", Count = 5, Value = 500_000 },
            ],
            UnitPrizes = new UnitPrizeRule { Count = 2, Metric = "participants" },
        };
        string[] units = ["U-A", "U-A-1", "U-A-2", "U-B", "U-B-1", "U-C"];
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        db.Units.AddRange(
            new Unit { Code = "U-A", Name = "Huyện A", Headcount = 400, SortOrder = 1 },
            new Unit { Code = "U-A-1", Name = "Xã A1", ParentCode = "U-A", SortOrder = 1 },
            new Unit { Code = "U-A-2", Name = "Xã A2", ParentCode = "U-A", SortOrder = 2 },
            new Unit { Code = "U-B", Name = "Huyện B", Headcount = 100, SortOrder = 2 },
            new Unit { Code = "U-B-1", Name = "Xã B1", ParentCode = "U-B", SortOrder = 1 },
            new Unit { Code = "U-C", Name = "=Sở C", SortOrder = 3 });
        db.Contests.Add(contest);
        var people = new List<Contestant>();
        for (var i = 0; i < contestants; i++)
        {
            var (citizenId, phone, email) = PersonalData(i);
            people.Add(new Contestant
            {
                UserId = $"gen-{seed}-{i}", FullName = $"Thí Sinh {i}", DateOfBirth = new DateOnly(1990, 1, 1).AddDays(i % 5000), CitizenId = citizenId, Phone = phone,
                Email = email, GroupCode = i % 3 == 0 ? "N2" : "N1", UnitCode = units[i % units.Length], ConsentedAt = Closes.AddDays(-20), ConsentVersion = "test", CreatedAt = Closes.AddDays(-20),
            });
        }

        db.Contestants.AddRange(people);
        await db.SaveChangesAsync();

        var attempts = new List<Attempt>();
        var guid = new byte[16];
        foreach (var person in people)
        {
            var count = 1 + random.Next(3);
            for (var n = 1; n <= count; n++)
            {
                random.NextBytes(guid);
                var correct = random.Next(100) < 40 ? 20 : 12 + random.Next(9);
                var started = contest.OpensAt.AddSeconds(random.Next(20 * 86400)).AddTicks(random.Next(10_000));
                var duration = 30_000 + random.Next(10) * 1000 + (random.Next(4) == 0 ? 0 : random.Next(1000)); // many equal times
                var expired = random.Next(20) == 0;
                attempts.Add(new Attempt
                {
                    Id = new Guid(guid), ContestId = contest.Id, ContestantId = person.Id, GroupCode = person.GroupCode, LimitScope = "contest", Sequence = n,
                    StartedAt = started, Deadline = started.AddSeconds(1200), State = expired ? AttemptState.Expired : AttemptState.Submitted,
                    SubmittedAt = expired ? null : started.AddMilliseconds(duration).AddTicks(random.Next(10_000)), FinalizedAt = started.AddMilliseconds(duration + 5),
                    QuestionCount = 20, CorrectCount = correct, Score = correct, DurationMs = expired ? 1_200_000 : duration,
                    Prediction = random.Next(10) == 0 ? null : random.Next(800, 1600), Seed = random.Next(),
                });
            }
        }

        db.Attempts.AddRange(attempts);
        await db.SaveChangesAsync();
        var entries = attempts.Select(a => new EntryRecord(a.Id, a.ContestantId, a.GroupCode, a.Round, a.Score, a.CorrectCount, a.QuestionCount, a.DurationMs, a.Prediction, a.SubmittedAt ?? a.Deadline)).ToList();
        return (contest, entries);
    }
}
