using Platform.Core.Contests;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Audit;
using Platform.Core.Localization;
using Platform.Core.Tenancy;
using Platform.Core.Theming;
using Quiz.Contests;
using Quiz.Data;

namespace Quiz.Pages.Admin.Contests;

/// <summary>Creates or edits a contest: every setting of the contest step, times in the tenant's zone.</summary>
[Authorize(Policy = QuizModule.ManageContests)]
public sealed class EditModel(QuizDbContext db, ITenantContext tenant, AuditLog audit, TimeProvider clock, SiteCache siteCache, AdminText t) : PageModel
{
    private const string LocalFormat = "yyyy-MM-ddTHH:mm";
    private const string ListFormat = "dd/MM/yyyy HH:mm";

    [BindProperty]
    public ContestForm Form { get; set; } = new();

    public bool IsNew { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string Zone => tenant.Tenant!.TimeZone;

    public async Task<IActionResult> OnGetAsync(string? slug)
    {
        IsNew = slug is null;
        if (slug is null)
        {
            Form = ContestForm.From(new Contest { OpensAt = DateTime.UtcNow.Date, ClosesAt = DateTime.UtcNow.Date.AddDays(21), Groups = [new() { Code = "N1", Name = t["Nhóm 1"] }] }, tenant.Tenant!);
            return Page();
        }

        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug);
        if (contest is null)
        {
            return NotFound();
        }

        Form = ContestForm.From(contest, tenant.Tenant!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug)
    {
        IsNew = slug is null;
        var contest = slug is null ? new Contest() : await db.Contests.SingleOrDefaultAsync(c => c.Slug == slug);
        if (contest is null)
        {
            return NotFound();
        }

        var before = IsNew ? null : Describe(contest);
        if (!Form.ApplyTo(contest, tenant.Tenant!, Errors, t))
        {
            return Page();
        }

        foreach (var (field, message) in ContestRules.Validate(contest))
        {
            Errors[field] = message;
        }

        if (IsNew && await db.Contests.AnyAsync(c => c.Slug == contest.Slug))
        {
            Errors["slug"] = t["Đã có cuộc thi với đường dẫn này."];
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        if (IsNew)
        {
            db.Contests.Add(contest);
        }

        await db.SaveChangesAsync();
        var cut = IsNew ? 0 : await ContestClosing.ClampDeadlinesAsync(db, contest, HttpContext.RequestAborted);
        await audit.WriteAsync(AuditLog.ActorOf(User), IsNew ? "contest.create" : "contest.edit", $"contest:{contest.Slug}", before, Describe(contest), HttpContext.RequestAborted);
        await siteCache.InvalidateAsync(tenant.Tenant!, HttpContext.RequestAborted);
        TempData["Message"] = t.F("Đã lưu cuộc thi '{0}'.", contest.Title) + (cut > 0 ? " " + t.F("{0} bài đang làm được kết thúc theo giờ đóng mới.", cut) : string.Empty);
        return Redirect($"{Request.PathBase}/admin/contests");
    }

    /// <summary>Closes the contest now (audited); attempts in progress end now and are finalized with what was saved.</summary>
    public async Task<IActionResult> OnPostCloseNowAsync(string slug)
    {
        var contest = await db.Contests.SingleOrDefaultAsync(c => c.Slug == slug);
        if (contest is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (contest.ClosesAt <= now)
        {
            TempData["Message"] = t.F("Cuộc thi '{0}' đã đóng.", contest.Title);
            return Redirect($"{Request.PathBase}/admin/contests");
        }

        var before = Describe(contest);
        contest.ClosesAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        foreach (var round in contest.Rounds.Where(r => r.ClosesAt > contest.ClosesAt))
        {
            round.ClosesAt = contest.ClosesAt;
        }

        db.Entry(contest).Property(c => c.Rounds).IsModified = true;
        await db.SaveChangesAsync();
        var cut = await ContestClosing.ClampDeadlinesAsync(db, contest, HttpContext.RequestAborted);
        await audit.WriteAsync(AuditLog.ActorOf(User), "contest.close", $"contest:{contest.Slug}", before, Describe(contest), HttpContext.RequestAborted);
        await siteCache.InvalidateAsync(tenant.Tenant!, HttpContext.RequestAborted);
        TempData["Message"] = t.F("Đã đóng cuộc thi '{0}'. {1} bài đang làm được kết thúc và sẽ được chấm với các câu đã lưu sau thời gian gia hạn.", contest.Title, cut);
        return Redirect($"{Request.PathBase}/admin/contests");
    }

    private static string Describe(Contest c) => JsonSerializer.Serialize(c, AuditJson);

    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The form's fields; lists are text, one item a line, parts separated by '|'.</summary>
    public sealed class ContestForm
    {
        public string Slug { get; set; } = string.Empty;

        public string Title { get; set; } = string.Empty;

        public string OpensAt { get; set; } = string.Empty;

        public string ClosesAt { get; set; } = string.Empty;

        public string? Groups { get; set; }

        public string? Rounds { get; set; }

        public int QuestionsPerAttempt { get; set; } = 20;

        public string? Quotas { get; set; }

        public int TimeLimitSeconds { get; set; } = 1200;

        public int GraceSeconds { get; set; } = 30;

        public int AttemptsAllowed { get; set; } = 1;

        public AttemptsPer AttemptsPer { get; set; }

        public CountedAttempt Counts { get; set; }

        public int MinimumAge { get; set; }

        public string? ExcludedCitizenIds { get; set; }

        public bool ShuffleQuestions { get; set; }

        public bool ShuffleOptions { get; set; }

        public int PointsPerAnswer { get; set; } = 1;

        public string? PredictionPrompt { get; set; }

        public PredictionTarget Predicts { get; set; }

        public AnswersShown ShowAnswers { get; set; }

        public string? Prizes { get; set; }

        public int UnitPrizeCount { get; set; }

        public string UnitPrizeMetric { get; set; } = "participationRate";

        public bool Practice { get; set; }

        public static ContestForm From(Contest c, TenantInfo tenant) => new()
        {
            Slug = c.Slug,
            Title = c.Title,
            OpensAt = tenant.ToLocal(c.OpensAt).ToString(LocalFormat, CultureInfo.InvariantCulture),
            ClosesAt = tenant.ToLocal(c.ClosesAt).ToString(LocalFormat, CultureInfo.InvariantCulture),
            Groups = string.Join('\n', c.Groups.Select(g => $"{g.Code} | {g.Name}")),
            Rounds = string.Join('\n', c.Rounds.Select(r => $"{r.Number} | {r.Name} | {tenant.ToLocal(r.OpensAt).ToString(ListFormat, CultureInfo.InvariantCulture)} | {tenant.ToLocal(r.ClosesAt).ToString(ListFormat, CultureInfo.InvariantCulture)}")),
            QuestionsPerAttempt = c.QuestionsPerAttempt,
            Quotas = string.Join('\n', c.Quotas.Select(q => $"{q.Topic} | {q.Difficulty} | {q.Count}")),
            TimeLimitSeconds = c.TimeLimitSeconds,
            GraceSeconds = c.GraceSeconds,
            AttemptsAllowed = c.AttemptsAllowed,
            AttemptsPer = c.AttemptsPer,
            Counts = c.Counts,
            MinimumAge = c.MinimumAge,
            ExcludedCitizenIds = string.Join('\n', c.ExcludedCitizenIds),
            ShuffleQuestions = c.ShuffleQuestions,
            ShuffleOptions = c.ShuffleOptions,
            PointsPerAnswer = c.PointsPerAnswer,
            PredictionPrompt = c.PredictionPrompt,
            Predicts = c.Predicts,
            ShowAnswers = c.ShowAnswers,
            Prizes = string.Join('\n', c.Prizes.Select(p => $"{p.Group} | {p.Class} | {p.Count} | {p.Value}")),
            UnitPrizeCount = c.UnitPrizes.Count,
            UnitPrizeMetric = c.UnitPrizes.Metric,
            Practice = c.IsPractice,
        };

        public bool ApplyTo(Contest c, TenantInfo tenant, Dictionary<string, string> errors, AdminText t)
        {
            ArgumentNullException.ThrowIfNull(t);
            c.Slug = Slug.Trim();
            c.Title = Title.Trim();
            c.OpensAt = Local(OpensAt, LocalFormat, "opensAt", tenant, errors, t);
            c.ClosesAt = Local(ClosesAt, LocalFormat, "closesAt", tenant, errors, t);
            c.Groups = Lines(Groups, 2, "groups", errors, t).Select(p => new ContestGroup { Code = p[0], Name = p[1] }).ToList();
            c.Rounds = Lines(Rounds, 4, "rounds", errors, t).Select(p => new ContestRound
            {
                Number = Int(p[0], "rounds", errors, t),
                Name = p[1],
                OpensAt = Local(p[2], ListFormat, "rounds", tenant, errors, t),
                ClosesAt = Local(p[3], ListFormat, "rounds", tenant, errors, t),
            }).ToList();
            c.QuestionsPerAttempt = QuestionsPerAttempt;
            c.Quotas = Lines(Quotas, 3, "quotas", errors, t).Select(p => new DrawQuota
            {
                Topic = p[0].Length == 0 ? null : p[0],
                Difficulty = p[1].Length == 0 ? null : Int(p[1], "quotas", errors, t),
                Count = Int(p[2], "quotas", errors, t),
            }).ToList();
            c.TimeLimitSeconds = TimeLimitSeconds;
            c.GraceSeconds = GraceSeconds;
            c.AttemptsAllowed = AttemptsAllowed;
            c.AttemptsPer = AttemptsPer;
            c.Counts = Counts;
            c.MinimumAge = MinimumAge;
            c.ExcludedCitizenIds = (ExcludedCitizenIds ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (c.ExcludedCitizenIds.Any(id => id.Length != 12 || !id.All(char.IsAsciiDigit)))
            {
                errors["excludedCitizenIds"] = t["Mỗi số CCCD gồm đúng 12 chữ số."];
            }

            c.ShuffleQuestions = ShuffleQuestions;
            c.ShuffleOptions = ShuffleOptions;
            c.PointsPerAnswer = PointsPerAnswer;
            c.PredictionPrompt = string.IsNullOrWhiteSpace(PredictionPrompt) ? null : PredictionPrompt.Trim();
            c.Predicts = Predicts;
            c.ShowAnswers = ShowAnswers;
            c.Prizes = Lines(Prizes, 4, "prizes", errors, t).Select(p => new PrizeQuota { Group = p[0], Class = p[1], Count = Int(p[2], "prizes", errors, t), Value = Int(p[3], "prizes", errors, t) }).ToList();
            c.UnitPrizes = new UnitPrizeRule { Count = UnitPrizeCount, Metric = UnitPrizeMetric, PerBlock = c.UnitPrizes.PerBlock };
            c.IsPractice = Practice;
            return errors.Count == 0;
        }

        private static List<string[]> Lines(string? text, int parts, string field, Dictionary<string, string> errors, AdminText t)
        {
            var rows = new List<string[]>();
            var number = 0;
            foreach (var line in (text ?? string.Empty).Split('\n'))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var split = line.Split('|', StringSplitOptions.TrimEntries);
                if (split.Length != parts)
                {
                    errors[field] = t.F("Dòng {0}: cần {1} phần ngăn cách bởi '|'.", number, parts);
                    continue;
                }

                rows.Add(split);
            }

            return rows;
        }

        private static int Int(string value, string field, Dictionary<string, string> errors, AdminText t)
        {
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            errors[field] = t.F("'{0}' không phải số nguyên.", value);
            return 0;
        }

        private static DateTime Local(string value, string format, string field, TenantInfo tenant, Dictionary<string, string> errors, AdminText t)
        {
            if (!DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                errors[field] = t.F("'{0}' không đúng dạng thời gian.", value);
                return default;
            }

            return TimeZoneInfo.ConvertTimeToUtc(local, tenant.Zone());
        }
    }
}
