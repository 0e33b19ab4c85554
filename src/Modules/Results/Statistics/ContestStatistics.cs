using Platform.Core.Contests;
using Platform.Core.Distributed;
using Platform.Core.Tenancy;

namespace Results.Statistics;

/// <summary>
/// Participation, distributions and item analysis of a contest, read through <see cref="IContestData"/> only and computed
/// by the pure classes of this folder. Entries are held once in memory (about 100 bytes each); item responses are
/// streamed into per-question tallies, never held.
/// </summary>
public sealed class ContestStatistics(IContestData data, ITenantContext tenant, TimeProvider clock, SharedCache shared)
{
    /// <summary>
    /// How long the public statistics are kept before they are computed again: every visitor of every node sees the
    /// same figures, computed by one node, with the time they were computed.
    /// </summary>
    public static readonly TimeSpan PublicLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The tenant's time zone.</summary>
    public TimeZoneInfo Zone => Tenant.Zone();

    /// <summary>Now in the tenant's time zone.</summary>
    public DateTimeOffset Now => Tenant.ToLocal(clock.GetUtcNow().UtcDateTime);

    /// <summary>A UTC instant in the tenant's time zone.</summary>
    public DateTimeOffset ToLocal(DateTime utc) => Tenant.ToLocal(utc);

    /// <summary>Today in the tenant's calendar.</summary>
    public DateOnly Today => Tenant.LocalDate(clock.GetUtcNow().UtcDateTime);

    private TenantInfo Tenant => tenant.Tenant ?? throw new InvalidOperationException("Statistics are computed in a tenant's scope.");

    /// <summary>The statistics of a scope (0 = every round).</summary>
    public async Task<StatisticsReport> ComputeAsync(ContestTerms contest, int round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contest);
        var entries = await ReadEntriesAsync(contest.Id, round, cancellationToken);
        var contestantUnits = await ReadContestantUnitsAsync(contest.Id, cancellationToken);
        var tree = new UnitTree(await data.ReadUnitsAsync(cancellationToken));

        var items = new ItemAnalysis(entries);
        await foreach (var response in data.ReadItemResponsesAsync(contest.Id, round, cancellationToken))
        {
            items.Add(response);
        }

        return new StatisticsReport(
            Participation.Summarize(entries),
            Participation.PerDay(entries, Zone),
            Participation.PerGroup(entries, contest.Groups),
            Participation.PerUnit(tree, contestantUnits, entries),
            Distributions.Scores(entries),
            Distributions.Durations(entries),
            items.Result());
    }

    /// <summary>
    /// The statistics the public site shows (no item analysis: it would tell which questions are hard while the
    /// contest runs), from the deployment's shared cache when computed less than <see cref="PublicLifetime"/> ago.
    /// </summary>
    public Task<PublicStatistics> PublicAsync(ContestTerms contest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contest);
        return shared.GetOrCreateAsync(Tenant, $"public-statistics:{contest.Id}", PublicLifetime, async ct =>
        {
            var entries = await ReadEntriesAsync(contest.Id, 0, ct);
            var contestantUnits = await ReadContestantUnitsAsync(contest.Id, ct);
            var tree = new UnitTree(await data.ReadUnitsAsync(ct));
            return new PublicStatistics(
                clock.GetUtcNow(),
                Participation.Summarize(entries),
                Participation.PerDay(entries, Zone),
                Participation.PerUnit(tree, contestantUnits, entries).TopLevel,
                Distributions.Scores(entries));
        }, cancellationToken);
    }

    /// <summary>The participation bulletin of a day, over every round of the contest.</summary>
    public async Task<ParticipationBulletin> BulletinAsync(ContestTerms contest, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contest);
        var entries = await ReadEntriesAsync(contest.Id, 0, cancellationToken);
        var contestantUnits = await ReadContestantUnitsAsync(contest.Id, cancellationToken);
        var tree = new UnitTree(await data.ReadUnitsAsync(cancellationToken));
        return ParticipationBulletin.Compute(tree, contestantUnits, entries, Zone, day);
    }

    private async Task<List<EntryRecord>> ReadEntriesAsync(long contestId, int round, CancellationToken cancellationToken)
    {
        var entries = new List<EntryRecord>();
        await foreach (var entry in data.ReadEntriesAsync(contestId, round, cancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private async Task<Dictionary<long, string>> ReadContestantUnitsAsync(long contestId, CancellationToken cancellationToken)
    {
        var units = new Dictionary<long, string>();
        await foreach (var contestant in data.ReadContestantsAsync(cancellationToken))
        {
            units[contestant.Id] = contestant.UnitCode;
        }

        return units;
    }
}
