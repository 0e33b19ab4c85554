using Platform.Core.Contests;

namespace Results.Tests.Exports;

/// <summary>The quiz module's side, as far as exports use it: contact details, and who asked for them.</summary>
internal sealed class FakeContestData : IContestData
{
    private readonly Dictionary<long, ContestantContact> _contacts = [];

    /// <summary>Every id set asked for, in order.</summary>
    public List<IReadOnlyCollection<long>> ContactRequests { get; } = [];

    public FakeContestData WithContact(ContestantContact contact)
    {
        _contacts[contact.Id] = contact;
        return this;
    }

    public Task<IReadOnlyList<ContestantContact>> ReadContactsAsync(IReadOnlyCollection<long> contestantIds, CancellationToken cancellationToken)
    {
        ContactRequests.Add([.. contestantIds]);
        IReadOnlyList<ContestantContact> found = [.. contestantIds.Where(_contacts.ContainsKey).Select(id => _contacts[id])];
        return Task.FromResult(found);
    }

    public Task<ContestTerms?> FindContestAsync(string slug, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ContestTerms>> ListContestsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<EntryRecord> ReadEntriesAsync(long contestId, int round, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<ContestantRecord> ReadContestantsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<UnitRecord>> ReadUnitsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<ItemResponse> ReadItemResponsesAsync(long contestId, int round, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> CountUnfinishedAsync(long contestId, int round, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long?> FindContestantIdAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
