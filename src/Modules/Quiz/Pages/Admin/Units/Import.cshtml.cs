using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Platform.Core.Data;
using Platform.Core.Localization;
using Platform.Core.Tenancy;
using Quiz.Pages.Admin.Questions;
using Quiz.Questions;
using Quiz.Questions.Sheets;
using Quiz.Units;

namespace Quiz.Pages.Admin.Units;

/// <summary>Imports a units sheet (.xlsx or .csv): preview, then confirm.</summary>
[Authorize(Policy = QuizModule.ManageContests)]
internal sealed class ImportModel(UnitImporter importer, IOptions<QuestionBankOptions> options, DatabaseLocator locator, ITenantContext tenant, TimeProvider clock, AdminText t)
    : SheetImportPageModel<UnitRow>(options, locator, tenant, clock, t)
{
    public override string Noun => "đơn vị";

    protected override string ListPath => "/admin/units";

    protected override Task<SheetImportResult<UnitRow>> PreviewAsync(Stream file, string fileName, CancellationToken cancellationToken) =>
        importer.PreviewAsync(file, fileName, cancellationToken);

    protected override Task<SheetImportResult<UnitRow>> ImportAsync(Stream file, string fileName, CancellationToken cancellationToken) =>
        importer.ImportAsync(file, fileName, cancellationToken);

    protected override (int RowNumber, string Code, string Summary) Describe(UnitRow row) =>
        (row.RowNumber, row.Code, row.ParentCode is null ? row.Name : Text.F("{0} (thuộc {1})", row.Name, row.ParentCode));
}
