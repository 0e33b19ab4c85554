using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.Core.Distributed;

/// <summary>
/// Messages between the nodes of a deployment ("tenant x's templates changed"): with Redis, pub/sub reaches every node
/// within milliseconds; without it, only this node (which is then the whole deployment). A handler must be quick and
/// must not throw; messages are hints to drop caches, never data, so a lost one costs at most a cache lifetime.
/// </summary>
public interface IPlatformBus
{
    /// <summary>Sends <paramref name="message"/> on <paramref name="channel"/> to every node, this one included.</summary>
    Task PublishAsync(string channel, string message, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="handler"/> for each message on <paramref name="channel"/> until disposed.</summary>
    Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken);
}

/// <summary>The bus of a single node: delivers to this process only.</summary>
public sealed class InProcessBus : IPlatformBus
{
    private readonly ConcurrentDictionary<string, ImmutableHandlers> _handlers = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task PublishAsync(string channel, string message, CancellationToken cancellationToken)
    {
        if (_handlers.TryGetValue(channel, out var handlers))
        {
            foreach (var handler in handlers.Items)
            {
                await handler(message);
            }
        }
    }

    /// <inheritdoc />
    public Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken)
    {
        _handlers.AddOrUpdate(channel, _ => new([handler]), (_, h) => new([.. h.Items, handler]));
        return Task.FromResult<IAsyncDisposable>(new Subscription(() => _handlers.AddOrUpdate(channel, _ => new([]), (_, h) => new([.. h.Items.Where(x => x != handler)]))));
    }

    private sealed record ImmutableHandlers(IReadOnlyList<Func<string, Task>> Items);

    private sealed class Subscription(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// The bus over Redis pub/sub. When Redis cannot be reached a message is delivered on this node only (logged): the
/// other nodes catch up through their cache lifetimes and stamp checks.
/// </summary>
public sealed class RedisBus(RedisConnection redis, InProcessBus local, ILogger<RedisBus> logger) : IPlatformBus
{
    /// <inheritdoc />
    public async Task PublishAsync(string channel, string message, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await redis.GetAsync() ?? throw new InvalidOperationException("Redis is not configured.");
            await connection.GetSubscriber().PublishAsync(Channel(channel), message);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(e, "Redis unavailable: message on {Channel} delivered on this node only.", channel);
            await local.PublishAsync(channel, message, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken)
    {
        // Redis delivery, and local delivery for what is published while Redis is down.
        var connection = await redis.GetAsync() ?? throw new InvalidOperationException("Redis is not configured.");
        var queue = await connection.GetSubscriber().SubscribeAsync(Channel(channel));
        queue.OnMessage(m => m.Message.HasValue ? handler(m.Message.ToString()) : Task.CompletedTask);
        return new Both(await local.SubscribeAsync(channel, handler, cancellationToken), queue);
    }

    private RedisChannel Channel(string channel) => RedisChannel.Literal(redis.Prefix + channel);

    private sealed class Both(IAsyncDisposable local, ChannelMessageQueue queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await local.DisposeAsync();
            try
            {
                await queue.UnsubscribeAsync();
            }
            catch (ObjectDisposedException)
            {
                // The node's connection was closed first (shutting down): its subscriptions went with it.
            }
        }
    }
}

/// <summary>A handler of one channel, subscribed on start by <see cref="BusSubscriber"/>.</summary>
public interface IBusHandler
{
    /// <summary>The channel.</summary>
    string Channel { get; }

    /// <summary>Handles a message; quick, and must not throw.</summary>
    Task HandleAsync(string message);
}

/// <summary>
/// Subscribes every <see cref="IBusHandler"/> when the node starts; when Redis is down at that moment it keeps trying
/// every few seconds in the background (messages published meanwhile reach this node through local delivery only).
/// </summary>
public sealed class BusSubscriber(IPlatformBus bus, IEnumerable<IBusHandler> handlers, ILogger<BusSubscriber> logger) : Microsoft.Extensions.Hosting.BackgroundService
{
    private readonly List<IAsyncDisposable> _subscriptions = [];

    /// <summary>How long to wait before trying a failed subscription again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var handler in handlers)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var subscription = await bus.SubscribeAsync(handler.Channel, handler.HandleAsync, stoppingToken);
                    lock (_subscriptions)
                    {
                        _subscriptions.Add(subscription);
                    }

                    break;
                }
                catch (Exception e) when (e is RedisException or TimeoutException or InvalidOperationException)
                {
                    logger.LogWarning(e, "Cannot subscribe to {Channel} yet; trying again in {Delay}.", handler.Channel, RetryDelay);
                    await Task.Delay(RetryDelay, stoppingToken);
                }
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The subscribing loop first, so that it adds nothing after this; then each subscription is undone once, even when
        // a test host's disposal stops the node twice at the same time.
        await base.StopAsync(cancellationToken);
        List<IAsyncDisposable> made;
        lock (_subscriptions)
        {
            made = [.. _subscriptions];
            _subscriptions.Clear();
        }

        foreach (var subscription in made)
        {
            await subscription.DisposeAsync();
        }
    }
}
