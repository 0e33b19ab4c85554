using Platform.Core.Contests;

namespace Results.Statistics;

/// <summary>Participants and entries of a unit, counting its descendants (a district with its communes).</summary>
/// <param name="Participants">Distinct contestants with an entry.</param>
/// <param name="Entries">Entries (final attempts).</param>
public readonly record struct UnitCount(int Participants, int Entries);

/// <summary>
/// The unit tree in display order (each unit followed by its children, by sort order), with roll-ups over subtrees.
/// A unit whose parent is unknown is treated as a top-level unit; a parent cycle is broken where it is first met, so
/// a broken tree never loops or loses a unit.
/// </summary>
internal sealed class UnitTree
{
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);

    public UnitTree(IReadOnlyList<UnitRecord> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var byCode = new Dictionary<string, UnitRecord>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            byCode.TryAdd(unit.Code, unit);
        }

        var ordered = byCode.Values.OrderBy(u => u.SortOrder).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
        var children = ordered.Where(u => u.ParentCode is not null && byCode.ContainsKey(u.ParentCode))
            .ToLookup(u => u.ParentCode!, StringComparer.Ordinal);
        var order = new List<Node>(ordered.Count);

        void Visit(UnitRecord root)
        {
            var stack = new Stack<(UnitRecord Unit, Node? Parent)>();
            stack.Push((root, null));
            while (stack.Count > 0)
            {
                var (unit, parent) = stack.Pop();
                if (_nodes.ContainsKey(unit.Code))
                {
                    continue;
                }

                var node = new Node(unit, parent, parent is null ? 0 : parent.Depth + 1, parent?.Top ?? unit.Code);
                _nodes[unit.Code] = node;
                order.Add(node);
                foreach (var child in children[unit.Code].Reverse())
                {
                    stack.Push((child, node));
                }
            }
        }

        foreach (var unit in ordered.Where(u => u.ParentCode is null || !byCode.ContainsKey(u.ParentCode)))
        {
            Visit(unit);
        }

        // Units left are on a parent cycle: the first one met becomes a top-level unit.
        foreach (var unit in ordered.Where(u => !_nodes.ContainsKey(u.Code)))
        {
            Visit(unit);
        }

        foreach (var node in order.Where(n => n.Unit.Headcount is not null))
        {
            for (var up = node; up is not null; up = up.Parent)
            {
                up.Headcount = (up.Headcount ?? 0) + node.Unit.Headcount!.Value;
            }
        }

        Units = order.Select(n => n.Unit).ToList();
    }

    /// <summary>Every unit, each followed by its descendants, siblings by sort order.</summary>
    public IReadOnlyList<UnitRecord> Units { get; }

    public bool Contains(string code) => _nodes.ContainsKey(code);

    /// <summary>0 for a top-level unit, 1 for its children, ...</summary>
    public int Depth(string code) => _nodes[code].Depth;

    /// <summary>The top-level unit above (or equal to) a unit.</summary>
    public string Top(string code) => _nodes[code].Top;

    /// <summary>The parent as placed in the tree (null at the top, also for a unit whose parent is unknown).</summary>
    public string? Parent(string code) => _nodes[code].Parent?.Unit.Code;

    /// <summary>The sum of the known headcounts in the unit's subtree; null when none is known.</summary>
    public int? Headcount(string code) => _nodes[code].Headcount;

    /// <summary>Participants over headcount; null when the headcount is unknown or zero.</summary>
    public static double? Rate(int participants, int? headcount) => headcount is > 0 ? (double)participants / headcount.Value : null;

    /// <summary>
    /// Counts entries per unit, each unit counting its subtree. Entries of contestants whose unit is unknown (not in the
    /// map or not in the tree) are counted in <paramref name="unassigned"/>.
    /// </summary>
    public Dictionary<string, UnitCount> Count(IEnumerable<EntryRecord> entries, IReadOnlyDictionary<long, string> contestantUnits, out UnitCount unassigned)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(contestantUnits);
        var perContestant = new Dictionary<long, int>();
        foreach (var entry in entries)
        {
            perContestant[entry.ContestantId] = perContestant.GetValueOrDefault(entry.ContestantId) + 1;
        }

        var participants = new Dictionary<string, int>(StringComparer.Ordinal);
        var entryCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        int lostParticipants = 0, lostEntries = 0;
        foreach (var (contestant, count) in perContestant)
        {
            if (!contestantUnits.TryGetValue(contestant, out var code) || !_nodes.TryGetValue(code, out var node))
            {
                lostParticipants++;
                lostEntries += count;
                continue;
            }

            for (var up = node; up is not null; up = up.Parent)
            {
                participants[up.Unit.Code] = participants.GetValueOrDefault(up.Unit.Code) + 1;
                entryCounts[up.Unit.Code] = entryCounts.GetValueOrDefault(up.Unit.Code) + count;
            }
        }

        unassigned = new UnitCount(lostParticipants, lostEntries);
        return _nodes.Keys.ToDictionary(
            code => code,
            code => new UnitCount(participants.GetValueOrDefault(code), entryCounts.GetValueOrDefault(code)),
            StringComparer.Ordinal);
    }

    private sealed class Node(UnitRecord unit, Node? parent, int depth, string top)
    {
        public UnitRecord Unit { get; } = unit;

        public Node? Parent { get; } = parent;

        public int Depth { get; } = depth;

        public string Top { get; } = top;

        public int? Headcount { get; set; }
    }
}
