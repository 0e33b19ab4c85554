using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Core.Contests;

namespace Results.Ranking;

/// <summary>The canonical text of the evidence files (docs/results-evidence.md) and the content hash.</summary>
internal static class EvidenceFiles
{
    public const string RankingHeader = "group,rank,contestantId,attemptId,score,correctCount,durationMs,prediction,distance,submittedAtMs,prize";

    public const string EntriesHeader = "attemptId,contestantId,group,round,score,correctCount,questionCount,durationMs,prediction,submittedAtMs";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>One line of ranking.csv, with its line end.</summary>
    public static string RankingLine(string group, int rank, long contestantId, Guid attemptId, int score, int correctCount, long durationMs, long? prediction, long? distance, long submittedAtMs, string? prize) =>
        string.Create(CultureInfo.InvariantCulture, $"{group},{rank},{contestantId},{attemptId:D},{score},{correctCount},{durationMs},{prediction},{distance},{submittedAtMs},{prize}\n");

    /// <summary>One line of entries.csv, with its line end.</summary>
    public static string EntryLine(EntryRecord e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.AttemptId:D},{e.ContestantId},{e.GroupCode},{e.Round},{e.Score},{e.CorrectCount},{e.QuestionCount},{e.DurationMs},{e.Prediction},{RankingEngine.UnixMs(e.SubmittedAt)}\n");

    /// <summary>SHA-256 (lowercase hex) of the ranking file the rows make.</summary>
    public static string Hash(IEnumerable<RankedRow> rows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Utf8.GetBytes(RankingHeader + "\n"));
        foreach (var r in rows)
        {
            hash.AppendData(Utf8.GetBytes(RankingLine(r.Group, r.Rank, r.Entry.ContestantId, r.Entry.AttemptId, r.Entry.Score, r.Entry.CorrectCount, r.Entry.DurationMs, r.Entry.Prediction, r.Distance, r.SubmittedAtMs, r.Prize)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The policy as policy.json, with the content hash when known.</summary>
    public static string PolicyJson(RankingPolicy policy, string? contentHash)
    {
        var document = new PolicyDocument(
            policy.Contest,
            policy.Round,
            policy.Counts,
            policy.TieBreaks,
            policy.ActualPrediction,
            policy.Groups,
            policy.Prizes.Select(p => new PrizeLine(p.Group, p.Class, p.Count, p.Value)).ToList(),
            policy.Disqualified.Order().ToList(),
            policy.AlreadyAwarded.Order().ToList(),
            contentHash);
        return JsonSerializer.Serialize(document, Json) + "\n";
    }

    /// <summary>Reads back a policy.json written by <see cref="PolicyJson"/>.</summary>
    public static RankingPolicy ReadPolicy(string json)
    {
        var d = JsonSerializer.Deserialize<PolicyDocument>(json, Json) ?? throw new InvalidOperationException("Empty policy.");
        return new RankingPolicy(d.Contest, d.Round, d.Counts, d.TieBreaks, d.ActualPrediction, d.Groups,
            d.Prizes.Select(p => new PrizeQuota { Group = p.Group, Class = p.Class, Count = p.Count, Value = p.Value }).ToList(), d.Disqualified, d.AlreadyAwarded);
    }

    /// <summary>Writes text as UTF-8 without a byte order mark; disposing it disposes <paramref name="stream"/>.</summary>
    public static StreamWriter Writer(Stream stream) => new(stream, Utf8, 1 << 16, leaveOpen: false) { NewLine = "\n" };

    private sealed record PrizeLine(string Group, string Class, int Count, long Value);

    private sealed record PolicyDocument(
        string Contest,
        int Round,
        CountedAttempt Counts,
        IReadOnlyList<string> TieBreaks,
        long? ActualPrediction,
        IReadOnlyList<string> Groups,
        IReadOnlyList<PrizeLine> Prizes,
        IReadOnlyList<long> Disqualified,
        IReadOnlyList<long> AlreadyAwarded,
        string? ContentHash);
}
