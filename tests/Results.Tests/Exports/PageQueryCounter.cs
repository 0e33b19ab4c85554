using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Results.Tests.Exports;

/// <summary>
/// Records, for each page query of ranked entries (a LIMIT query on the table), what <paramref name="probe"/> said at
/// that moment: how much of the workbook had been written.
/// </summary>
internal sealed class PageQueryCounter(Func<long> probe) : DbCommandInterceptor
{
    public List<long> ProbeAtPageQuery { get; } = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (command.CommandText.Contains("results_RankedEntries", StringComparison.Ordinal) && command.CommandText.Contains("LIMIT", StringComparison.Ordinal))
        {
            ProbeAtPageQuery.Add(probe());
        }
    }
}
