using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Tenancy;
using Quiz.Data;
using Quiz.Questions;

namespace Quiz.Pages.Admin.Questions;

/// <summary>A question as a contestant sees it on a phone, then, apart, its key and source for the organisers.</summary>
[Authorize(Policy = QuizModule.ManageQuestions)]
internal sealed class PreviewModel(QuizDbContext db, ITenantContext tenant) : PageModel
{
    public Question Question { get; private set; } = new();

    public QuestionVersion Version { get; private set; } = new();

    public bool IsCurrent => Version.Id == Question.CurrentVersionId;

    public DateTimeOffset CreatedAt => tenant.Tenant!.ToLocal(Version.CreatedAt);

    public async Task<IActionResult> OnGetAsync(long id, int? version, CancellationToken cancellationToken)
    {
        var question = await db.Questions.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (question is null)
        {
            return NotFound();
        }

        var shown = await db.QuestionVersions.AsNoTracking()
            .Where(v => v.QuestionId == id && (version == null ? v.Id == question.CurrentVersionId : v.Number == version))
            .SingleOrDefaultAsync(cancellationToken);
        if (shown is null)
        {
            return NotFound();
        }

        Question = question;
        Version = shown;
        return Page();
    }
}
