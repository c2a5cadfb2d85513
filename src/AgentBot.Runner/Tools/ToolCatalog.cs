using System.Text.RegularExpressions;

namespace AgentBot.Runner.Tools;

/// <summary>
/// The tools an agent may name in <c>tools</c> and <c>disallowed-tools</c>, and how names and
/// wildcards match. The run engine asks <see cref="IsPermitted"/> on every call, not only when offering tools.
/// </summary>
public static partial class ToolCatalog
{
    public static IReadOnlyList<string> WorkspaceTools { get; } = ["Read", "Write", "Edit", "Glob", "Grep", "Bash", "WebFetch", "WebSearch"];

    public static IReadOnlyList<string> GitHubReadTools { get; } =
    [
        "github.get_issue", "github.list_comments", "github.get_pull_request", "github.list_pull_request_files",
        "github.get_file", "github.compare",
    ];

    /// <summary>GitHub tools with side effects outside the workspace: a supervised run asks before each.</summary>
    public static IReadOnlyList<string> GitHubWriteTools { get; } =
    [
        "github.comment", "github.add_labels", "github.remove_labels", "github.create_issue", "github.create_review",
        "github.create_pull_request",
    ];

    public const string GitHubWildcard = "github.*";

    /// <summary>Every exact name plus the <c>github.*</c> wildcard; <c>mcp.</c> names are checked by pattern.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. WorkspaceTools, .. GitHubReadTools, .. GitHubWriteTools, GitHubWildcard];

    /// <summary>Read-only tools, granted when a definition names no <c>tools</c>.</summary>
    public static IReadOnlyList<string> DefaultTools { get; } = ["Read", "Glob", "Grep"];

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal) || McpServerOf(name) is not null;

    /// <summary>The server of an <c>mcp.&lt;server&gt;.&lt;tool&gt;</c> or <c>mcp.&lt;server&gt;.*</c> name, else null.</summary>
    public static string? McpServerOf(string name)
    {
        var match = McpPattern().Match(name);
        return match.Success ? match.Groups[1].Value : null;
    }

    public static bool IsWildcard(string pattern) => pattern.EndsWith(".*", StringComparison.Ordinal);

    /// <summary>Whether an allow- or deny-list entry covers a concrete tool name.</summary>
    public static bool Covers(string pattern, string tool) =>
        IsWildcard(pattern)
            ? tool.StartsWith(pattern[..^1], StringComparison.Ordinal) && tool.Length > pattern.Length - 1
            : string.Equals(pattern, tool, StringComparison.Ordinal);

    /// <summary>Deny wins over allow; anything not allowed is denied.</summary>
    public static bool IsPermitted(string tool, IReadOnlyList<string> allowed, IReadOnlyList<string> disallowed) =>
        !disallowed.Any(p => Covers(p, tool)) && allowed.Any(p => Covers(p, tool));

    [GeneratedRegex(@"^mcp\.([a-z][a-z0-9-]*)\.(\*|[A-Za-z0-9_][A-Za-z0-9_.-]*)$")]
    private static partial Regex McpPattern();
}
