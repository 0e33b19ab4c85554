using Platform.Core.Contests;

namespace Results.Statistics;

/// <summary>Why a question is flagged for review.</summary>
[Flags]
public enum ItemConcerns
{
    /// <summary>Nothing to review.</summary>
    None = 0,

    /// <summary>Facility below <see cref="ItemAnalysis.HardBelowFacility"/>: few answer it right.</summary>
    TooHard = 1,

    /// <summary>Discrimination below <see cref="ItemAnalysis.ReviewBelowDiscrimination"/>: weaker entries answer it better.</summary>
    NegativeDiscrimination = 2,
}

/// <summary>The analysis of one question.</summary>
/// <param name="Code">Question code.</param>
/// <param name="Text">Question text (of the first version met).</param>
/// <param name="Responses">Entries that drew it.</param>
/// <param name="Right">Of them, answered right.</param>
/// <param name="Facility">Share of responses right.</param>
/// <param name="Discrimination">Facility in the upper group minus facility in the lower group; null when either group did not draw it.</param>
/// <param name="Concerns">Why it is flagged.</param>
public sealed record ItemStatistic(string Code, string Text, int Responses, int Right, double Facility, double? Discrimination, ItemConcerns Concerns);

/// <summary>The item analysis of a scope.</summary>
/// <param name="Entries">Entries ranked by score to form the groups.</param>
/// <param name="GroupSize">Entries in each of the upper and lower groups.</param>
/// <param name="Items">Per question, by code.</param>
public sealed record ItemAnalysisReport(int Entries, int GroupSize, IReadOnlyList<ItemStatistic> Items)
{
    /// <summary>Questions flagged for review.</summary>
    public int FlaggedCount => Items.Count(i => i.Concerns != ItemConcerns.None);
}

/// <summary>
/// Classic item analysis (Kelley): the facility index is the share of responses answered right; the discrimination index
/// is the facility among the upper 27% of entries by score minus the facility among the lower 27%. Responses are streamed
/// into one accumulator per question, so memory grows with entries and questions, not with responses.
/// </summary>
internal sealed class ItemAnalysis
{
    /// <summary>Share of entries in each of the upper and lower groups (Kelley's 27%).</summary>
    public const double GroupShare = 0.27;

    /// <summary>A question answered right by fewer than this share of responses is flagged as too hard.</summary>
    public const double HardBelowFacility = 0.2;

    /// <summary>A question whose discrimination is below this is flagged: weaker entries do better on it than stronger ones.</summary>
    public const double ReviewBelowDiscrimination = 0.0;

    /// <summary>Questions with fewer responses are not flagged: a handful of answers says nothing about a question.</summary>
    public const int MinimumResponses = 30;

    private readonly int _minimumResponses;
    private readonly Dictionary<Guid, Band> _bands;
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly int _entries;
    private readonly int _groupSize;

    /// <param name="entries">Entries of the scope, with their scores.</param>
    /// <param name="minimumResponses">Fewest responses for a question to be flagged.</param>
    public ItemAnalysis(IEnumerable<EntryRecord> entries, int minimumResponses = MinimumResponses)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _minimumResponses = minimumResponses;

        // Ties on score are put in a fixed order (attempt id), so the same data always gives the same groups.
        var ranked = entries.Select(e => (e.AttemptId, e.Score))
            .OrderByDescending(e => e.Score).ThenBy(e => e.AttemptId)
            .ToList();
        _entries = ranked.Count;
        _groupSize = (int)Math.Round(ranked.Count * GroupShare, MidpointRounding.AwayFromZero);
        _bands = new Dictionary<Guid, Band>(ranked.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            _bands.TryAdd(ranked[i].AttemptId, i < _groupSize ? Band.Upper : i >= ranked.Count - _groupSize ? Band.Lower : Band.Middle);
        }
    }

    /// <summary>The analysis of a finished list of responses.</summary>
    public static ItemAnalysisReport Compute(IEnumerable<EntryRecord> entries, IEnumerable<ItemResponse> responses, int minimumResponses = MinimumResponses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var analysis = new ItemAnalysis(entries, minimumResponses);
        foreach (var response in responses)
        {
            analysis.Add(response);
        }

        return analysis.Result();
    }

    public void Add(ItemResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!_tallies.TryGetValue(response.QuestionCode, out var tally))
        {
            _tallies[response.QuestionCode] = tally = new Tally(response.QuestionText);
        }

        var right = response.Correct ? 1 : 0;
        tally.Responses++;
        tally.Right += right;
        switch (_bands.GetValueOrDefault(response.AttemptId, Band.Middle))
        {
            case Band.Upper:
                tally.UpperResponses++;
                tally.UpperRight += right;
                break;
            case Band.Lower:
                tally.LowerResponses++;
                tally.LowerRight += right;
                break;
        }
    }

    public ItemAnalysisReport Result()
    {
        var items = _tallies.OrderBy(t => t.Key, StringComparer.Ordinal).Select(pair =>
        {
            var t = pair.Value;
            var facility = (double)t.Right / t.Responses;
            double? discrimination = t.UpperResponses > 0 && t.LowerResponses > 0
                ? ((double)t.UpperRight / t.UpperResponses) - ((double)t.LowerRight / t.LowerResponses)
                : null;
            var enough = t.Responses >= _minimumResponses;
            var concerns = (enough && facility < HardBelowFacility ? ItemConcerns.TooHard : ItemConcerns.None)
                | (enough && discrimination < ReviewBelowDiscrimination ? ItemConcerns.NegativeDiscrimination : ItemConcerns.None);
            return new ItemStatistic(pair.Key, t.Text, t.Responses, t.Right, facility, discrimination, concerns);
        }).ToList();
        return new ItemAnalysisReport(_entries, _groupSize, items);
    }

    private enum Band : byte
    {
        Middle,
        Upper,
        Lower,
    }

    private sealed class Tally(string text)
    {
        public string Text { get; } = text;

        public int Responses { get; set; }

        public int Right { get; set; }

        public int UpperResponses { get; set; }

        public int UpperRight { get; set; }

        public int LowerResponses { get; set; }

        public int LowerRight { get; set; }
    }
}
