using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Core.Audit;
using Quiz.Attempts;
using Quiz.Data;
using Quiz.Questions.Sheets;

namespace Quiz.Questions;

/// <summary>
/// Imports a questions sheet into the current tenant's bank: all rows or none. A known code is updated; a
/// change of text, options, key, source or explanation makes a new version unless the question is a draft no
/// attempt holds, so attempts keep the version they drew.
/// </summary>
internal sealed class QuestionImporter(QuizDbContext db, TimeProvider clock, IOptions<QuestionBankOptions> options, ActiveBank activeBank, AuditLog audit, IHttpContextAccessor http)
{
    /// <summary>Reads and checks the file and tells what importing it would change; writes nothing.</summary>
    public Task<SheetImportResult<QuestionRow>> PreviewAsync(Stream file, string fileName, CancellationToken cancellationToken = default) =>
        RunAsync(file, fileName, apply: false, cancellationToken);

    /// <summary>Checks the file again and, when it has no error, applies every row in one transaction.</summary>
    public Task<SheetImportResult<QuestionRow>> ImportAsync(Stream file, string fileName, CancellationToken cancellationToken = default) =>
        RunAsync(file, fileName, apply: true, cancellationToken);

    private async Task<SheetImportResult<QuestionRow>> RunAsync(Stream file, string fileName, bool apply, CancellationToken cancellationToken)
    {
        var sheet = await QuestionSheet.ReadAsync(file, fileName, options.Value.QuestionLimits, cancellationToken);
        var name = Path.GetFileName(fileName);
        if (sheet.Errors.Count > 0 && sheet.Rows.Count == 0)
        {
            return new SheetImportResult<QuestionRow>(name, [], sheet.Errors, Applied: false);
        }

        await using var transaction = apply && sheet.Errors.Count == 0 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var bank = await LoadBankAsync(cancellationToken);
        var changes = sheet.Rows.Select(row => new ImportedRow<QuestionRow>(row, Classify(row, bank))).ToList();
        if (transaction is null)
        {
            return new SheetImportResult<QuestionRow>(name, changes, sheet.Errors, Applied: false);
        }

        await ApplyAsync(changes, bank, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        activeBank.Invalidate(db.CurrentTenantId);
        await AuditEditsDuringContestAsync(changes, bank, cancellationToken);
        return new SheetImportResult<QuestionRow>(name, changes, [], Applied: true);
    }

    // A question changed while a ranked contest is open can change prizes: each such change is audited, with the
    // question before and after. Written after the commit (the audit log is another table set); an import that
    // failed changed nothing and is not audited.
    private async Task AuditEditsDuringContestAsync(List<ImportedRow<QuestionRow>> changes, Dictionary<string, (Question Question, QuestionVersion? Version)> bank, CancellationToken cancellationToken)
    {
        var updated = changes.Where(c => c.Change == RowChange.Updated).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        if (updated.Count == 0)
        {
            return;
        }

        var open = await db.Contests.AsNoTracking().Where(c => !c.IsPractice && c.OpensAt <= now && now < c.ClosesAt).Select(c => c.Slug).ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return;
        }

        var actor = AuditLog.ActorOf(http.HttpContext?.User, "cli");
        foreach (var (row, _) in updated)
        {
            var (question, version) = bank[row.Code];
            var before = JsonSerializer.Serialize(new { question.Topic, question.Difficulty, State = question.State.ToString(), version?.Text, version?.Options, version?.CorrectIndex, OpenContests = open }, AuditJson);
            var after = JsonSerializer.Serialize(new { row.Topic, row.Difficulty, State = row.State.ToString(), row.Text, row.Options, row.CorrectIndex }, AuditJson);
            await audit.WriteAsync(actor, "question.edit", $"question:{row.Code}", before, after, cancellationToken);
        }
    }

    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Read without tracking: only the rows that change are attached. A question whose current version is
    // missing (written by hand, not by an import) gets a new one.
    private async Task<Dictionary<string, (Question Question, QuestionVersion? Version)>> LoadBankAsync(CancellationToken cancellationToken)
    {
        var current = await (
            from q in db.Questions.AsNoTracking()
            join v in db.QuestionVersions.AsNoTracking() on q.CurrentVersionId equals v.Id into versions
            from v in versions.DefaultIfEmpty()
            select new { q, v }).ToListAsync(cancellationToken);
        return current.ToDictionary(x => x.q.Code, x => (x.q, (QuestionVersion?)x.v), StringComparer.Ordinal);
    }

    private static RowChange Classify(QuestionRow row, Dictionary<string, (Question Question, QuestionVersion? Version)> bank) =>
        !bank.TryGetValue(row.Code, out var existing) ? RowChange.New
        : existing.Version is not null && row.SameHeadingAs(existing.Question) && row.SameContentAs(existing.Version) ? RowChange.Unchanged
        : RowChange.Updated;

    private async Task ApplyAsync(List<ImportedRow<QuestionRow>> changes, Dictionary<string, (Question Question, QuestionVersion? Version)> bank, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var editable = await DraftsNoAttemptHoldsAsync(cancellationToken);
        var latest = !changes.Any(c => c.Change == RowChange.Updated) ? [] : await db.QuestionVersions
            .GroupBy(v => v.QuestionId)
            .Select(g => new { QuestionId = g.Key, Number = g.Max(v => v.Number) })
            .ToDictionaryAsync(x => x.QuestionId, x => x.Number, cancellationToken);

        // A question whose version is to be written gets CurrentVersionId 0 until the version has its id (see below).
        var versions = new List<(Question Question, QuestionRow Row)>();
        foreach (var (row, change) in changes.Where(c => c.Change != RowChange.Unchanged))
        {
            if (change == RowChange.New)
            {
                var question = new Question { Code = row.Code, CurrentVersion = 1 };
                Fill(question, row, now);
                db.Questions.Add(question);
                versions.Add((question, row));
                continue;
            }

            var (existing, version) = bank[row.Code];
            db.Questions.Attach(existing);
            Fill(existing, row, now);
            if (version is not null && row.SameContentAs(version))
            {
                continue;
            }

            if (version is not null && editable.Contains(existing.Id))
            {
                db.QuestionVersions.Attach(version);
                Fill(version, row);
            }
            else
            {
                existing.CurrentVersion = latest.GetValueOrDefault(existing.Id) + 1;
                existing.CurrentVersionId = 0;
                versions.Add((existing, row));
            }
        }

        // Question ids come from the database, then the versions that need them, then the pointers to the versions.
        await db.SaveChangesAsync(cancellationToken);
        db.QuestionVersions.AddRange(versions.Select(x => Fill(new QuestionVersion { QuestionId = x.Question.Id, Number = x.Question.CurrentVersion, CreatedAt = now }, x.Row)));
        await db.SaveChangesAsync(cancellationToken);
        await db.Questions
            .Where(q => q.CurrentVersionId == 0 && db.QuestionVersions.Any(v => v.QuestionId == q.Id && v.Number == q.CurrentVersion))
            .ExecuteUpdateAsync(
                set => set.SetProperty(q => q.CurrentVersionId, q => db.QuestionVersions.Where(v => v.QuestionId == q.Id && v.Number == q.CurrentVersion).Select(v => v.Id).First()),
                cancellationToken);
    }

    // A draft's current version may be edited in place only when no attempt drew it (a question can go back to draft).
    private async Task<HashSet<long>> DraftsNoAttemptHoldsAsync(CancellationToken cancellationToken)
    {
        var drafts = db.Questions.Where(q => q.State == QuestionState.Draft);
        var editable = await drafts
            .Where(q => !db.AttemptItems.Any(i => i.QuestionVersionId == q.CurrentVersionId))
            .Select(q => q.Id)
            .ToListAsync(cancellationToken);
        return [.. editable];
    }

    private static void Fill(Question question, QuestionRow row, DateTime now)
    {
        question.Topic = row.Topic;
        question.Difficulty = row.Difficulty;
        question.State = row.State;
        question.UpdatedAt = now;
    }

    private static QuestionVersion Fill(QuestionVersion version, QuestionRow row)
    {
        version.Text = row.Text;
        version.Options = [.. row.Options];
        version.CorrectIndex = row.CorrectIndex;
        version.Source = row.Source;
        version.Explanation = row.Explanation;
        return version;
    }
}
