using System.Text.Json;

namespace AgentBot.Runner.Tools;

/// <summary>
/// A tool the engine may offer and call. The engine, not the tool, decides whether a call is allowed
/// (allow-list, deny-list, approval); a tool only does its work and reports what it changed.
/// </summary>
public interface ITool
{
    /// <summary>The catalogue name: Read, Bash, github.comment, mcp.docs.search …</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>JSON Schema of the arguments, as offered to the model.</summary>
    JsonElement InputSchema { get; }

    /// <summary>True when a call has effects outside the run's workspace: a supervised run asks before each.</summary>
    bool LeavesWorkspace { get; }

    ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken);
}

/// <summary>What a tool call returned to the model, and the files it changed (each becomes a file.changed event).</summary>
public sealed record ToolResult(string Content, bool IsError = false, IReadOnlyList<FileChange>? Changes = null)
{
    public static ToolResult Error(string message) => new(message, IsError: true);
}

/// <summary>A change to one file of the workspace, in lines.</summary>
public sealed record FileChange(string Path, int Added, int Removed, bool Deleted = false);

/// <summary>Where and for whom a tool runs.</summary>
public sealed record ToolContext(string Workspace, IReadOnlySet<Definitions.Capability> Capabilities, IReadOnlyDictionary<string, string>? Environment = null)
{
    public bool Has(Definitions.Capability capability) => Capabilities.Contains(capability);
}
