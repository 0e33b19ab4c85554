using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Core.Data;
using Platform.Core.Localization;
using Platform.Core.Tenancy;
using Quiz.Questions;
using Quiz.Questions.Sheets;

namespace Quiz.Pages.Admin.Questions;

/// <summary>
/// The two steps of an import page: an upload is stored and previewed (counts, every error, the rows that change);
/// when it has no error, confirming imports the same file, checked again, all rows or none.
/// </summary>
[ImportBodyLimit]
internal abstract class SheetImportPageModel<TRow>(IOptions<QuestionBankOptions> options, DatabaseLocator locator, ITenantContext tenant, TimeProvider clock, AdminText t) : PageModel
{
    /// <summary>The admin texts in the tenant's culture.</summary>
    protected AdminText Text => t;

    /// <summary>Largest file accepted (<c>QuestionBankOptions:MaxFileBytes</c>).</summary>
    public long MaxBytes => options.Value.MaxFileBytes;

    public string MaxSize => ImportUploads.FormatBytes(MaxBytes);

    public string? Error { get; protected set; }

    public ImportPreview? Preview { get; private set; }

    /// <summary>"câu hỏi" or "đơn vị".</summary>
    public abstract string Noun { get; }

    /// <summary>The list the import returns to, under the tenant's path base: "/admin/questions".</summary>
    protected abstract string ListPath { get; }

    private ImportUploads Uploads => new(locator.DataPath, tenant.TenantId, clock);

    /// <summary>Step 1: stores the upload and previews it; nothing is written to the database.</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        Error = ImportUploads.Check(upload, MaxBytes, t);
        if (Error is not null)
        {
            return Page();
        }

        var uploads = Uploads;
        var token = await uploads.SaveAsync(upload!, cancellationToken);
        var name = ImportUploads.DisplayName(upload!.FileName, token);
        SheetImportResult<TRow> result;
        await using (var file = uploads.Open(token)!)
        {
            result = await PreviewAsync(file, name, cancellationToken);
        }

        var confirmable = !result.HasErrors && result.NewCount + result.UpdatedCount > 0;
        if (!confirmable)
        {
            uploads.Delete(token);
        }

        Preview = Describe(result) with { Token = confirmable ? token : null };
        return Page();
    }

    /// <summary>Step 2: imports the stored upload after checking it again; all rows or none.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string? token, string? name, CancellationToken cancellationToken)
    {
        var uploads = Uploads;
        SheetImportResult<TRow> result;
        await using (var file = uploads.Open(token))
        {
            if (file is null)
            {
                Error = t["Không còn tệp đã tải lên (tệp đã được nhập, hoặc đã quá một ngày). Hãy tải tệp lên lại."];
                return Page();
            }

            result = await ImportAsync(file, ImportUploads.DisplayName(name, token!), cancellationToken);
        }

        uploads.Delete(token);
        if (result.HasErrors)
        {
            Error = t["Khi kiểm tra lại lúc nhập, tệp có lỗi (dữ liệu đã thay đổi từ lúc xem trước) nên chưa nhập gì."];
            Preview = Describe(result);
            return Page();
        }

        TempData["Message"] = t.F("Đã nhập tệp '{0}': {1} {2} mới, {3} {2} cập nhật, {4} {2} không đổi.", result.FileName, result.NewCount, t[Noun], result.UpdatedCount, result.UnchangedCount);
        return Redirect($"{Request.PathBase}{ListPath}");
    }

    protected abstract Task<SheetImportResult<TRow>> PreviewAsync(Stream file, string fileName, CancellationToken cancellationToken);

    protected abstract Task<SheetImportResult<TRow>> ImportAsync(Stream file, string fileName, CancellationToken cancellationToken);

    /// <summary>A row as the preview lists it: its row number, code and a short description.</summary>
    protected abstract (int RowNumber, string Code, string Summary) Describe(TRow row);

    private ImportPreview Describe(SheetImportResult<TRow> result) => ImportPreview.From(result, Describe) with { Noun = t[Noun] };
}

/// <summary>
/// Sets the request body limit of an import page to the import's file limit (plus the form around it), before
/// anything reads the form: it runs with <see cref="RequestSizeLimitAttribute"/>'s order, ahead of the antiforgery check.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ImportBodyLimitAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => 900;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<QuestionBankOptions>>();
        ImportUploads.AllowBody(context.HttpContext, options.Value.MaxFileBytes);
    }
}
