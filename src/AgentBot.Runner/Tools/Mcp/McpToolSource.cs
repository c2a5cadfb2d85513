using System.Globalization;
using AgentBot.Runner.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentBot.Runner.Tools.Mcp;

/// <summary>
/// The tools of an agent's MCP servers (<c>mcp-servers</c>), connected for one run and offered as
/// <c>mcp.&lt;server&gt;.&lt;tool&gt;</c>. Dispose it to stop the servers it started.
/// </summary>
/// <remarks>
/// A server that fails to start, to answer, or to list its tools within the connect timeout does not stop the
/// others: <see cref="ConnectAsync(IReadOnlyList{McpServerDefinition}, McpToolSourceOptions?, ILoggerFactory?, CancellationToken)"/>
/// still returns, with the working servers' tools in <see cref="Tools"/> and one entry per broken server in
/// <see cref="Failures"/>, each naming the server. The caller decides what a missing server means for the run
/// (fail it, or go on and say so in the trail); only the caller's own cancellation throws.
/// <para>
/// A stdio server's process sees only its declared <c>env</c> plus a minimal PATH and HOME (their Windows
/// equivalents there), never this process's environment, so the app's secrets cannot leak into it.
/// </para>
/// </remarks>
public sealed partial class McpToolSource : IAsyncDisposable
{
    private readonly IReadOnlyList<McpClient> _clients;

    private McpToolSource(IReadOnlyList<McpClient> clients, IReadOnlyList<ITool> tools, IReadOnlyList<McpServerFailure> failures)
    {
        _clients = clients;
        Tools = tools;
        Failures = failures;
    }

    /// <summary>Every tool of every server that answered, in declaration order. The engine filters them by the agent's lists.</summary>
    public IReadOnlyList<ITool> Tools { get; }

    /// <summary>The declared servers whose tools are missing, with why.</summary>
    public IReadOnlyList<McpServerFailure> Failures { get; }

    /// <summary>Only the tools the agent's <c>tools</c> allow and its <c>disallowed-tools</c> do not deny.</summary>
    public IReadOnlyList<ITool> For(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return [.. Tools.Where(t => ToolCatalog.IsPermitted(t.Name, agent.Tools, agent.DisallowedTools))];
    }

    /// <summary>Connects to every server with the default timeouts (30 s to connect, 120 s a call).</summary>
    public static Task<McpToolSource> ConnectAsync(IReadOnlyList<McpServerDefinition> servers, ILoggerFactory? loggerFactory, CancellationToken cancellationToken) =>
        ConnectAsync(servers, null, loggerFactory, cancellationToken);

    /// <summary>Connects to every server at once and lists its tools; see the remarks for how failures are reported.</summary>
    public static async Task<McpToolSource> ConnectAsync(
        IReadOnlyList<McpServerDefinition> servers, McpToolSourceOptions? options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        options ??= new McpToolSourceOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectTimeout, TimeSpan.Zero, nameof(options.ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CallTimeout, TimeSpan.Zero, nameof(options.CallTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ShutdownTimeout, TimeSpan.Zero, nameof(options.ShutdownTimeout));
        if (servers.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"MCP server '{twice.Key}' is declared twice.", nameof(servers));
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<McpToolSource>();
        var connecting = servers.Select(s => ConnectOneAsync(s, options, loggerFactory, logger, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(connecting);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The servers that did start must not outlive a cancelled connect.
            await DisposeAllAsync([.. connecting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.Client).OfType<McpClient>()]);
            throw;
        }

        var connected = connecting.Select(t => t.Result).ToList();
        return new McpToolSource(
            [.. connected.Select(c => c.Client).OfType<McpClient>()],
            [.. connected.SelectMany(c => c.Tools)],
            [.. connected.Select(c => c.Failure).OfType<McpServerFailure>()]);
    }

    public async ValueTask DisposeAsync() => await DisposeAllAsync(_clients);

    internal static string ToolName(string server, string tool) => $"mcp.{server}.{tool}";

    internal static string Seconds(TimeSpan timeout) => string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.###} s");

    /// <summary>The exception's message and its causes', because the SDK wraps the useful part (e.g. "No such file or directory").</summary>
    internal static string Messages(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var message = e.Message.Trim().TrimEnd('.');
            if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
            {
                messages.Add(message);
            }
        }

        return string.Join(": ", messages);
    }

    private static async Task<Connection> ConnectOneAsync(
        McpServerDefinition server, McpToolSourceOptions options, ILoggerFactory loggerFactory, ILogger logger, CancellationToken cancellationToken)
    {
        var stderr = new StderrTail();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        McpClient? client = null;
        var stage = server.Url is not null && string.IsNullOrWhiteSpace(server.Command) ? "could not connect" : "could not start";
        try
        {
            var transport = Transport(server, options, stderr, loggerFactory);
            client = await McpClient.CreateAsync(transport, new McpClientOptions
            {
                ClientInfo = new Implementation { Name = "agentbot", Version = ClientVersion },
                InitializationTimeout = options.ConnectTimeout,
            }, loggerFactory, timeout.Token);

            stage = "could not list its tools";
            var listed = await client.ListToolsAsync(cancellationToken: timeout.Token);
            var tools = new List<ITool>();
            foreach (var tool in listed.Select(t => t.ProtocolTool).DistinctBy(t => t.Name, StringComparer.Ordinal))
            {
                // A name an allow-list cannot spell (spaces, slashes …) could only be reached through a wildcard, and
                // model APIs refuse most such names anyway: leave the tool out rather than offer something unnamed.
                if (ToolCatalog.McpServerOf(ToolName(server.Name, tool.Name)) != server.Name || tool.Name == "*")
                {
                    Log.ToolSkipped(logger, server.Name, tool.Name);
                    continue;
                }

                tools.Add(new McpTool(client, server.Name, tool, options.CallTimeout));
            }

            Log.Connected(logger, server.Name, tools.Count);
            return new Connection(client, tools, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure of one server becomes its failure entry, so the other servers' tools stay available;
            // our own timeout lands here too, as an OperationCanceledException.
            if (client is not null)
            {
                await DisposeAllAsync([client]);
            }

            var failure = new McpServerFailure(server.Name, FailureMessage(server, stage, ex, timeout.IsCancellationRequested, options.ConnectTimeout, stderr));
            Log.ServerFailed(logger, server.Name, failure.Message);
            return new Connection(null, [], failure);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            if (client is not null)
            {
                await DisposeAllAsync([client]);
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            // Whatever else broke while the caller cancelled, the caller asked for cancellation and gets it.
            throw new OperationCanceledException("Connecting to the MCP servers was cancelled.", ex, cancellationToken);
        }
    }

    private static IClientTransport Transport(McpServerDefinition server, McpToolSourceOptions options, StderrTail stderr, ILoggerFactory loggerFactory)
    {
        if (!string.IsNullOrWhiteSpace(server.Command))
        {
            return new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = server.Name,
                Command = server.Command,
                Arguments = [.. server.Args],
                WorkingDirectory = options.WorkingDirectory,
                InheritEnvironmentVariables = false,
                EnvironmentVariables = ChildEnvironment(server.Env),
                StandardErrorLines = stderr.Add,
                ShutdownTimeout = options.ShutdownTimeout,
            }, loggerFactory);
        }

        if (server.Url is { } url)
        {
            // Auto-detect: Streamable HTTP first, then the older HTTP with SSE.
            return new HttpClientTransport(new HttpClientTransportOptions
            {
                Name = server.Name,
                Endpoint = url,
                AdditionalHeaders = server.Headers.ToDictionary(StringComparer.OrdinalIgnoreCase),
                ConnectionTimeout = options.ConnectTimeout,
            }, loggerFactory);
        }

        throw new ArgumentException("it declares neither a command nor a url");
    }

    /// <summary>
    /// The declared variables over the few a process needs to start and find programs. Nothing else of this
    /// process's environment (API keys, tokens, connection strings) reaches the server.
    /// </summary>
    internal static Dictionary<string, string?> ChildEnvironment(IReadOnlyDictionary<string, string> declared)
    {
        string[] inherited = OperatingSystem.IsWindows()
            ? ["PATH", "PATHEXT", "SYSTEMROOT", "SYSTEMDRIVE", "COMSPEC", "TEMP", "TMP", "USERPROFILE"]
            : ["PATH", "HOME"];
        var environment = new Dictionary<string, string?>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var name in inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in declared)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static string FailureMessage(McpServerDefinition server, string stage, Exception exception, bool timedOut, TimeSpan connectTimeout, StderrTail stderr)
    {
        var what = server.Command is { Length: > 0 } command ? $"command '{command}'"
            // Only scheme, host and path: a query string may carry a token.
            : server.Url is { } url ? $"url {url.GetLeftPart(UriPartial.Path)}"
            : "no command or url";
        var message = timedOut
            ? $"MCP server '{server.Name}' ({what}) did not start and list its tools within {Seconds(connectTimeout)}"
            : $"MCP server '{server.Name}' ({what}) {stage}: {Messages(exception)}";
        var lines = stderr.Lines();
        return lines.Count == 0 ? message : $"{message}. Its last lines on stderr: {string.Join(" | ", lines)}";
    }

    private static async Task DisposeAllAsync(IReadOnlyList<McpClient> clients) =>
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));

    private static readonly string ClientVersion = typeof(McpToolSource).Assembly.GetName().Version?.ToString() ?? "1.0.0";

    private sealed record Connection(McpClient? Client, IReadOnlyList<ITool> Tools, McpServerFailure? Failure);

    /// <summary>The last lines a stdio server wrote to stderr: why a server died is usually there and nowhere else.</summary>
    private sealed class StderrTail
    {
        private const int MaxLines = 5;
        private const int MaxLineLength = 300;
        private readonly Queue<string> _lines = new();

        public void Add(string line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }

            lock (_lines)
            {
                if (_lines.Count == MaxLines)
                {
                    _lines.Dequeue();
                }

                _lines.Enqueue(line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line.TrimEnd());
            }
        }

        public List<string> Lines()
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "MCP server {Server} connected with {ToolCount} tools")]
        public static partial void Connected(ILogger logger, string server, int toolCount);

        [LoggerMessage(Level = LogLevel.Warning, Message = "MCP server {Server} is unavailable: {Reason}")]
        public static partial void ServerFailed(ILogger logger, string server, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "MCP server {Server} offers a tool named {Tool}, which no allow-list can name; it is left out")]
        public static partial void ToolSkipped(ILogger logger, string server, string tool);
    }
}
