using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.Core.Data;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// The text of every database command EF Core runs for one tenant's requests while this is alive, whichever node or
/// test runs it (background jobs, which run outside any request's activity, are left out): what a request costs in
/// statements, observed through EF's diagnostic events. Also the queries EF Core compiled for them: a request run
/// again should find every query in EF's cache.
/// </summary>
/// <remarks>
/// EF listens from the process's start (<see cref="Listen"/>, called before any node starts): a context that finds no
/// listener stops asking for a while, and pooled contexts keep that answer from one request to the next, so a listener
/// subscribed by a test would miss the commands of contexts already in the pool.
/// </remarks>
public sealed class TenantCommands : IDisposable
{
    private static readonly ConcurrentDictionary<TenantCommands, byte> Recording = new();
    private static readonly Lazy<IDisposable> AllListeners = new(() => DiagnosticListener.AllListeners.Subscribe(new Listeners()));

    private readonly string _tenantId;
    private readonly ConcurrentQueue<(string Text, int Parameters)> _commands = new();
    private readonly ConcurrentQueue<string> _compiled = new();

    public TenantCommands(string tenantId)
    {
        _tenantId = tenantId;
        Listen();
        Recording.TryAdd(this, 0);
    }

    /// <summary>The commands run so far, in order.</summary>
    public IReadOnlyCollection<string> Texts => _commands.Select(c => c.Text).ToList();

    /// <summary>The commands run so far, in order, each with the number of parameters it bound.</summary>
    public IReadOnlyCollection<(string Text, int Parameters)> Commands => _commands;

    /// <summary>The LINQ queries EF Core compiled (translated to SQL), as EF prints them, in order.</summary>
    public IReadOnlyCollection<string> Compiled => _compiled;

    /// <summary>Subscribes to EF Core's diagnostic events for the rest of the process (once).</summary>
    public static void Listen() => _ = AllListeners.Value;

    public void Dispose() => Recording.TryRemove(this, out _);

    private void Record(string key, object? value)
    {
        switch (value)
        {
            case CommandExecutedEventData command when key == RelationalEventId.CommandExecuted.Name && IsRequestOfTenant(command.Context):
                _commands.Enqueue((command.Command.CommandText, command.Command.Parameters.Count));
                break;
            case QueryExpressionEventData query when key == CoreEventId.QueryCompilationStarting.Name && IsRequestOfTenant(query.Context):
                _compiled.Enqueue(query.Expression.ToString());
                break;
        }
    }

    // A request's of the tenant, not a background job's such as the attempt sweeper's round every 15 s.
    private bool IsRequestOfTenant(DbContext? context) =>
        context is IModuleDbContext { TenantScope: { } scope } && scope.TenantId == _tenantId && Activity.Current is not null;

    private sealed class Listeners : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                value.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            foreach (var recording in Recording.Keys)
            {
                recording.Record(value.Key, value.Value);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
