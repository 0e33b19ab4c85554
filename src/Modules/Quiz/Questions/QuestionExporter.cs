using Microsoft.EntityFrameworkCore;
using Quiz.Data;

namespace Quiz.Questions;

/// <summary>Writes the current tenant's bank in the import format, so that importing the file back changes nothing.</summary>
internal sealed class QuestionExporter(QuizDbContext db)
{
    /// <summary>Every question with its current version, in the order they were added; returns how many.</summary>
    public async Task<int> ExportAsync(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(cancellationToken);
        QuestionSheet.Write(stream, fileName, rows);
        return rows.Count;
    }

    /// <summary>An empty sheet to fill in: headers and one example row.</summary>
    public static void WriteTemplate(Stream stream, string fileName) => QuestionSheet.WriteTemplate(stream, fileName);

    /// <summary>The bank as sheet rows.</summary>
    public async Task<List<QuestionRow>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var current = await (
            from q in db.Questions.AsNoTracking()
            join v in db.QuestionVersions.AsNoTracking() on q.CurrentVersionId equals v.Id
            orderby q.Id
            select new { q, v }).ToListAsync(cancellationToken);
        return [.. current.Select(x => QuestionRow.From(x.q, x.v))];
    }
}
