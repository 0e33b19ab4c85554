using Quiz.Contests;

namespace Quiz.Attempts;

/// <summary>A question the draw may pick: its current version, topic and difficulty.</summary>
/// <param name="VersionId">Version drawn.</param>
/// <param name="QuestionId">Question.</param>
/// <param name="Topic">Topic.</param>
/// <param name="Difficulty">1–3.</param>
public sealed record DrawCandidate(long VersionId, long QuestionId, string Topic, int Difficulty);

/// <summary>Thrown when the bank cannot fill an attempt; the message is for organisers.</summary>
public sealed class BankTooSmallException(string message) : Exception(message);

/// <summary>
/// Draws the questions of an attempt: quotas first (in their order), then the rest from the whole bank,
/// never the same question twice, questions the contestant has not seen before first. The same inputs and
/// seed give the same draw.
/// </summary>
public static class QuestionDraw
{
    /// <summary>Draws <paramref name="total"/> questions.</summary>
    public static IReadOnlyList<DrawCandidate> Draw(IReadOnlyList<DrawCandidate> bank, IReadOnlyList<DrawQuota> quotas, int total, IReadOnlySet<long> seen, bool shuffle, int seed)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(quotas);
        ArgumentNullException.ThrowIfNull(seen);
        var random = new Random(seed);
        var remaining = bank.OrderBy(c => c.QuestionId).ToList();
        var picked = new List<DrawCandidate>(total);
        foreach (var quota in quotas)
        {
            var matching = remaining.Where(c => Matches(c, quota)).ToList();
            if (matching.Count < quota.Count)
            {
                throw new BankTooSmallException(
                    $"Hạn mức {Describe(quota)} cần {quota.Count} câu đang dùng, ngân hàng chỉ còn {matching.Count}.");
            }

            Take(matching, quota.Count, seen, random, picked, remaining);
        }

        var rest = total - picked.Count;
        if (remaining.Count < rest)
        {
            throw new BankTooSmallException($"Mỗi lượt thi cần {total} câu, ngân hàng chỉ có {bank.Count} câu đang dùng.");
        }

        Take(remaining.ToList(), rest, seen, random, picked, remaining);
        return shuffle ? Shuffled(picked, random) : picked.OrderBy(c => c.QuestionId).ToList();
    }

    /// <summary>A permutation of 0..count-1 (identity when not shuffling).</summary>
    public static IReadOnlyList<int> Permutation(int count, bool shuffle, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var order = Enumerable.Range(0, count).ToArray();
        if (shuffle)
        {
            random.Shuffle(order);
        }

        return order;
    }

    private static void Take(List<DrawCandidate> from, int count, IReadOnlySet<long> seen, Random random, List<DrawCandidate> picked, List<DrawCandidate> remaining)
    {
        var unseen = Shuffled(from.Where(c => !seen.Contains(c.QuestionId)).ToList(), random);
        var again = Shuffled(from.Where(c => seen.Contains(c.QuestionId)).ToList(), random);
        foreach (var candidate in unseen.Concat(again).Take(count))
        {
            picked.Add(candidate);
            remaining.Remove(candidate);
        }
    }

    private static List<DrawCandidate> Shuffled(List<DrawCandidate> items, Random random)
    {
        var array = items.ToArray();
        random.Shuffle(array);
        return [.. array];
    }

    private static bool Matches(DrawCandidate candidate, DrawQuota quota) =>
        (quota.Topic is null || string.Equals(candidate.Topic, quota.Topic, StringComparison.OrdinalIgnoreCase))
        && (quota.Difficulty is null || candidate.Difficulty == quota.Difficulty);

    private static string Describe(DrawQuota quota) =>
        string.Join(", ", new[] { quota.Topic is null ? null : $"chủ đề '{quota.Topic}'", quota.Difficulty is null ? null : $"mức độ {quota.Difficulty}" }.OfType<string>());
}
