namespace Quiz.Units;

/// <summary>One unit as a sheet holds it.</summary>
/// <param name="RowNumber">Excel row number in the file read, or 0 when the row comes from the tenant.</param>
/// <param name="Code">Unique code.</param>
/// <param name="Name">Name.</param>
/// <param name="ParentCode">Parent's code, or null at the top.</param>
/// <param name="Block">Block (khối), or null.</param>
/// <param name="Headcount">Staff headcount (CBCCVC), or null when unknown.</param>
internal sealed record UnitRow(int RowNumber, string Code, string Name, string? ParentCode, string? Block, int? Headcount)
{
    public static UnitRow From(Unit unit) => new(0, unit.Code, unit.Name, unit.ParentCode, unit.Block, unit.Headcount);
}
