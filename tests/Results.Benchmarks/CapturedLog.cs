using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Results.Benchmarks;

/// <summary>Keeps the messages of one log category (the computation's own account of its phases) for the report.</summary>
internal sealed class CapturedLog(string category) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    /// <summary>Takes the messages logged since the last call.</summary>
    public List<string> Take()
    {
        var taken = new List<string>();
        while (_messages.TryDequeue(out var message))
        {
            taken.Add(message);
        }

        return taken;
    }

    public ILogger CreateLogger(string categoryName) => categoryName == category ? new Logger(_messages) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            messages.Enqueue(formatter(state, exception));
        }
    }
}
