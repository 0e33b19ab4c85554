using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Platform.Core.Data;
using Platform.Core.Localization;
using Platform.Core.Tenancy;
using Quiz.Questions;
using Quiz.Questions.Sheets;

namespace Quiz.Pages.Admin.Questions;

/// <summary>Imports a questions sheet (.xlsx or .csv): preview, then confirm.</summary>
[Authorize(Policy = QuizModule.ManageQuestions)]
internal sealed class ImportModel(QuestionImporter importer, IOptions<QuestionBankOptions> options, DatabaseLocator locator, ITenantContext tenant, TimeProvider clock, AdminText t)
    : SheetImportPageModel<QuestionRow>(options, locator, tenant, clock, t)
{
    public override string Noun => "câu hỏi";

    /// <summary>The columns a file may have, with their Vietnamese headers.</summary>
    public static IReadOnlyList<SheetColumn> Columns => QuestionSheet.Columns;

    protected override string ListPath => "/admin/questions";

    protected override Task<SheetImportResult<QuestionRow>> PreviewAsync(Stream file, string fileName, CancellationToken cancellationToken) =>
        importer.PreviewAsync(file, fileName, cancellationToken);

    protected override Task<SheetImportResult<QuestionRow>> ImportAsync(Stream file, string fileName, CancellationToken cancellationToken) =>
        importer.ImportAsync(file, fileName, cancellationToken);

    protected override (int RowNumber, string Code, string Summary) Describe(QuestionRow row) => (row.RowNumber, row.Code, ImportPreview.Shorten(row.Text));
}
