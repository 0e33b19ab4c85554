using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Tenancy;
using Quiz.Units;

namespace Quiz.Pages.Admin.Units;

/// <summary>The units as a tree (parents before children, siblings in their order) with block and headcount; export.</summary>
[Authorize(Policy = QuizModule.ManageContests)]
internal sealed class IndexModel(UnitExporter exporter, ITenantContext tenant, TimeProvider clock) : PageModel
{
    public sealed record Row(string Code, string Name, string? ParentCode, string? Block, int? Headcount, int Depth);

    public List<Row> Rows { get; } = [];

    public int TopLevel => Rows.Count(r => r.Depth == 0);

    public int WithHeadcount => Rows.Count(r => r.Headcount is not null);

    public long TotalHeadcount => Rows.Sum(r => (long)(r.Headcount ?? 0));

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var units = await exporter.ReadAsync(cancellationToken);
        var parents = units.ToDictionary(u => u.Code, u => u.ParentCode, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            Rows.Add(new Row(unit.Code, unit.Name, unit.ParentCode, unit.Block, unit.Headcount, Depth(unit.Code, parents)));
        }
    }

    /// <summary>The units in the import format, so that they can be edited in Excel and imported back.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await exporter.ExportAsync(stream, "don-vi.xlsx", cancellationToken);
        var date = tenant.Tenant!.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(stream.ToArray(), Questions.IndexModel.XlsxType, $"don-vi-{tenant.Tenant!.Name}-{date}.xlsx");
    }

    // How many ancestors a unit has among the units; a unit on a cycle stops where the cycle closes.
    private static int Depth(string code, Dictionary<string, string?> parents)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { code };
        var depth = 0;
        for (var parent = parents[code]; parent is not null && parents.TryGetValue(parent, out var next) && seen.Add(parent); parent = next)
        {
            depth++;
        }

        return depth;
    }
}
