using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.Core.Tenancy;
using Results.Data;

namespace Results.Tests.Exports;

/// <summary>A results database in its own SQLite file, scoped to one tenant (or another, to test isolation).</summary>
internal sealed class ExportDatabase : IDisposable
{
    public const string TenantId = "t-export";
    public const string OtherTenantId = "t-other";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"results-exports-{Guid.NewGuid():N}.db");

    public ExportDatabase()
    {
        using var db = CreateContext();
        db.Database.EnsureCreated();
    }

    public static TenantInfo Tenant(string id = TenantId) =>
        new(id, id, "Sở Thông tin và Truyền thông", TenantState.Running, id, [], "vi-VN", "Asia/Ho_Chi_Minh", "Default", null, null);

    public static TenantContext ContextOf(string tenantId)
    {
        var context = new TenantContext();
        context.Set(Tenant(tenantId));
        return context;
    }

    public SqliteResultsDbContext CreateContext(string tenantId = TenantId, params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<SqliteResultsDbContext>()
            .UseSqlite($"Data Source={_path}")
            .AddInterceptors(interceptors)
            .Options;
        return new SqliteResultsDbContext(options) { TenantScope = ContextOf(tenantId) };
    }

    /// <summary>Adds a run with its entries and unit standings; returns the run's id.</summary>
    public long AddRun(IReadOnlyList<RankedEntry> entries, IReadOnlyList<UnitStanding>? standings = null, string tenantId = TenantId, ResultStatus status = ResultStatus.Draft)
    {
        using var db = CreateContext(tenantId);
        var run = new ResultRun
        {
            TenantId = tenantId,
            ContestId = 1,
            Status = status,
            ComputedAt = new DateTime(2023, 10, 16, 2, 0, 0, DateTimeKind.Utc),
            ComputedBy = "admin",
            EntryCount = entries.Count,
            PrizeCount = entries.Count(e => e.Prize is not null),
        };
        db.Runs.Add(run);
        db.SaveChanges();
        foreach (var entry in entries)
        {
            entry.RunId = run.Id;
            entry.TenantId = tenantId;
        }

        foreach (var standing in standings ?? [])
        {
            standing.RunId = run.Id;
            standing.TenantId = tenantId;
        }

        db.RankedEntries.AddRange(entries);
        db.UnitStandings.AddRange(standings ?? []);
        db.SaveChanges();
        return run.Id;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
