using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Localization;
using Platform.Core.Tenancy;
using Quiz.Data;
using Quiz.Questions;
using Quiz.Questions.Sheets;

namespace Quiz.Pages.Admin.Questions;

/// <summary>
/// Adds or edits one question. Saving goes through the import (<see cref="QuestionEditor"/>): same checks and
/// messages, and an active question whose content changes gets a new version while attempts keep the old one.
/// </summary>
[Authorize(Policy = QuizModule.ManageQuestions)]
internal sealed class EditModel(QuizDbContext db, QuestionImporter importer, ITenantContext tenant, AdminText t) : PageModel
{
    public sealed record VersionRow(long Id, int Number, DateTimeOffset CreatedAt, string Text, int HeldBy, bool Current);

    /// <summary>An error of the form: the field it is about (the import's column name, or empty), its label and the message.</summary>
    public sealed record FieldError(string Field, string Label, string Message);

    [BindProperty]
    public QuestionForm Form { get; set; } = new();

    public long? Id { get; private set; }

    public bool IsNew => Id is null;

    /// <summary>The state as saved (not as the form says).</summary>
    public QuestionState? SavedState { get; private set; }

    /// <summary>Whether saving edits the current version in place: a draft that no attempt holds.</summary>
    public bool EditsInPlace { get; private set; }

    public List<VersionRow> Versions { get; } = [];

    public string Zone => tenant.Tenant!.TimeZone;

    public List<string> Topics { get; private set; } = [];

    public List<FieldError> Errors { get; } = [];

    public IEnumerable<string> ErrorsFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message);

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            await LoadAsync(null, cancellationToken);
            return Page();
        }

        var question = await db.Questions.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (question is null)
        {
            return NotFound();
        }

        var version = await db.QuestionVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == question.CurrentVersionId, cancellationToken);
        Form = QuestionForm.From(question, version);
        await LoadAsync(question, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken cancellationToken)
    {
        Question? existing = null;
        if (id is not null)
        {
            existing = await db.Questions.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
            if (existing is null)
            {
                return NotFound();
            }

            Form.Code = existing.Code; // the code names the question; it is not changed here
        }

        var code = (Form.Code ?? string.Empty).Trim().Normalize(NormalizationForm.FormC);
        if (existing is null && code.Length > 0 && await db.Questions.AnyAsync(q => q.Code == code, cancellationToken))
        {
            Errors.Add(new FieldError(QuestionSheet.Code.Name, QuestionSheet.Code.VietnameseName, t.F("Đã có câu hỏi mã '{0}'. Hãy dùng mã khác, hoặc mở câu hỏi đó để sửa.", code)));
        }
        else
        {
            var result = await QuestionEditor.SaveAsync(importer, Form.ToInput(), cancellationToken);
            foreach (var error in result.Errors)
            {
                var column = QuestionEditor.ColumnOf(error);
                Errors.Add(new FieldError(column?.Name ?? string.Empty, column?.VietnameseName ?? string.Empty, error.Message));
            }

            if (Errors.Count == 0)
            {
                var savedCode = result.Rows[0].Row.Code;
                var saved = await db.Questions.AsNoTracking().SingleAsync(q => q.Code == savedCode, cancellationToken);
                TempData["Message"] = result.Rows[0].Change switch
                {
                    RowChange.New => t.F("Đã thêm câu hỏi '{0}'.", saved.Code),
                    RowChange.Unchanged => t.F("Câu hỏi '{0}' không có thay đổi nào.", saved.Code),
                    _ when existing is not null && saved.CurrentVersion > existing.CurrentVersion =>
                        t.F("Đã lưu câu hỏi '{0}': tạo phiên bản {1}; các bài thi đã bốc câu này giữ phiên bản cũ.", saved.Code, saved.CurrentVersion),
                    _ => t.F("Đã lưu câu hỏi '{0}' (phiên bản {1}).", saved.Code, saved.CurrentVersion),
                };
                return Redirect($"{Request.PathBase}/admin/questions");
            }
        }

        await LoadAsync(existing, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Question? question, CancellationToken cancellationToken)
    {
        Topics = await db.Questions.Select(q => q.Topic).Where(t => t != string.Empty).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        if (question is null)
        {
            return;
        }

        Id = question.Id;
        SavedState = question.State;
        EditsInPlace = question.State == QuestionState.Draft
            && !await db.AttemptItems.AnyAsync(i => i.QuestionVersionId == question.CurrentVersionId, cancellationToken);
        var versions = await db.QuestionVersions.AsNoTracking()
            .Where(v => v.QuestionId == question.Id)
            .OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Number, v.CreatedAt, v.Text, HeldBy = db.AttemptItems.Count(i => i.QuestionVersionId == v.Id) })
            .ToListAsync(cancellationToken);
        Versions.AddRange(versions.Select(v => new VersionRow(v.Id, v.Number, tenant.Tenant!.ToLocal(v.CreatedAt), ImportPreview.Shorten(v.Text, 70), v.HeldBy, v.Id == question.CurrentVersionId)));
    }

    /// <summary>The form's fields, as typed: the import checks them.</summary>
    public sealed class QuestionForm
    {
        public string? Code { get; set; }

        public string? Topic { get; set; }

        public string? Difficulty { get; set; } = "1";

        public string? State { get; set; } = nameof(QuestionState.Active);

        public string? Text { get; set; }

        public List<string?> Options { get; set; } = [];

        /// <summary>The correct option's letter, A to F.</summary>
        public string? Correct { get; set; }

        public string? Source { get; set; }

        public string? Explanation { get; set; }

        public string? Option(int index) => index < Options.Count ? Options[index] : null;

        public static QuestionForm From(Question question, QuestionVersion? version) => new()
        {
            Code = question.Code,
            Topic = question.Topic,
            Difficulty = question.Difficulty.ToString(System.Globalization.CultureInfo.InvariantCulture),
            State = question.State.ToString(),
            Text = version?.Text,
            Options = [.. version?.Options ?? []],
            Correct = version is null ? null : QuestionLabels.Letter(version.CorrectIndex),
            Source = version?.Source,
            Explanation = version?.Explanation,
        };

        public QuestionInput ToInput() => new(Code, Topic, Difficulty, State, Text, Options, Correct, Source, Explanation);
    }
}
