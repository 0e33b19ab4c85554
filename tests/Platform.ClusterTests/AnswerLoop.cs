namespace Platform.ClusterTests;

/// <summary>
/// Contestants answering through one address in a loop (question after question, changing their choice each round)
/// until stopped; a failing answer is retried as the attempt page does (see <see cref="Contestant.RetryFor"/>).
/// </summary>
internal sealed class AnswerLoop
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private readonly IReadOnlyList<Contestant> _contestants;

    public AnswerLoop(IReadOnlyList<Contestant> contestants, Uri via)
    {
        _contestants = contestants;
        for (var k = 0; k < contestants.Count; k++)
        {
            var contestant = contestants[k];
            var offset = k;
            _tasks.Add(Task.Run(async () =>
            {
                var count = contestant.Questions.Count;
                for (var i = 0; !_stop.IsCancellationRequested; i++)
                {
                    await contestant.AnswerAsync(via, i % count, (i / count) + offset);
                    // A person reads the next question; it also keeps a 2-core CI machine responsive.
                    await Task.Delay(40);
                }
            }));
        }
    }

    /// <summary>Answers acknowledged so far, all contestants.</summary>
    public int Acknowledged => _contestants.Sum(c => Volatile.Read(ref c.AcknowledgedCount));

    /// <summary>Waits until <paramref name="more"/> further answers have been acknowledged (fails if a loop died).</summary>
    public async Task WaitForMoreAsync(int more, string phase, TimeSpan timeout, Func<string> diagnostics)
    {
        var target = Acknowledged + more;
        await Poll.UntilAsync($"{more} more acknowledged answers ({phase})", timeout, () =>
        {
            var failed = _tasks.FirstOrDefault(t => t.IsFaulted);
            if (failed is not null)
            {
                failed.GetAwaiter().GetResult(); // rethrows the loop's failure
            }

            var now = Acknowledged;
            return Task.FromResult((now >= target, $"{now} of {target}"));
        }, TimeSpan.FromMilliseconds(100), diagnostics);
    }

    /// <summary>Stops the loops after their current answer and waits for them; rethrows a loop's failure.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_tasks);
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
