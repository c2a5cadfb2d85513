using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentBot.Testing;

/// <summary>Keeps every log line (message, exception and scopes) at every level, so tests can search them, e.g. for secrets.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogLine> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    /// <summary>Everything that was logged, as one searchable text.</summary>
    public string AllText => string.Join('\n', _lines.Select(l => l.ToString()));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public sealed record LogLine(string Category, LogLevel Level, string Message, string? Exception, string Scopes)
    {
        public override string ToString() => $"{Level} {Category}: {Message} {Scopes} {Exception}";
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), scopes);
            // Structured values too: a token passed as a parameter but left out of the template would still be stored by a sink.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner._lines.Enqueue(new LogLine(category, logLevel, $"{formatter(state, exception)} [{values}]", exception?.ToString(), string.Join(" => ", scopes)));
        }
    }
}
