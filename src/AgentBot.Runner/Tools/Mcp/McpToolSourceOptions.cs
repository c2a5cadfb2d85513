namespace AgentBot.Runner.Tools.Mcp;

/// <summary>Limits and process settings for <see cref="McpToolSource"/>.</summary>
public sealed class McpToolSourceOptions
{
    /// <summary>How long one server may take to start (or be reached), initialise and list its tools.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one tool call may take before it becomes an error result (the server is told to cancel).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How long a stdio server gets to exit after its input closes before its process tree is killed; a hung server
    /// holds up disposal (and a failed connect) this long.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Working directory of stdio servers; the current directory when null.</summary>
    public string? WorkingDirectory { get; set; }
}
