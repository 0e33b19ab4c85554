using System.IO.Compression;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Audit;
using Platform.Core.Contests;
using Platform.Core.Localization;
using Platform.Core.Tenancy;
using Results.Data;
using Results.Exports;
using Results.Ranking;

namespace Results.Pages.Admin.Results;

/// <summary>
/// One contest's results for organisers: ranking settings, the prediction's actual value, compute, review, approve,
/// publish, disqualify, downloads and the audit log.
/// </summary>
[Authorize(Policy = ResultsModule.ManageResults)]
public sealed class ContestModel(ResultsService results, ResultsDbContext db, AuditLog audit, ITenantContext tenant, TimeProvider clock, IAuthorizationService authorization, ResultsExcel excel, EvidenceExport evidence, AdminText t) : PageModel
{
    /// <summary>The contest.</summary>
    public ContestTerms Contest { get; private set; } = null!;

    /// <summary>Its settings.</summary>
    public RankingSettings Settings { get; private set; } = null!;

    /// <summary>Runs, newest first.</summary>
    public IReadOnlyList<ResultRun> Runs { get; private set; } = [];

    /// <summary>The run shown.</summary>
    public ResultRun? Shown { get; private set; }

    /// <summary>Winners and the top of each group of the run shown.</summary>
    public IReadOnlyList<RankedEntry> Preview { get; private set; } = [];

    /// <summary>Unit standings of the run shown.</summary>
    public IReadOnlyList<UnitStanding> Units { get; private set; } = [];

    /// <summary>Disqualifications.</summary>
    public IReadOnlyList<Disqualification> Disqualified { get; private set; } = [];

    /// <summary>The entered prediction value of the whole contest.</summary>
    public PredictionValue? Entered { get; private set; }

    /// <summary>Audit entries of the contest.</summary>
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    /// <summary>Whether the user may approve and publish.</summary>
    public bool CanApprove { get; private set; }

    /// <summary>Whether the contest has closed.</summary>
    public bool Closed { get; private set; }

    /// <summary>Rows shown per group besides the winners.</summary>
    public const int TopRows = 20;

    /// <summary>Outcome of the last action.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Error of the last action.</summary>
    [TempData]
    public string? Error { get; set; }

    /// <summary>Local time text.</summary>
    public string Local(DateTime? utc) => utc is null ? "" : tenant.Tenant!.ToLocal(utc.Value).ToString("dd/MM/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Shows the page.</summary>
    public async Task<IActionResult> OnGetAsync(string slug, long? run, CancellationToken cancellationToken)
    {
        var found = await LoadAsync(slug, cancellationToken);
        if (!found)
        {
            return NotFound();
        }

        Shown = run is null ? Runs.FirstOrDefault(r => r.Status != ResultStatus.Discarded) : Runs.FirstOrDefault(r => r.Id == run);
        if (Shown is not null)
        {
            var id = Shown.Id;
            Preview = await db.RankedEntries.AsNoTracking().Where(e => e.RunId == id && (e.Prize != null || e.Rank <= TopRows || e.Ineligible))
                .OrderBy(e => e.Position).Take(2000).ToListAsync(cancellationToken);
            Units = await db.UnitStandings.AsNoTracking().Where(u => u.RunId == id).OrderBy(u => u.Block).ThenBy(u => u.Rank == 0).ThenBy(u => u.Rank).ToListAsync(cancellationToken);
        }

        return Page();
    }

    /// <summary>Computes a new draft.</summary>
    public Task<IActionResult> OnPostComputeAsync(string slug, int round, CancellationToken cancellationToken) =>
        ActAsync(slug, async () =>
        {
            var outcome = await results.ComputeAsync(slug, round, Actor, cancellationToken);
            return t.F("Đã tính kết quả #{0} (nháp) trong {1:0.0} giây: {2}.", outcome.Run.Id, outcome.Elapsed.TotalSeconds, string.Join("; ", outcome.Groups.Select(g => t.F("{0}: {1} bài, {2} giải", g.Group, g.Entries, g.Winners))));
        });

    /// <summary>Approves a draft.</summary>
    public Task<IActionResult> OnPostApproveAsync(string slug, long runId, CancellationToken cancellationToken) =>
        ActAsync(slug, async () =>
        {
            await RequireApproverAsync();
            var run = await results.ApproveAsync(runId, Actor, cancellationToken);
            return t.F("Đã phê duyệt kết quả #{0}.", run.Id);
        });

    /// <summary>Publishes an approved run.</summary>
    public Task<IActionResult> OnPostPublishAsync(string slug, long runId, CancellationToken cancellationToken) =>
        ActAsync(slug, async () =>
        {
            await RequireApproverAsync();
            var run = await results.PublishAsync(runId, Actor, cancellationToken);
            return t.F("Đã công bố kết quả #{0} (SHA-256 {1}).", run.Id, run.ContentHash);
        });

    /// <summary>Saves the ranking settings.</summary>
    public Task<IActionResult> OnPostSettingsAsync(string slug, string[] tieBreaks, bool prizePerRound, bool publicStatistics, CancellationToken cancellationToken) =>
        ActAsync(slug, async () =>
        {
            await results.SaveSettingsAsync(slug, tieBreaks.Where(t => !string.IsNullOrEmpty(t)).ToList(), prizePerRound, publicStatistics, Actor, cancellationToken);
            return t["Đã lưu cách xếp hạng. Tính lại kết quả để áp dụng."];
        });

    /// <summary>Enters the prediction's actual value.</summary>
    public Task<IActionResult> OnPostPredictionAsync(string slug, int round, long? value, CancellationToken cancellationToken) =>
        ActAsync(slug, async () =>
        {
            if (value is null)
            {
                throw ResultsProblemException.Invalid(t["Hãy nhập giá trị thực tế của câu hỏi dự đoán (một số nguyên)."]);
            }

            await results.EnterPredictionAsync(slug, round, value.Value, Actor, cancellationToken);
            return t.F("Đã ghi giá trị dự đoán thực tế {0:N0}. Tính lại kết quả để áp dụng.", value);
        });

    /// <summary>Disqualifies a contestant's entry.</summary>
    public Task<IActionResult> OnPostDisqualifyAsync(string slug, long contestantId, string? reason, CancellationToken cancellationToken) =>
        ActAsync(slug, async () =>
        {
            var outcome = await results.DisqualifyAsync(slug, contestantId, reason ?? string.Empty, Actor, cancellationToken);
            return t.F("Đã loại thí sinh #{0}.", contestantId) + (outcome is null ? "" : t.F(" Giải đã được phân bổ lại trong kết quả nháp #{0}.", outcome.Run.Id));
        });

    /// <summary>Lifts a disqualification.</summary>
    public Task<IActionResult> OnPostReinstateAsync(string slug, long contestantId, CancellationToken cancellationToken) =>
        ActAsync(slug, async () =>
        {
            var outcome = await results.ReinstateAsync(slug, contestantId, Actor, cancellationToken);
            return t.F("Đã bỏ loại thí sinh #{0}.", contestantId) + (outcome is null ? "" : t.F(" Giải đã được phân bổ lại trong kết quả nháp #{0}.", outcome.Run.Id));
        });

    /// <summary>Downloads a file of a run: <c>full</c>, <c>winners</c>, <c>units</c> or <c>evidence</c>.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string slug, long runId, string kind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken) || Runs.All(r => r.Id != runId || r.Status == ResultStatus.Discarded))
        {
            return NotFound();
        }

        // Built in a temporary file, so a million rows never sit in memory, then sent.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        string name;
        switch (kind)
        {
            case "full":
                await excel.WriteFullResultsAsync(runId, file, cancellationToken);
                name = $"ket-qua-{slug}-{runId}.xlsx";
                break;
            case "winners":
                await excel.WriteWinnersAsync(runId, file, includeContacts: true, cancellationToken);
                name = $"danh-sach-doat-giai-{slug}-{runId}.xlsx";
                break;
            case "units":
                await excel.WriteUnitStandingsAsync(runId, file, cancellationToken);
                name = $"don-vi-{slug}-{runId}.xlsx";
                break;
            case "evidence":
                using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    await evidence.WriteAsync(runId, n => zip.CreateEntry(n, CompressionLevel.Optimal).Open(), cancellationToken);
                }

                name = $"bang-chung-{slug}-{runId}.zip";
                break;
            default:
                await file.DisposeAsync();
                return NotFound();
        }

        file.Position = 0;
        return File(file, kind == "evidence" ? "application/zip" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    private string Actor => AuditLog.ActorOf(User);

    private async Task RequireApproverAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, ResultsModule.ApproveResults)).Succeeded)
        {
            throw ResultsProblemException.Invalid(t["Chỉ Ban Tổ chức (quản trị tenant) được phê duyệt và công bố kết quả."]);
        }
    }

    private async Task<IActionResult> ActAsync(string slug, Func<Task<string>> action)
    {
        try
        {
            Message = await action();
        }
        catch (ResultsProblemException problem)
        {
            Error = problem.Message;
        }

        return RedirectToPage(new { slug });
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        ContestTerms contest;
        try
        {
            contest = await results.ContestAsync(slug, cancellationToken);
        }
        catch (ResultsProblemException)
        {
            return false;
        }

        if (contest.IsPractice)
        {
            return false;
        }

        Contest = contest;
        Closed = clock.GetUtcNow().UtcDateTime >= contest.ClosesAt;
        Settings = await results.SettingsAsync(contest.Id, cancellationToken);
        Runs = await results.RunsAsync(contest.Id, cancellationToken);
        Disqualified = await results.DisqualificationsAsync(contest.Id, cancellationToken);
        Entered = await results.EnteredPredictionAsync(contest.Id, 0, cancellationToken);
        Audit = await audit.ListAsync(ResultsService.Subject(slug), 50, cancellationToken);
        CanApprove = (await authorization.AuthorizeAsync(User, ResultsModule.ApproveResults)).Succeeded;
        return true;
    }
}
