using Results.Data;

namespace Results.Tests.Exports;

/// <summary>
/// Builds a frozen ranking: groups of the given sizes, one after the other in position order; the first three of each
/// group win prizes. Every value is derived from the position, so tests can predict each cell.
/// </summary>
internal sealed class RankingBuilder
{
    public static readonly DateTime FirstSubmission = new(2023, 10, 15, 1, 2, 3, 456, DateTimeKind.Utc);

    private readonly List<(string Code, int Size)> _groups = [];
    private readonly Dictionary<int, Action<RankedEntry>> _changes = [];

    public RankingBuilder Group(string code, int size)
    {
        _groups.Add((code, size));
        return this;
    }

    /// <summary>Changes the entry at a position.</summary>
    public RankingBuilder At(int position, Action<RankedEntry> change)
    {
        _changes[position] = change;
        return this;
    }

    public static string PrizeOf(int rank) => rank switch
    {
        1 => "Giải Nhất",
        2 => "Giải Nhì",
        3 => "Giải Ba",
        _ => throw new ArgumentOutOfRangeException(nameof(rank)),
    };

    public static long PrizeValueOf(int rank) => rank switch
    {
        1 => 3_000_000,
        2 => 2_000_000,
        _ => 1_000_000,
    };

    public List<RankedEntry> Build()
    {
        var entries = new List<RankedEntry>();
        foreach (var (code, size) in _groups)
        {
            for (var rank = 1; rank <= size; rank++)
            {
                var position = entries.Count;
                var entry = new RankedEntry
                {
                    Position = position,
                    GroupCode = code,
                    Rank = rank,
                    ContestantId = 1000 + position,
                    AttemptId = new Guid(position, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]),
                    DisplayName = $"Nguyễn Văn {position}",
                    UnitCode = $"U{position % 7}",
                    UnitName = $"Sở số {position % 7}",
                    Score = 100 - (rank % 100),
                    CorrectCount = 20 - (rank % 20),
                    DurationMs = 754_321 + position,
                    Prediction = position % 3 == 0 ? null : 5000 + position,
                    Distance = position % 3 == 0 ? null : position,
                    SubmittedAtMs = new DateTimeOffset(FirstSubmission).ToUnixTimeMilliseconds() + (position * 1000L),
                    Prize = rank <= 3 ? PrizeOf(rank) : null,
                    PrizeValue = rank <= 3 ? PrizeValueOf(rank) : 0,
                };
                if (_changes.TryGetValue(position, out var change))
                {
                    change(entry);
                }

                entries.Add(entry);
            }
        }

        return entries;
    }
}
