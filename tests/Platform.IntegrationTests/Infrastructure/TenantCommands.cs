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
public sealed class TenantCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _tenantId;
    private readonly IDisposable _all;
    private readonly ConcurrentBag<IDisposable> _listeners = [];
    private readonly ConcurrentQueue<string> _texts = new();
    private readonly ConcurrentQueue<string> _compiled = new();
    private readonly ConcurrentQueue<Type> _initialized = new();

    public TenantCommands(string tenantId)
    {
        _tenantId = tenantId;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>The commands run so far, in order.</summary>
    public IReadOnlyCollection<string> Texts => _texts;

    /// <summary>The LINQ queries EF Core compiled (translated to SQL), as EF prints them, in order.</summary>
    public IReadOnlyCollection<string> Compiled => _compiled;

    /// <summary>The contexts that requests of the tenant set up (EF's services resolved for them), by type, in order.</summary>
    public IReadOnlyCollection<Type> Initialized => _initialized;

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            _listeners.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        switch (value.Value)
        {
            case CommandExecutedEventData command when value.Key == RelationalEventId.CommandExecuted.Name && IsRequestOfTenant(command.Context):
                _texts.Enqueue(command.Command.CommandText);
                break;
            case QueryExpressionEventData query when value.Key == CoreEventId.QueryCompilationStarting.Name && IsRequestOfTenant(query.Context):
                _compiled.Enqueue(query.Expression.ToString());
                break;
            case ContextInitializedEventData initialized when IsRequestOfTenant(initialized.Context):
                _initialized.Enqueue(initialized.Context.GetType());
                break;
        }
    }

    // A request's of the tenant, not a background job's such as the attempt sweeper's round every 15 s.
    private bool IsRequestOfTenant(DbContext? context) =>
        context is IModuleDbContext module && module.CurrentTenantId == _tenantId && Activity.Current is not null;

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }
    }
}
