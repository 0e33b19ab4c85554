using Microsoft.EntityFrameworkCore;
using Platform.Core.Contests;
using Results.Data;

namespace Results.Ranking;

/// <summary>
/// Writes a run's evidence (docs/results-evidence.md): policy.json, entries.csv (the inputs, re-read from the
/// contest's final attempts) and ranking.csv (the stored ranking), from which tools/recompute-ranking.py recomputes
/// the ranking independently. No names or personal data.
/// </summary>
public sealed class EvidenceExport(ResultsDbContext db, IContestData contests)
{
    /// <summary>Writes the three files; <paramref name="open"/> gives a stream for a file name.</summary>
    public async Task WriteAsync(long runId, Func<string, Stream> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw ResultsProblemException.NotFound($"Không có kết quả #{runId}.");
        if (run.Status == ResultStatus.Discarded)
        {
            throw ResultsProblemException.Invalid($"Kết quả #{runId} đã bị hủy; không còn bảng xếp hạng.");
        }

        await using (var policy = EvidenceFiles.Writer(open("policy.json")))
        {
            await policy.WriteAsync(EvidenceFiles.PolicyJson(EvidenceFiles.ReadPolicy(run.PolicyJson), run.ContentHash));
        }

        var entries = new List<EntryRecord>();
        await foreach (var e in contests.ReadEntriesAsync(run.ContestId, run.Round, cancellationToken))
        {
            entries.Add(e);
        }

        entries.Sort((x, y) => x.AttemptId.CompareTo(y.AttemptId));
        await using (var writer = EvidenceFiles.Writer(open("entries.csv")))
        {
            await writer.WriteAsync(EvidenceFiles.EntriesHeader + "\n");
            foreach (var e in entries)
            {
                await writer.WriteAsync(EvidenceFiles.EntryLine(e));
            }
        }

        await using (var writer = EvidenceFiles.Writer(open("ranking.csv")))
        {
            await writer.WriteAsync(EvidenceFiles.RankingHeader + "\n");
            var last = -1;
            while (true)
            {
                var page = await db.RankedEntries.AsNoTracking().Where(e => e.RunId == runId && e.Position > last)
                    .OrderBy(e => e.Position).Take(10_000).ToListAsync(cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }

                foreach (var e in page)
                {
                    await writer.WriteAsync(EvidenceFiles.RankingLine(e.GroupCode, e.Rank, e.ContestantId, e.AttemptId, e.Score, e.CorrectCount, e.DurationMs, e.Prediction, e.Distance, e.SubmittedAtMs, e.Prize));
                }

                last = page[^1].Position;
            }
        }
    }
}
