using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Results.Data;

namespace Results.Ranking;

/// <summary>
/// The names and units of a published run, held in memory to look entries up by part of a name: on results day every
/// contestant searches for their own line, and asking the database for a substring means reading the whole run each
/// time (a million entries at national size). A published run never changes, so this is built once per node from one
/// read, in ranking order (group, then rank), and searched without the database. About 72 bytes per entry (measured).
/// Matching ignores case and how the text was composed; a query typed without diacritics ("nguyen van an") also
/// matches names written with them ("Nguyễn Văn An"), as people type on phones.
/// </summary>
public sealed class RunDirectory
{
    private const char Separator = '\n';

    private readonly string _names; // every entry's name folded, one per line, in ranking order
    private readonly string _plainNames; // the same without diacritics
    private readonly int[] _starts; // where each entry's line starts
    private readonly int[] _plainStarts;
    private readonly int[] _positions; // each entry's key in the run
    private readonly int[] _units; // each entry's unit, an index into the two arrays below
    private readonly string[] _unitNames;
    private readonly string[] _plainUnitNames;

    private RunDirectory(string names, string plainNames, int[] starts, int[] plainStarts, int[] positions, int[] units, string[] unitNames)
    {
        _names = names;
        _plainNames = plainNames;
        _starts = starts;
        _plainStarts = plainStarts;
        _positions = positions;
        _units = units;
        _unitNames = unitNames;
        _plainUnitNames = [.. unitNames.Select(Plain)];
    }

    /// <summary>Reads a run's names and units, in ranking order.</summary>
    public static async Task<RunDirectory> LoadAsync(ResultsDbContext db, long runId, int expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var names = new StringBuilder(expected * 20);
        var plain = new StringBuilder(expected * 20);
        var starts = new List<int>(expected);
        var plainStarts = new List<int>(expected);
        var positions = new List<int>(expected);
        var units = new List<int>(expected);
        var unitIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var entry in db.RankedEntries.AsNoTracking().Where(e => e.RunId == runId)
            .OrderBy(e => e.GroupCode).ThenBy(e => e.Rank)
            .Select(e => new { e.Position, e.DisplayName, e.UnitName })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var name = Fold(entry.DisplayName);
            starts.Add(names.Length);
            names.Append(name).Append(Separator);
            plainStarts.Add(plain.Length);
            plain.Append(Plain(name)).Append(Separator);
            positions.Add(entry.Position);
            var unit = Fold(entry.UnitName);
            if (!unitIndex.TryGetValue(unit, out var index))
            {
                index = unitIndex.Count;
                unitIndex.Add(unit, index);
            }

            units.Add(index);
        }

        return new RunDirectory(names.ToString(), plain.ToString(), [.. starts], [.. plainStarts], [.. positions], [.. units], [.. unitIndex.OrderBy(u => u.Value).Select(u => u.Key)]);
    }

    /// <summary>
    /// The keys (<see cref="RankedEntry.Position"/>) of at most <paramref name="limit"/> entries whose name contains
    /// <paramref name="name"/> and, when given, whose unit contains <paramref name="unit"/>, in ranking order.
    /// </summary>
    public IReadOnlyList<int> Find(string name, string? unit, int limit)
    {
        ArgumentNullException.ThrowIfNull(name);
        var needle = Fold(name);
        var (haystack, starts) = Typed(needle) ? (_names, _starts) : (_plainNames, _plainStarts);
        if (needle.Length == 0 || needle.Contains(Separator, StringComparison.Ordinal))
        {
            return [];
        }

        bool[]? units = null;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var unitNeedle = Fold(unit);
            var unitNames = Typed(unitNeedle) ? _unitNames : _plainUnitNames;
            units = [.. unitNames.Select(u => u.Contains(unitNeedle, StringComparison.Ordinal))];
        }

        var found = new List<int>();
        var from = 0;
        while (found.Count < limit && from < haystack.Length)
        {
            var at = haystack.AsSpan(from).IndexOf(needle.AsSpan(), StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            var entry = Array.BinarySearch(starts, from + at);
            entry = entry >= 0 ? entry : ~entry - 1; // the line the match is on
            if (units is null || units[_units[entry]])
            {
                found.Add(_positions[entry]);
            }

            from = entry + 1 < starts.Length ? starts[entry + 1] : haystack.Length; // one hit per entry
        }

        return found;
    }

    // A query with diacritics is matched as typed; one without them against the names without theirs.
    private static bool Typed(string query) => query.Any(c => c > '\u007f');

    private static string Fold(string text) => text.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    // Without diacritics: the marks removed, đ as d.
    private static string Plain(string folded)
    {
        var decomposed = folded.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c == 'đ' ? 'd' : c);
            }
        }

        return plain.ToString();
    }
}
