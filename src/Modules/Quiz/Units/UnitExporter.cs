using Microsoft.EntityFrameworkCore;
using Quiz.Data;

namespace Quiz.Units;

/// <summary>Writes the current tenant's units in the import format, so that importing the file back changes nothing.</summary>
internal sealed class UnitExporter(QuizDbContext db)
{
    /// <summary>Every unit, parents before children, siblings in their order; returns how many.</summary>
    public async Task<int> ExportAsync(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(cancellationToken);
        UnitSheet.Write(stream, fileName, rows);
        return rows.Count;
    }

    /// <summary>The units as sheet rows, depth first from the roots.</summary>
    public async Task<List<UnitRow>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(cancellationToken);
        var codes = units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var children = units
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToLookup(u => u.ParentCode is not null && codes.Contains(u.ParentCode) ? u.ParentCode : string.Empty, StringComparer.Ordinal);
        var rows = new List<UnitRow>(units.Count);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<Unit>(children[string.Empty].Reverse());
        while (stack.TryPop(out var unit))
        {
            if (!visited.Add(unit.Code))
            {
                continue;
            }

            rows.Add(UnitRow.From(unit));
            foreach (var child in children[unit.Code].Reverse())
            {
                stack.Push(child);
            }
        }

        // Units on a cycle are unreachable from the roots; they are written last rather than lost.
        rows.AddRange(units.Where(u => !visited.Contains(u.Code)).OrderBy(u => u.Code, StringComparer.Ordinal).Select(UnitRow.From));
        return rows;
    }
}
