using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Contests;
using Platform.Core.Tenancy;
using Quiz.Attempts;
using Quiz.Contestants;
using Quiz.Contests;
using Quiz.Data;
using Quiz.Units;

namespace Results.Benchmarks;

/// <summary>What the generator wrote.</summary>
/// <param name="Slug">The contest.</param>
/// <param name="Contestants">Contestants written.</param>
/// <param name="Entries">Final attempts written.</param>
/// <param name="PerfectEntries">Entries with every answer right (the prediction's actual value).</param>
/// <param name="Elapsed">Time taken, units and contest included.</param>
internal sealed record Generated(string Slug, int Contestants, int Entries, int PerfectEntries, TimeSpan Elapsed);

/// <summary>
/// A closed contest of the Bắc Kạn shape (two groups, Nhất/Nhì/Ba/Khuyến khích per group, a prediction of the number of
/// all-correct entries, unit prizes per block) with a unit tree, contestants and final attempts. The same seed gives the
/// same rows. Ties are frequent on purpose: about a third of the entries are perfect, half of the durations are whole
/// seconds, predictions cluster on round numbers.
/// </summary>
internal static class EntryGenerator
{
    public const string Slug = "bench-2023";
    public const int Questions = 20;
    public const int AttemptsAllowed = 5;

    public static readonly DateTime Opens = new(2023, 9, 9, 17, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Closes = new(2023, 9, 30, 17, 0, 0, DateTimeKind.Utc);

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Hà", "Nông", "Triệu", "Lường", "Đàm", "Lý", "Ma", "Bế", "Hứa", "Lục", "Vi", "Đinh", "Dương"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Hồng", "Quang", "Thanh", "Kim", "Xuân", "Hữu", "Thị Thu", "Văn Tuấn"];
    private static readonly string[] GivenNames = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngân", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tú", "Tuấn", "Vân", "Yến"];
    private static readonly string[] Districts = ["Thành phố Bắc Kạn", "Huyện Ba Bể", "Huyện Bạch Thông", "Huyện Chợ Đồn", "Huyện Chợ Mới", "Huyện Na Rì", "Huyện Ngân Sơn", "Huyện Pác Nặm"];
    private static readonly string[] Departments =
    [
        "Sở Thông tin và Truyền thông", "Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Tư pháp",
        "Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường", "Sở Xây dựng", "Sở Giao thông vận tải",
        "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Thanh tra tỉnh", "Văn phòng UBND tỉnh",
        "Ban Dân tộc", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Đài Phát thanh và Truyền hình", "Trường Cao đẳng Bắc Kạn",
    ];

    public static async Task<Generated> GenerateAsync(IServiceProvider services, TenantInfo tenant, BenchOptions options, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        await using var scope = BenchHost.Scope(services, tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();

        var units = Units();
        db.Units.AddRange(units);
        var contest = Contest();
        db.Contests.Add(contest);
        await db.SaveChangesAsync();
        var unitCodes = units.Select(u => u.Code).ToArray();

        var contestants = options.ContestantCount;
        var entries = Math.Max(options.Entries, contestants);
        if (entries > (long)contestants * AttemptsAllowed)
        {
            throw new ArgumentException($"{entries} entries need at least {(entries + AttemptsAllowed - 1) / AttemptsAllowed} contestants ({AttemptsAllowed} attempts each at most).");
        }

        // Every contestant has one final attempt; the rest are spread at random, at most AttemptsAllowed each.
        var counts = new byte[contestants];
        Array.Fill(counts, (byte)1);
        for (var left = entries - contestants; left > 0;)
        {
            var i = random.Next(contestants);
            if (counts[i] < AttemptsAllowed)
            {
                counts[i]++;
                left--;
            }
        }

        var perfect = 0;
        var expectedPerfect = entries * 0.35;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.OpenConnectionAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            using var people = new RawInserter<Contestant>(db);
            using var attempts = new RawInserter<Attempt>(db);
            var guid = new byte[16];
            var written = 0;
            for (var i = 0; i < contestants; i++)
            {
                var person = Person(random, tenant.Id, i, unitCodes);
                people.Insert(person);
                for (var n = 1; n <= counts[i]; n++)
                {
                    random.NextBytes(guid);
                    var attempt = Attempt(random, new Guid(guid), tenant.Id, contest.Id, person, n, expectedPerfect);
                    perfect += attempt.CorrectCount == Questions ? 1 : 0;
                    attempts.Insert(attempt);
                    if (++written % 100_000 == 0)
                    {
                        await log.WriteLineAsync($"  {written:N0} entries written ({watch.Elapsed.TotalSeconds:0.0} s)");
                    }
                }
            }

            await transaction.CommitAsync();
        }

        await db.Database.CloseConnectionAsync();
        return new Generated(Slug, contestants, entries, perfect, watch.Elapsed);
    }

    private static Contest Contest() => new()
    {
        Slug = Slug,
        Title = "Cuộc thi đo hiệu năng kết quả",
        OpensAt = Opens,
        ClosesAt = Closes,
        Groups = [new ContestGroup { Code = "N1", Name = "Nhóm 1: Cán bộ, công chức, viên chức" }, new ContestGroup { Code = "N2", Name = "Nhóm 2: Nhân dân" }],
        MinimumAge = 15,
        QuestionsPerAttempt = Questions,
        TimeLimitSeconds = 1200,
        AttemptsAllowed = AttemptsAllowed,
        AttemptsPer = AttemptsPer.Contest,
        Counts = CountedAttempt.Best,
        PredictionPrompt = "Theo bạn, sẽ có bao nhiêu bài thi trả lời đúng tất cả các câu hỏi?",
        Predicts = PredictionTarget.AllCorrectEntries,
        Prizes =
        [
            Prize("N1", "Nhất", 1, 3_000_000), Prize("N1", "Nhì", 2, 2_000_000), Prize("N1", "Ba", 3, 1_000_000), Prize("N1", "Khuyến khích", 10, 500_000),
            Prize("N2", "Nhất", 1, 3_000_000), Prize("N2", "Nhì", 2, 2_000_000), Prize("N2", "Ba", 3, 1_000_000), Prize("N2", "Khuyến khích", 10, 500_000),
        ],
        UnitPrizes = new UnitPrizeRule { Count = 2, Metric = "participationRate", PerBlock = true },
    };

    private static PrizeQuota Prize(string group, string name, int count, long value) => new() { Group = group, Class = name, Count = count, Value = value };

    private static List<Unit> Units()
    {
        var units = new List<Unit>();
        for (var d = 0; d < Districts.Length; d++)
        {
            var code = $"H{d + 1:00}";
            units.Add(new Unit { Code = code, Name = Districts[d], Block = "Khối huyện, thành phố", Headcount = 900 + (d * 137 % 700), SortOrder = d + 1 });
            for (var c = 0; c < 10 + (d % 5); c++)
            {
                units.Add(new Unit { Code = $"{code}-X{c + 1:00}", Name = $"Xã {GivenNames[(d * 7 + c) % GivenNames.Length]} {c + 1}, {Districts[d]}", ParentCode = code, SortOrder = c + 1 });
            }
        }

        for (var s = 0; s < Departments.Length; s++)
        {
            units.Add(new Unit { Code = $"S{s + 1:00}", Name = Departments[s], Block = "Khối sở, ban, ngành", Headcount = s % 7 == 6 ? null : 60 + (s * 53 % 400), SortOrder = 100 + s });
        }

        return units;
    }

    /// <summary>A full name as the generated contestants have: family, middle and given name.</summary>
    public static string Name(Random random) =>
        $"{FamilyNames[random.Next(FamilyNames.Length)]} {MiddleNames[random.Next(MiddleNames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}";

    private static Contestant Person(Random random, string tenantId, int i, string[] unitCodes)
    {
        var name = Name(random);
        return new Contestant
        {
            Id = i + 1,
            TenantId = tenantId,
            UserId = $"bench-{i}",
            FullName = name,
            DateOfBirth = new DateOnly(1960, 1, 1).AddDays(random.Next(365 * 45)),
            CitizenId = $"0060{i:00000000}",
            Phone = $"09{i:00000000}",
            Email = random.Next(3) == 0 ? null : $"ts{i}@example.vn",
            GroupCode = random.Next(10) < 4 ? "N1" : "N2",
            UnitCode = unitCodes[random.Next(unitCodes.Length)],
            ConsentedAt = Opens.AddDays(1),
            ConsentVersion = "2023-09",
            CreatedAt = Opens.AddDays(1),
        };
    }

    private static Attempt Attempt(Random random, Guid id, string tenantId, long contestId, Contestant person, int sequence, double expectedPerfect)
    {
        var correct = random.Next(100) < 35 ? Questions : 8 + random.Next(Questions - 8);

        // Half the durations are whole seconds, so equal times are common at the top.
        var duration = (60 + random.Next(540)) * 1000L + (random.Next(2) == 0 ? 0 : random.Next(1000));
        var started = Opens.AddSeconds(random.Next(21 * 86_400 - 1300)).AddMilliseconds(random.Next(2) == 0 ? 0 : random.Next(1000));
        var expired = random.Next(100) < 3;
        var deadline = started.AddSeconds(1200);
        long? prediction = random.Next(10) switch
        {
            0 => null,
            < 4 => (long)Math.Round(Gaussian(random, expectedPerfect, expectedPerfect / 8) / 1000) * 1000,
            < 6 => (long)Math.Round(Gaussian(random, expectedPerfect, expectedPerfect / 8) / 100) * 100,
            _ => (long)Math.Max(0, Gaussian(random, expectedPerfect, expectedPerfect / 5)),
        };
        return new Attempt
        {
            Id = id,
            TenantId = tenantId,
            ContestId = contestId,
            ContestantId = person.Id,
            GroupCode = person.GroupCode,
            Round = 0,
            LimitScope = "contest",
            Sequence = sequence,
            StartedAt = started,
            Deadline = deadline,
            State = expired ? AttemptState.Expired : AttemptState.Submitted,
            SubmittedAt = expired ? null : started.AddMilliseconds(duration),
            FinalizedAt = expired ? deadline : started.AddMilliseconds(duration + 3),
            QuestionCount = Questions,
            CorrectCount = correct,
            Score = correct,
            DurationMs = expired ? 1_200_000 : duration,
            Prediction = prediction is { } p ? Math.Max(0, p) : null,
            Seed = random.Next(),
            LastAnswerAt = started.AddMilliseconds(Math.Max(0, duration - 2000)),
            Version = Questions + 1,
        };
    }

    private static double Gaussian(Random random, double mean, double deviation) =>
        mean + (deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
