using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Core.Audit;
using Platform.Core.Contests;
using Platform.Core.Data;
using Platform.Core.Distributed;
using Platform.Core.Tenancy;
using Platform.Core.Theming;
using Results.Data;

namespace Results.Ranking;

/// <summary>What a computation produced, per group.</summary>
/// <param name="Group">Group code.</param>
/// <param name="Entries">Entries ranked.</param>
/// <param name="Winners">Prizes awarded.</param>
public sealed record GroupSummary(string Group, int Entries, int Winners);

/// <summary>A computation's outcome.</summary>
/// <param name="Run">The new draft run.</param>
/// <param name="Groups">Per group.</param>
/// <param name="Elapsed">Time taken.</param>
public sealed record ComputeOutcome(ResultRun Run, IReadOnlyList<GroupSummary> Groups, TimeSpan Elapsed);

/// <summary>
/// Computes, approves and publishes results; disqualifies; records the prediction's actual value. Every
/// prize-affecting action is written to the audit log. A run is computed as a draft, approved by a tenant
/// administrator, then published; a published run is never changed (a new publication supersedes it).
/// </summary>
public sealed partial class ResultsService(ResultsDbContext db, IContestData contests, AuditLog audit, TimeProvider clock, ITenantContext tenant, SqliteWriteTurns turns, PublishedResults published, DiscardedRunsCleaner cleaner, TenantScopeFactory scopes, SiteCache siteCache, IDistributedLock locks, ILogger<ResultsService> logger)
{
    /// <summary>The contest, or a not-found problem.</summary>
    public async Task<ContestTerms> ContestAsync(string slug, CancellationToken cancellationToken) =>
        await contests.FindContestAsync(slug, cancellationToken) ?? throw ResultsProblemException.NotFound($"Không có cuộc thi '{slug}'.");

    /// <summary>The ranking settings of a contest (defaults when never saved).</summary>
    public async Task<RankingSettings> SettingsAsync(long contestId, CancellationToken cancellationToken) =>
        await db.RankingSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ContestId == contestId, cancellationToken)
        ?? new RankingSettings { ContestId = contestId };

    /// <summary>Saves the ranking settings (audited).</summary>
    public async Task SaveSettingsAsync(string slug, IReadOnlyList<string> tieBreaks, bool prizePerRound, bool publicStatistics, string actor, CancellationToken cancellationToken)
    {
        if (TieBreak.Problem(tieBreaks) is { } problem)
        {
            throw ResultsProblemException.Invalid(problem);
        }

        var contest = await ContestAsync(slug, cancellationToken);
        var settings = await db.RankingSettings.SingleOrDefaultAsync(s => s.ContestId == contest.Id, cancellationToken);
        var before = settings is null ? null : Describe(settings);
        if (settings is null)
        {
            settings = new RankingSettings { ContestId = contest.Id };
            db.RankingSettings.Add(settings);
        }

        settings.TieBreaks = [.. tieBreaks];
        settings.PrizePerRound = prizePerRound;
        settings.PublicStatistics = publicStatistics;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, "results.settings", Subject(slug), before, Describe(settings), cancellationToken);
        await siteCache.InvalidateAsync(tenant.Tenant!, cancellationToken);
    }

    /// <summary>Records the actual value of the prediction for a scope, entered by organisers (audited).</summary>
    public async Task EnterPredictionAsync(string slug, int round, long value, string actor, CancellationToken cancellationToken)
    {
        if (value < 0)
        {
            throw ResultsProblemException.Invalid("Giá trị dự đoán thực tế phải là số không âm.");
        }

        var contest = await ContestAsync(slug, cancellationToken);
        CheckRound(contest, round);
        var previous = await EnteredPredictionAsync(contest.Id, round, cancellationToken);
        db.PredictionValues.Add(new PredictionValue { ContestId = contest.Id, Round = round, Value = value, By = actor, At = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, "results.prediction", Subject(slug, round), previous?.Value.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    /// <summary>The latest entered value of a scope, or null.</summary>
    public Task<PredictionValue?> EnteredPredictionAsync(long contestId, int round, CancellationToken cancellationToken) =>
        db.PredictionValues.AsNoTracking().Where(p => p.ContestId == contestId && p.Round == round)
            .OrderByDescending(p => p.At).ThenByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Disqualifies a contestant's entry (audited); the prizes are allocated again in a new draft when results exist.</summary>
    public async Task<ComputeOutcome?> DisqualifyAsync(string slug, long contestantId, string reason, string actor, CancellationToken cancellationToken)
    {
        reason = reason.Trim();
        if (reason.Length is < 3 or > 1000)
        {
            throw ResultsProblemException.Invalid("Hãy ghi lý do loại (3–1000 ký tự).");
        }

        var contest = await ContestAsync(slug, cancellationToken);
        if (await db.Disqualifications.AnyAsync(d => d.ContestId == contest.Id && d.ContestantId == contestantId, cancellationToken))
        {
            throw ResultsProblemException.Invalid($"Thí sinh #{contestantId} đã bị loại.");
        }

        db.Disqualifications.Add(new Disqualification { ContestId = contest.Id, ContestantId = contestantId, Reason = reason, By = actor, At = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, "results.disqualify", Subject(slug), null, $"contestant #{contestantId}: {reason}", cancellationToken);
        return await RecomputeScopesAsync(contest, actor, cancellationToken);
    }

    /// <summary>Lifts a disqualification (audited) and allocates again.</summary>
    public async Task<ComputeOutcome?> ReinstateAsync(string slug, long contestantId, string actor, CancellationToken cancellationToken)
    {
        var contest = await ContestAsync(slug, cancellationToken);
        var row = await db.Disqualifications.SingleOrDefaultAsync(d => d.ContestId == contest.Id && d.ContestantId == contestantId, cancellationToken)
            ?? throw ResultsProblemException.NotFound($"Thí sinh #{contestantId} không bị loại.");
        db.Disqualifications.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, "results.reinstate", Subject(slug), $"contestant #{contestantId}: {row.Reason}", null, cancellationToken);
        return await RecomputeScopesAsync(contest, actor, cancellationToken);
    }

    /// <summary>Longest a computation holds its lock if its node dies mid-way (1,000,000 entries take about 10 s).</summary>
    private static readonly TimeSpan ComputeLease = TimeSpan.FromMinutes(10);

    /// <summary>The name of the lock a computation of a contest's scope holds.</summary>
    public static string ComputeLockName(string tenantId, long contestId, int round) =>
        string.Create(CultureInfo.InvariantCulture, $"results-compute:{tenantId}:{contestId}:{round}");

    /// <summary>
    /// Ranks the scope (0 = the whole contest, else a round) after it closes, allocates prizes and unit awards, and
    /// stores them as a new draft; earlier drafts and approvals of the scope are discarded.
    /// </summary>
    public async Task<ComputeOutcome> ComputeAsync(string slug, int round, string actor, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var contest = await ContestAsync(slug, cancellationToken);
        CheckRound(contest, round);
        if (contest.IsPractice)
        {
            throw ResultsProblemException.Invalid("Cuộc thi thử không xếp hạng.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (now < contest.ClosesAtFor(round))
        {
            var closes = tenant.Tenant!.ToLocal(contest.ClosesAtFor(round)).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
            throw ResultsProblemException.Invalid($"Chưa thể tính kết quả: {(round == 0 ? "cuộc thi" : $"vòng {round}")} đóng lúc {closes}.");
        }

        var unfinished = await contests.CountUnfinishedAsync(contest.Id, round, cancellationToken);
        if (unfinished > 0)
        {
            throw ResultsProblemException.Invalid($"Chưa thể tính kết quả: còn {unfinished} bài thi chưa kết thúc (đang trong thời gian gia hạn nộp bài). Hệ thống tự chấm các bài này sau hạn; hãy thử lại sau ít phút.");
        }

        // One computation of a scope at a time across every node (and the CLI, when Redis is configured): a second one
        // would discard the first one's draft while it is being stored.
        await using var computing = await locks.TryAcquireAsync(ComputeLockName(tenant.Tenant!.Id, contest.Id, round), ComputeLease, cancellationToken)
            ?? throw ResultsProblemException.Invalid($"Kết quả {(round == 0 ? "cuộc thi" : $"vòng {round}")} đang được tính (có thể ở máy chủ khác); hãy thử lại sau ít phút.");
        var settings = await SettingsAsync(contest.Id, cancellationToken);

        // Names and units are read on a second scope (its own connection) while this one reads the entries:
        // the two reads take the two cores instead of taking turns.
        var peopleTask = ReadPeopleAsync(tenant.Tenant!, cancellationToken);
        var attempts = new List<EntryRecord>();
        await foreach (var entry in contests.ReadEntriesAsync(contest.Id, round, cancellationToken))
        {
            attempts.Add(entry);
        }

        var read = watch.Elapsed;
        var entered = await EnteredPredictionAsync(contest.Id, round, cancellationToken);
        var computed = entered is null ? RankingEngine.ComputedActual(contest.Predicts, attempts) : null;
        var actual = entered?.Value ?? computed;
        var actualSource = entered is not null
            ? $"Ban Tổ chức nhập: {entered.By}, {tenant.Tenant!.ToLocal(entered.At).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture)}"
            : computed is null ? null : $"Tính khi đóng ({(contest.Predicts == PredictionTarget.Participants ? "số người tham gia" : "số bài thi đúng tất cả các câu")}): {actor}, {tenant.Tenant!.ToLocal(now).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture)}";

        var disqualified = await db.Disqualifications.AsNoTracking().Where(d => d.ContestId == contest.Id).Select(d => d.ContestantId).ToListAsync(cancellationToken);
        var awarded = settings.PrizePerRound
            ? []
            : await (from e in db.RankedEntries
                     join r in db.Runs on e.RunId equals r.Id
                     where r.ContestId == contest.Id && r.Round != round && r.Status == ResultStatus.Published && e.Prize != null
                     select e.ContestantId).Distinct().ToListAsync(cancellationToken);
        var policy = new RankingPolicy(contest.Slug, round, contest.Counts, settings.TieBreaks, actual, contest.Groups.Select(g => g.Code).ToList(), contest.Prizes, disqualified, awarded);
        var rows = RankingEngine.Rank(attempts, policy);
        // The hash and the unit awards are computed on the other core while the ranked rows are stored.
        var hashTask = Task.Run(() => EvidenceFiles.Hash(rows), cancellationToken);
        var ranked = watch.Elapsed;

        var (people, units) = await peopleTask;
        var unitNames = units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var standingsTask = hashTask.ContinueWith(_ => UnitAwards.Compute(units, people.ToDictionary(p => p.Key, p => p.Value.UnitCode), attempts, rows, contest.UnitPrizes), cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default);
        var named = watch.Elapsed;

        var run = new ResultRun
        {
            ContestId = contest.Id,
            Round = round,
            Status = ResultStatus.Draft,
            ComputedAt = now,
            ComputedBy = actor,
            ActualPrediction = actual,
            ActualPredictionSource = actualSource,
            PolicyJson = EvidenceFiles.PolicyJson(policy, null),
            ContentHash = string.Empty,
            AttemptCount = attempts.Count,
            EntryCount = rows.Count,
            PrizeCount = rows.Count(r => r.Prize is not null),
        };

        using (await turns.EnterAsync(db, cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var stale = await db.Runs.Where(r => r.ContestId == contest.Id && r.Round == round && (r.Status == ResultStatus.Draft || r.Status == ResultStatus.Approved)).ToListAsync(cancellationToken);
            foreach (var old in stale)
            {
                old.Status = ResultStatus.Discarded;
            }

            db.Runs.Add(run);
            await db.SaveChangesAsync(cancellationToken);

            var tenantId = db.CurrentTenantId;
            await RankedEntryWriter.WriteAsync(db, rows.Select((r, i) =>
            {
                var person = people.GetValueOrDefault(r.Entry.ContestantId);
                var unitCode = person?.UnitCode ?? string.Empty;
                return new RankedEntry
                {
                    RunId = run.Id,
                    Position = i,
                    TenantId = tenantId,
                    GroupCode = r.Group,
                    Rank = r.Rank,
                    ContestantId = r.Entry.ContestantId,
                    AttemptId = r.Entry.AttemptId,
                    DisplayName = person?.FullName ?? string.Empty,
                    UnitCode = unitCode,
                    UnitName = unitNames.GetValueOrDefault(unitCode, unitCode),
                    Score = r.Entry.Score,
                    CorrectCount = r.Entry.CorrectCount,
                    DurationMs = r.Entry.DurationMs,
                    Prediction = r.Entry.Prediction,
                    Distance = r.Distance,
                    SubmittedAtMs = r.SubmittedAtMs,
                    Prize = r.Prize,
                    PrizeValue = r.PrizeValue,
                    Ineligible = r.Ineligible,
                };
            }), cancellationToken);

            var standings = await standingsTask;
            run.ContentHash = await hashTask;
            foreach (var s in standings)
            {
                s.RunId = run.Id;
            }

            db.UnitStandings.AddRange(standings);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // The replaced drafts' rows are deleted in the background; nothing reads a discarded run's rows.
        cleaner.Enqueue(tenant.Tenant!, contest.Id);

        LogComputed(logger, contest.Slug, round, attempts.Count, rows.Count, read.TotalMilliseconds, (ranked - read).TotalMilliseconds, (named - ranked).TotalMilliseconds, (watch.Elapsed - named).TotalMilliseconds);
        var groups = contest.Groups.Select(g => new GroupSummary(g.Code, rows.Count(r => r.Group == g.Code), rows.Count(r => r.Group == g.Code && r.Prize is not null))).ToList();
        await audit.WriteAsync(actor, "results.compute", Subject(slug, round), null, $"run #{run.Id}: {rows.Count} entries, {run.PrizeCount} prizes, actual prediction {actual?.ToString(CultureInfo.InvariantCulture) ?? "-"}, sha256 {run.ContentHash}", cancellationToken);
        return new ComputeOutcome(run, groups, watch.Elapsed);
    }

    /// <summary>Approves a draft (audited).</summary>
    public async Task<ResultRun> ApproveAsync(long runId, string actor, CancellationToken cancellationToken)
    {
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken) ?? throw ResultsProblemException.NotFound($"Không có kết quả #{runId}.");
        if (run.Status != ResultStatus.Draft)
        {
            throw ResultsProblemException.Invalid($"Chỉ phê duyệt được kết quả nháp; kết quả #{runId} đang ở trạng thái {StatusLabel(run.Status)}.");
        }

        run.Status = ResultStatus.Approved;
        run.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        run.ApprovedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, "results.approve", await SubjectAsync(run, cancellationToken), "Draft", $"Approved run #{run.Id} sha256 {run.ContentHash}", cancellationToken);
        return run;
    }

    /// <summary>Publishes an approved run (audited); the scope's previous publication becomes history.</summary>
    public async Task<ResultRun> PublishAsync(long runId, string actor, CancellationToken cancellationToken)
    {
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken) ?? throw ResultsProblemException.NotFound($"Không có kết quả #{runId}.");
        if (run.Status != ResultStatus.Approved)
        {
            throw ResultsProblemException.Invalid($"Chỉ công bố được kết quả đã phê duyệt; kết quả #{runId} đang ở trạng thái {StatusLabel(run.Status)}.");
        }

        var previous = await db.Runs.Where(r => r.ContestId == run.ContestId && r.Round == run.Round && r.Status == ResultStatus.Published).ToListAsync(cancellationToken);
        foreach (var old in previous)
        {
            old.Status = ResultStatus.Superseded;
        }

        run.Status = ResultStatus.Published;
        run.PublishedAt = clock.GetUtcNow().UtcDateTime;
        run.PublishedBy = actor;
        run.PolicyJson = EvidenceFiles.PolicyJson(EvidenceFiles.ReadPolicy(run.PolicyJson), run.ContentHash);
        await db.SaveChangesAsync(cancellationToken);
        published.Forget(tenant.Tenant!.Name);
        await siteCache.InvalidateAsync(tenant.Tenant!, cancellationToken);
        await audit.WriteAsync(actor, "results.publish", await SubjectAsync(run, cancellationToken), previous.Count == 0 ? null : string.Join(", ", previous.Select(p => $"run #{p.Id} sha256 {p.ContentHash}")), $"run #{run.Id} sha256 {run.ContentHash}", cancellationToken);
        return run;
    }

    /// <summary>Runs of a contest, newest first.</summary>
    public async Task<IReadOnlyList<ResultRun>> RunsAsync(long contestId, CancellationToken cancellationToken) =>
        await db.Runs.AsNoTracking().Where(r => r.ContestId == contestId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>Disqualifications of a contest.</summary>
    public async Task<IReadOnlyList<Disqualification>> DisqualificationsAsync(long contestId, CancellationToken cancellationToken) =>
        await db.Disqualifications.AsNoTracking().Where(d => d.ContestId == contestId).OrderBy(d => d.At).ToListAsync(cancellationToken);

    /// <summary>Vietnamese name of a status.</summary>
    public static string StatusLabel(ResultStatus status) => status switch
    {
        ResultStatus.Draft => "nháp",
        ResultStatus.Approved => "đã phê duyệt",
        ResultStatus.Published => "đã công bố",
        ResultStatus.Superseded => "đã thay thế",
        _ => "đã hủy",
    };

    /// <summary>The audit subject of a contest (and round).</summary>
    public static string Subject(string slug, int round = 0) => round == 0 ? $"contest:{slug}" : $"contest:{slug}:r{round}";

    private Task<(Dictionary<long, ContestantRecord> People, IReadOnlyList<UnitRecord> Units)> ReadPeopleAsync(TenantInfo tenantInfo, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                await using var scope = scopes.CreateScope(tenantInfo);
                var data = scope.ServiceProvider.GetRequiredService<IContestData>();
                var people = new Dictionary<long, ContestantRecord>();
                await foreach (var c in data.ReadContestantsAsync(cancellationToken))
                {
                    people[c.Id] = c;
                }

                return (people, await data.ReadUnitsAsync(cancellationToken));
            },
            cancellationToken);

    private async Task<ComputeOutcome?> RecomputeScopesAsync(ContestTerms contest, string actor, CancellationToken cancellationToken)
    {
        var scopes = await db.Runs.Where(r => r.ContestId == contest.Id && r.Status != ResultStatus.Discarded && r.Status != ResultStatus.Superseded)
            .Select(r => r.Round).Distinct().OrderBy(r => r).ToListAsync(cancellationToken);
        ComputeOutcome? last = null;
        foreach (var round in scopes)
        {
            last = await ComputeAsync(contest.Slug, round, actor, cancellationToken);
        }

        return last;
    }

    private async Task<string> SubjectAsync(ResultRun run, CancellationToken cancellationToken)
    {
        var contest = (await contests.ListContestsAsync(cancellationToken)).FirstOrDefault(c => c.Id == run.ContestId);
        return Subject(contest?.Slug ?? run.ContestId.ToString(CultureInfo.InvariantCulture), run.Round);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Results of {Contest} round {Round}: {Attempts} attempts, {Entries} ranked; read {ReadMs:0} ms, ranked {RankMs:0} ms, waited for names and units {NamesMs:0} ms, stored (with hash and unit awards beside) {StoreMs:0} ms")]
    private static partial void LogComputed(ILogger logger, string contest, int round, int attempts, int entries, double readMs, double rankMs, double namesMs, double storeMs);

    private static void CheckRound(ContestTerms contest, int round)
    {
        if (round != 0 && contest.Rounds.All(r => r.Number != round))
        {
            throw ResultsProblemException.Invalid($"Cuộc thi '{contest.Slug}' không có vòng {round}.");
        }
    }

    private static string Describe(RankingSettings s) =>
        JsonSerializer.Serialize(new { s.TieBreaks, s.PrizePerRound, s.PublicStatistics });
}
