using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quiz.Data;
using Quiz.Questions;
using Quiz.Questions.Sheets;

namespace Quiz.Units;

/// <summary>
/// Imports a units sheet into the current tenant: all rows or none, upserting by code. Units not in the file
/// stay. Siblings are numbered 1, 2, ... : first those the file does not list, in their order, then the file's in
/// file order, so re-importing an export (which lists siblings in order) changes nothing.
/// </summary>
internal sealed class UnitImporter(QuizDbContext db, IOptions<QuestionBankOptions> options)
{
    /// <summary>Reads and checks the file and tells what importing it would change; writes nothing.</summary>
    public Task<SheetImportResult<UnitRow>> PreviewAsync(Stream file, string fileName, CancellationToken cancellationToken = default) =>
        RunAsync(file, fileName, apply: false, cancellationToken);

    /// <summary>Checks the file again and, when it has no error, applies every row in one transaction.</summary>
    public Task<SheetImportResult<UnitRow>> ImportAsync(Stream file, string fileName, CancellationToken cancellationToken = default) =>
        RunAsync(file, fileName, apply: true, cancellationToken);

    private async Task<SheetImportResult<UnitRow>> RunAsync(Stream file, string fileName, bool apply, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(fileName);
        var (table, error) = await SheetFile.LoadAsync(file, fileName, options.Value.UnitLimits, cancellationToken);
        if (table is null)
        {
            return new SheetImportResult<UnitRow>(name, [], [error!], Applied: false);
        }

        // Parents are checked against the units as they are in the transaction that writes.
        await using var transaction = apply ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var units = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        var sheet = UnitSheet.Parse(table, units.ToDictionary(u => u.Key, u => u.Value.ParentCode, StringComparer.Ordinal));
        var sortOrders = PlanSortOrders(sheet.Rows, units);
        var changes = sheet.Rows.Select(row => new ImportedRow<UnitRow>(row, Classify(row, sortOrders[row.Code], units))).ToList();
        if (transaction is null || sheet.Errors.Count > 0)
        {
            return new SheetImportResult<UnitRow>(name, changes, sheet.Errors, Applied: false);
        }

        foreach (var row in sheet.Rows)
        {
            if (!units.TryGetValue(row.Code, out var unit))
            {
                unit = new Unit { Code = row.Code };
                db.Units.Add(unit);
                units[row.Code] = unit;
            }

            unit.Name = row.Name;
            unit.ParentCode = row.ParentCode;
            unit.Block = row.Block;
            unit.Headcount = row.Headcount;
        }

        foreach (var (code, sortOrder) in sortOrders)
        {
            units[code].SortOrder = sortOrder;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SheetImportResult<UnitRow>(name, changes, [], Applied: true);
    }

    private static RowChange Classify(UnitRow row, int sortOrder, Dictionary<string, Unit> units) =>
        !units.TryGetValue(row.Code, out var unit) ? RowChange.New
        : unit.Name == row.Name && unit.ParentCode == row.ParentCode && unit.Block == row.Block && unit.Headcount == row.Headcount && unit.SortOrder == sortOrder
            ? RowChange.Unchanged
            : RowChange.Updated;

    /// <summary>The position of every unit among its siblings after the import, for each parent the file touches.</summary>
    private static Dictionary<string, int> PlanSortOrders(IReadOnlyList<UnitRow> rows, Dictionary<string, Unit> units)
    {
        var fileIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var parents = units.ToDictionary(u => u.Key, u => u.Value.ParentCode, StringComparer.Ordinal);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            fileIndex[row.Code] = fileIndex.Count;
            if (units.TryGetValue(row.Code, out var existing))
            {
                touched.Add(existing.ParentCode ?? string.Empty); // the parent it may leave
            }

            touched.Add(row.ParentCode ?? string.Empty);
            parents[row.Code] = row.ParentCode;
        }

        var plan = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var siblings in parents.ToLookup(p => p.Value ?? string.Empty, p => p.Key, StringComparer.Ordinal).Where(g => touched.Contains(g.Key)))
        {
            var ordered = siblings.Where(c => !fileIndex.ContainsKey(c)).OrderBy(c => units[c].SortOrder).ThenBy(c => c, StringComparer.Ordinal)
                .Concat(siblings.Where(fileIndex.ContainsKey).OrderBy(c => fileIndex[c]));
            var position = 0;
            foreach (var code in ordered)
            {
                plan[code] = ++position;
            }
        }

        return plan;
    }
}
