using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Platform.Core.Contests;
using Platform.Core.Tenancy;
using Results.Data;
using Results.Ranking;

namespace Results.Exports;

/// <summary>
/// Writes a result run as Excel workbooks for organisers: the full ranking, the prize winners (optionally with their
/// contact details: personal data, admin only) and the unit ranking. Numbers are written as numbers, every text cell
/// goes through <see cref="ExcelCells.Text"/>, everything is read in the current tenant, and times are shown in the
/// tenant's time zone (UTC in the host scope).
/// </summary>
/// <remarks>
/// <para>
/// The full ranking streams: rows are read in keyset pages of <see cref="PageSize"/> while MiniExcel writes them, so a
/// million entries take the memory of one page. Sheets split at <see cref="RowsPerSheet"/> data rows.
/// </para>
/// <para>
/// The workbook is written with MiniExcel's synchronous writer (the pages are read with synchronous queries inside
/// the rows it enumerates): MiniExcel 1.46's asynchronous writer puts the drawing element inside <c>sheetData</c>,
/// which Excel reports as damaged, and its zip archive writes its directory synchronously when it closes anyway.
/// So the <c>output</c> of each method must accept synchronous writes: a file (a temporary one, then copied
/// to the response) or a response with synchronous I/O allowed.
/// </para>
/// </remarks>
public sealed class ResultsExcel(ResultsDbContext db, IContestData contests, ITenantContext tenant)
{
    /// <summary>Data rows a sheet can hold under its header row (Excel stops at 1,048,576 rows).</summary>
    public const int ExcelMaxDataRows = 1_048_575;

    /// <summary>The first sheet of the full results; the next are "Kết quả (2)", "Kết quả (3)", ...</summary>
    public const string ResultsSheet = "Kết quả";

    /// <summary>The sheet of the winners file.</summary>
    public const string WinnersSheet = "Đạt giải";

    /// <summary>The sheet of the unit ranking file.</summary>
    public const string UnitsSheet = "Xếp hạng đơn vị";

    private readonly int _rowsPerSheet = ExcelMaxDataRows;
    private readonly int _pageSize = 10_000;

    /// <summary>Data rows per sheet of the full results before the next sheet starts; at most <see cref="ExcelMaxDataRows"/>.</summary>
    public int RowsPerSheet
    {
        get => _rowsPerSheet;
        init => _rowsPerSheet = value is >= 1 and <= ExcelMaxDataRows
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"A sheet holds 1 to {ExcelMaxDataRows} data rows.");
    }

    /// <summary>Entries read per query while writing the full results.</summary>
    public int PageSize
    {
        get => _pageSize;
        init => _pageSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A page holds at least one row.");
    }

    /// <summary>
    /// Every ranked entry of the run, in ranking order (group by group), one sheet per <see cref="RowsPerSheet"/> rows.
    /// The time taken is in seconds with milliseconds (a number, e.g. 754.321); the submission time is a date cell in
    /// the tenant's local time, to the millisecond.
    /// </summary>
    /// <exception cref="ResultsProblemException">No such run in the tenant, or a discarded one.</exception>
    public async Task WriteFullResultsAsync(long runId, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await EnsureRunAsync(runId, cancellationToken);
        var timeZone = tenant.Tenant?.Zone() ?? TimeZoneInfo.Utc;

        // Positions are 0-based and gapless, so sheet i holds positions [i * RowsPerSheet, (i + 1) * RowsPerSheet):
        // each sheet reads its own range, whatever order MiniExcel enumerates the sheets in.
        var lastPosition = await db.RankedEntries.Where(e => e.RunId == runId).MaxAsync(e => (int?)e.Position, cancellationToken);
        var sheetCount = lastPosition is { } last ? (last / RowsPerSheet) + 1 : 1;
        var sheets = new Dictionary<string, object>(sheetCount, StringComparer.Ordinal);
        for (var sheet = 0; sheet < sheetCount; sheet++)
        {
            var first = sheet * RowsPerSheet;
            var lastInSheet = (int)Math.Min((long)first + RowsPerSheet - 1, int.MaxValue);
            sheets.Add(SheetName(sheet), ReadEntries(runId, first, lastInSheet, timeZone, cancellationToken));
        }

        Save(output, sheets, ignoredColumns: []);
    }

    /// <summary>
    /// The prize winners of the run (entries with a prize), group by group in ranking order, with the prize value.
    /// With <paramref name="includeContacts"/>, adds date of birth, citizen id, phone and e-mail so organisers can hand
    /// out the prizes; without it, contact details are not even read.
    /// </summary>
    /// <exception cref="ResultsProblemException">No such run in the tenant, or a discarded one.</exception>
    public async Task WriteWinnersAsync(long runId, Stream output, bool includeContacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await EnsureRunAsync(runId, cancellationToken);

        // Bounded by the prizes of the contest, so read at once: the contacts are asked for in one call.
        var winners = await db.RankedEntries.AsNoTracking()
            .Where(e => e.RunId == runId && e.Prize != null)
            .OrderBy(e => e.Position)
            .Select(e => new WinnerLine(e.GroupCode, e.Rank, e.Prize, e.PrizeValue, e.ContestantId, e.DisplayName, e.UnitName, e.Score, e.CorrectCount, e.DurationMs, e.AttemptId))
            .ToListAsync(cancellationToken);

        var contacts = new Dictionary<long, ContestantContact>();
        if (includeContacts && winners.Count > 0)
        {
            foreach (var contact in await contests.ReadContactsAsync([.. winners.Select(w => w.ContestantId).Distinct()], cancellationToken))
            {
                contacts.TryAdd(contact.Id, contact);
            }
        }

        var rows = winners.Select(w =>
        {
            var contact = contacts.GetValueOrDefault(w.ContestantId);
            return new WinnerRow
            {
                Group = ExcelCells.Text(w.GroupCode),
                Rank = w.Rank,
                Prize = ExcelCells.Text(w.Prize),
                PrizeValue = w.PrizeValue,
                Name = ExcelCells.Text(w.DisplayName),
                Unit = ExcelCells.Text(w.UnitName),
                Score = w.Score,
                CorrectCount = w.CorrectCount,
                Seconds = Seconds(w.DurationMs),
                AttemptId = ExcelCells.Text(w.AttemptId.ToString()),
                DateOfBirth = contact?.DateOfBirth.ToDateTime(TimeOnly.MinValue),
                CitizenId = ExcelCells.Text(contact?.CitizenId),
                Phone = ExcelCells.Text(contact?.Phone),
                Email = ExcelCells.Text(contact?.Email),
            };
        });
        Save(output, new Dictionary<string, object>(StringComparer.Ordinal) { [WinnersSheet] = rows }, includeContacts ? [] : WinnerRow.ContactColumns);
    }

    /// <summary>The unit ranking of the run, block by block; unranked units (no headcount for a rate) have no rank.</summary>
    /// <exception cref="ResultsProblemException">No such run in the tenant, or a discarded one.</exception>
    public async Task WriteUnitStandingsAsync(long runId, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await EnsureRunAsync(runId, cancellationToken);

        // One line per top-level unit: small, read at once.
        var standings = await db.UnitStandings.AsNoTracking()
            .Where(u => u.RunId == runId)
            .OrderBy(u => u.Block)
            .ThenBy(u => u.Rank == 0)
            .ThenBy(u => u.Rank)
            .ThenBy(u => u.UnitCode)
            .ToListAsync(cancellationToken);

        var rows = standings.Select(u => new UnitStandingRow
        {
            Block = ExcelCells.Text(u.Block),
            Rank = u.Rank == 0 ? null : u.Rank,
            Unit = ExcelCells.Text(u.UnitName),
            Participants = u.Participants,
            Entries = u.Entries,
            Headcount = u.Headcount,
            ParticipationPercent = u.Headcount is int headcount and > 0 ? 100.0 * u.Participants / headcount : null,
            AverageScore = u.AverageScore,
            Prize = ExcelCells.Text(u.Prize),
        });
        Save(output, new Dictionary<string, object>(StringComparer.Ordinal) { [UnitsSheet] = rows }, ignoredColumns: []);
    }

    /// <summary>"Kết quả" for the first sheet, then "Kết quả (2)", "Kết quả (3)", ...</summary>
    internal static string SheetName(int index) => index == 0 ? ResultsSheet : $"{ResultsSheet} ({index + 1})";

    private static void Save(Stream output, Dictionary<string, object> sheets, IReadOnlyList<string> ignoredColumns) =>
        output.SaveAs(sheets, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration
        {
            AutoFilter = true,
            DynamicColumns = [.. ignoredColumns.Select(column => new DynamicExcelColumn(column) { Ignore = true })],
        });

    private static decimal Seconds(long durationMs) => durationMs / 1000m;

    private async Task EnsureRunAsync(long runId, CancellationToken cancellationToken)
    {
        var status = await db.Runs.Where(r => r.Id == runId).Select(r => (ResultStatus?)r.Status).SingleOrDefaultAsync(cancellationToken)
            ?? throw ResultsProblemException.NotFound($"Không có kết quả #{runId}.");
        if (status == ResultStatus.Discarded)
        {
            throw ResultsProblemException.Invalid($"Kết quả #{runId} đã bị hủy; không còn bảng xếp hạng.");
        }
    }

    // Lazy: nothing is read until MiniExcel asks for the first row. Pages are short keyset queries, each read to the
    // end, so no reader stays open while MiniExcel writes. One page is read ahead on another thread while MiniExcel
    // writes the current one (reading and writing then share the two cores instead of taking turns); at most
    // PagesAhead pages wait, so memory stays bounded (tests count the page queries against the bytes already written).
    // Only the reading thread uses the DbContext during the export.
    private const int PagesAhead = 2;

    private IEnumerable<FullResultRow> ReadEntries(long runId, int firstPosition, int lastPosition, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var pages = new System.Collections.Concurrent.BlockingCollection<List<EntryLine>>(PagesAhead);
        var reader = Task.Run(() => ReadPages(runId, firstPosition, lastPosition, pages, stop.Token), CancellationToken.None);
        try
        {
            foreach (var page in pages.GetConsumingEnumerable(cancellationToken))
            {
                foreach (var e in page)
                {
                    yield return new FullResultRow
                    {
                        Group = ExcelCells.Text(e.GroupCode),
                        Rank = e.Rank,
                        Name = ExcelCells.Text(e.DisplayName),
                        Unit = ExcelCells.Text(e.UnitName),
                        Score = e.Score,
                        CorrectCount = e.CorrectCount,
                        Seconds = Seconds(e.DurationMs),
                        Prediction = e.Prediction,
                        Distance = e.Distance,
                        SubmittedAt = TimeZoneInfo.ConvertTimeFromUtc(DateTimeOffset.FromUnixTimeMilliseconds(e.SubmittedAtMs).UtcDateTime, timeZone),
                        Prize = ExcelCells.Text(e.Prize),
                        AttemptId = ExcelCells.Text(e.AttemptId.ToString()),
                    };
                }
            }
        }
        finally
        {
            // Stopped early (an error in the writer) or done: the reading thread ends before the context is used again.
            stop.Cancel();
            try
            {
                // A failed read surfaces here, so a file is never silently cut short.
                reader.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Cancelled because the writer stopped; the writer's own error is what matters.
            }
        }
    }

    private void ReadPages(long runId, int firstPosition, int lastPosition, System.Collections.Concurrent.BlockingCollection<List<EntryLine>> pages, CancellationToken cancellationToken)
    {
        try
        {
            var after = firstPosition - 1;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = db.RankedEntries.AsNoTracking()
                    .Where(e => e.RunId == runId && e.Position > after && e.Position <= lastPosition)
                    .OrderBy(e => e.Position)
                    .Take(PageSize)
                    .Select(e => new EntryLine(e.Position, e.GroupCode, e.Rank, e.DisplayName, e.UnitName, e.Score, e.CorrectCount, e.DurationMs, e.Prediction, e.Distance, e.SubmittedAtMs, e.Prize, e.AttemptId))
                    .ToList();
                if (page.Count > 0)
                {
                    pages.Add(page, cancellationToken);
                }

                if (page.Count < PageSize)
                {
                    return;
                }

                after = page[^1].Position;
            }
        }
        finally
        {
            pages.CompleteAdding();
        }
    }

    private sealed record EntryLine(
        int Position,
        string GroupCode,
        int Rank,
        string DisplayName,
        string UnitName,
        int Score,
        int CorrectCount,
        long DurationMs,
        long? Prediction,
        long? Distance,
        long SubmittedAtMs,
        string? Prize,
        Guid AttemptId);

    private sealed record WinnerLine(
        string GroupCode,
        int Rank,
        string? Prize,
        long PrizeValue,
        long ContestantId,
        string DisplayName,
        string UnitName,
        int Score,
        int CorrectCount,
        long DurationMs,
        Guid AttemptId);
}
