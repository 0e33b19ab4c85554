using Microsoft.Extensions.DependencyInjection;

namespace Results.Statistics;

/// <summary>Registers the statistics of the results module.</summary>
internal static class StatisticsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ContestStatistics"/> (scoped, like the <see cref="Platform.Core.Contests.IContestData"/> it reads).</summary>
    internal static IServiceCollection AddResultsStatistics(this IServiceCollection services)
    {
        services.AddScoped<ContestStatistics>();
        return services;
    }
}
