using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Tenancy;
using Quiz.Data;
using Quiz.Questions;

namespace Quiz.Pages.Admin.Questions;

/// <summary>The question bank: search, filters, 50 a page; downloads of the bank and of the template.</summary>
[Authorize(Policy = QuizModule.ManageQuestions)]
internal sealed class IndexModel(QuizDbContext db, QuestionExporter exporter, ITenantContext tenant, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Row(long Id, string Code, string Topic, int Difficulty, QuestionState State, int Version, string Text);

    /// <summary>Code or text contains this.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "topic")]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = "difficulty")]
    public int? Difficulty { get; set; }

    [BindProperty(SupportsGet = true, Name = "state")]
    public QuestionState? State { get; set; }

    /// <summary>1-based page ("page" is taken by Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; } = [];

    public List<string> Topics { get; private set; } = [];

    public int Total { get; private set; }

    public int BankSize { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool Filtered => !string.IsNullOrWhiteSpace(Search) || Topic is not null || Difficulty is not null || State is not null;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Topics = await db.Questions.Select(q => q.Topic).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        BankSize = await db.Questions.CountAsync(cancellationToken);
        var query =
            from q in db.Questions.AsNoTracking()
            join v in db.QuestionVersions.AsNoTracking() on q.CurrentVersionId equals v.Id into versions
            from v in versions.DefaultIfEmpty()
            select new { Question = q, Text = v == null ? string.Empty : v.Text };
        if (!string.IsNullOrWhiteSpace(Search))
        {
            // Case is ignored where the database can (PostgreSQL: all letters; SQLite: ASCII letters); exact case always matches.
            var term = Search.Trim().Normalize(NormalizationForm.FormC);
            var upper = term.ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // not run here: EF Core translates ToUpper to SQL UPPER
            query = query.Where(x => x.Question.Code.ToUpper().Contains(upper) || x.Text.ToUpper().Contains(upper) || x.Text.Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (Topic is not null)
        {
            query = query.Where(x => x.Question.Topic == Topic);
        }

        if (Difficulty is { } difficulty)
        {
            query = query.Where(x => x.Question.Difficulty == difficulty);
        }

        if (State is { } state)
        {
            query = query.Where(x => x.Question.State == state);
        }

        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await query
            .OrderBy(x => x.Question.Code)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        Rows.AddRange(page.Select(x => new Row(x.Question.Id, x.Question.Code, x.Question.Topic, x.Question.Difficulty, x.Question.State, x.Question.CurrentVersion, ImportPreview.Shorten(x.Text))));
    }

    /// <summary>The whole bank in the import format, so that it can be edited in Excel and imported back.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await exporter.ExportAsync(stream, "cau-hoi.xlsx", cancellationToken);
        var date = tenant.Tenant!.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(stream.ToArray(), XlsxType, $"ngan-hang-cau-hoi-{tenant.Tenant!.Name}-{date}.xlsx");
    }

    /// <summary>An empty sheet with the Vietnamese headers and one example row.</summary>
    public IActionResult OnGetTemplate()
    {
        using var stream = new MemoryStream();
        QuestionExporter.WriteTemplate(stream, "mau-cau-hoi.xlsx");
        return File(stream.ToArray(), XlsxType, "mau-nhap-cau-hoi.xlsx");
    }

    /// <summary>This list's URL at another page, keeping the filters.</summary>
    public string PageLink(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("q", Search?.Trim());
        Add("topic", Topic);
        Add("difficulty", Difficulty?.ToString(CultureInfo.InvariantCulture));
        Add("state", State?.ToString());
        Add("trang", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return $"{Request.PathBase}/admin/questions{(query.Count == 0 ? string.Empty : "?" + string.Join('&', query))}";
    }

    /// <summary>The page numbers to link: the first, the last and those near the current one; 0 marks a gap.</summary>
    public IEnumerable<int> PageNumbers()
    {
        var previous = 0;
        for (var n = 1; n <= PageCount; n++)
        {
            if (n == 1 || n == PageCount || Math.Abs(n - PageNumber) <= 3)
            {
                if (n > previous + 1)
                {
                    yield return 0;
                }

                yield return n;
                previous = n;
            }
        }
    }
}
