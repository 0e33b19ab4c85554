using System.Globalization;
using Quiz.Questions.Sheets;

namespace Quiz.Units;

/// <summary>What reading a units sheet gave: the valid rows and every problem found.</summary>
internal sealed record UnitSheetResult(IReadOnlyList<UnitRow> Rows, IReadOnlyList<SheetError> Errors);

/// <summary>
/// The units format of CONTRACT.md: Code [Mã], Name [Tên đơn vị], ParentCode [Mã đơn vị cha], Block [Khối],
/// Headcount [Số CBCCVC]. A parent must be in the file or among the tenant's units, and the tree has no cycle.
/// </summary>
internal static class UnitSheet
{
    public const string SheetName = "Units";

    public static readonly SheetColumn Code = new("Code", "Mã", required: true, UnitLimits.Code, "Mã đơn vị");
    public static readonly SheetColumn Name = new("Name", "Tên đơn vị", required: true, UnitLimits.Name, "Tên");
    public static readonly SheetColumn ParentCode = new("ParentCode", "Mã đơn vị cha", required: false, UnitLimits.ParentCode, "Parent", "Mã cha");
    public static readonly SheetColumn Block = new("Block", "Khối", required: false, UnitLimits.Block);
    public static readonly SheetColumn Headcount = new("Headcount", "Số CBCCVC", required: false, null, "Số cán bộ");

    public static readonly IReadOnlyList<SheetColumn> Columns = [Code, Name, ParentCode, Block, Headcount];

    /// <summary>Reads and checks a file against the tenant's units (code → parent code); never throws on bad content.</summary>
    public static async Task<UnitSheetResult> ReadAsync(Stream stream, string fileName, SheetLimits limits, IReadOnlyDictionary<string, string?> existingParents, CancellationToken cancellationToken = default)
    {
        var (table, error) = await SheetFile.LoadAsync(stream, fileName, limits, cancellationToken);
        return table is null ? new UnitSheetResult([], [error!]) : Parse(table, existingParents);
    }

    /// <summary>Checks every row; a row with any error is left out of the result's rows.</summary>
    /// <param name="table">The sheet.</param>
    /// <param name="existingParents">The tenant's units: code → parent code.</param>
    public static UnitSheetResult Parse(SheetTable table, IReadOnlyDictionary<string, string?> existingParents)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(existingParents);
        var errors = new List<SheetError>();
        var layout = SheetLayout.Map(table.Header, Columns, errors);
        if (errors.Count > 0)
        {
            return new UnitSheetResult([], errors);
        }

        // The tree as it will be after the import: the file's rows (the first of a repeated code), then the tenant's other units.
        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (layout.Value(row, Code) is { } code)
            {
                parents.TryAdd(code, layout.Value(row, ParentCode));
            }
        }

        foreach (var (code, parent) in existingParents)
        {
            parents.TryAdd(code, parent);
        }

        var rows = new List<UnitRow>();
        var firstRowOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var before = errors.Count;
            layout.CheckLengths(row, Columns, errors);
            var code = layout.Value(row, Code);
            var repeated = false;
            if (code is null)
            {
                errors.Add(layout.Error(row, Code, "Thiếu mã đơn vị."));
            }
            else if (!firstRowOfCode.TryAdd(code, row.Number))
            {
                repeated = true;
                errors.Add(layout.Error(row, Code, $"Mã '{code}' bị trùng với dòng {firstRowOfCode[code]}."));
            }

            var name = layout.Value(row, Name);
            if (name is null)
            {
                errors.Add(layout.Error(row, Name, "Thiếu tên đơn vị."));
            }

            var parent = layout.Value(row, ParentCode);
            // The tree holds the first row of a code, so a repeated row's parent is not checked against it.
            if (parent is not null && code is not null && !repeated && parent.Length <= UnitLimits.ParentCode)
            {
                CheckParent(layout, row, code, parent, parents, errors);
            }

            int? headcount = null;
            if (layout.Value(row, Headcount) is { } headcountText)
            {
                if (TryParseHeadcount(headcountText, out var value))
                {
                    headcount = value;
                }
                else
                {
                    errors.Add(layout.Error(row, Headcount, $"Số CBCCVC '{headcountText}' không hợp lệ: phải là số nguyên không âm (ví dụ 120)."));
                }
            }

            if (errors.Count == before)
            {
                rows.Add(new UnitRow(row.Number, code!, name!, parent, layout.Value(row, Block), headcount));
            }
        }

        return new UnitSheetResult(rows, errors);
    }

    /// <summary>Writes units in the import format (English headers).</summary>
    public static void Write(Stream stream, string fileName, IEnumerable<UnitRow> units) =>
        SheetFile.Write(stream, fileName, SheetName, [.. Columns.Select(c => c.Name)], units.Select(u => (IReadOnlyList<object?>)[u.Code, u.Name, u.ParentCode, u.Block, u.Headcount]));

    private static void CheckParent(SheetLayout layout, SheetRow row, string code, string parent, Dictionary<string, string?> parents, List<SheetError> errors)
    {
        if (!parents.ContainsKey(parent))
        {
            errors.Add(layout.Error(row, ParentCode, $"Không tìm thấy đơn vị cha '{parent}' trong tệp hay trong các đơn vị đã có."));
            return;
        }

        var path = new List<string> { code };
        var seen = new HashSet<string>(StringComparer.Ordinal) { code };
        for (string? current = parent; current is not null && parents.TryGetValue(current, out var next); current = next)
        {
            path.Add(current);
            if (current == code)
            {
                errors.Add(layout.Error(row, ParentCode, $"Đơn vị cha '{parent}' tạo vòng lặp trong cây đơn vị: {string.Join(" → ", path)}."));
                return;
            }

            if (!seen.Add(current))
            {
                return; // a cycle above this unit, reported on its own rows
            }
        }
    }

    private static bool TryParseHeadcount(string text, out int headcount)
    {
        // Excel stores numbers as doubles: 120 arrives as "120", and "120.0" is as good.
        var valid = double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && number <= int.MaxValue && number == Math.Floor(number);
        headcount = valid ? (int)number : 0;
        return valid;
    }
}
