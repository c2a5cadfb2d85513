using System.Text;
using System.Text.Json;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>Finds files of the workspace by a glob pattern, newest first.</summary>
public sealed class GlobTool : ITool
{
    public const int MaxResults = 1000;

    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "pattern": { "type": "string", "description": "Glob matched against paths relative to the search folder, e.g. **/*.cs, src/**/*.{ts,tsx}, *.md" },
            "path": { "type": "string", "description": "Folder to search, relative to the workspace root. Default: the root." }
          },
          "required": ["pattern"],
          "additionalProperties": false
        }
        """);

    public string Name => "Glob";

    public string Description =>
        "Find files in the workspace by name pattern. The pattern is matched against each file's path relative to `path` " +
        "(default the workspace root): `*` and `?` stay within one folder, `**` spans folders (`**/*.cs` finds C# files at any depth, " +
        "`*.cs` only directly in the folder), `[abc]` and `{a,b}` are supported. Returns paths relative to the workspace root, " +
        $"newest first, at most {MaxResults}. Skips .git and linked folders. Use Grep to search file contents.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => false;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "pattern", "path");
        var pattern = args.RequiredString("pattern");
        var path = args.OptionalString("path") ?? ".";
        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (!GlobPattern.TryParse(pattern, out var glob, out var error)
            || !WorkspacePath.TryResolve(context.Workspace, path, out var folder, out error))
        {
            return ValueTask.FromResult(ToolResult.Error(error));
        }

        if (!Directory.Exists(folder.FullPath))
        {
            return ValueTask.FromResult(ToolResult.Error(File.Exists(folder.FullPath)
                ? $"'{folder.Display}' is a file; path must be a folder"
                : $"folder '{folder.Display}' does not exist"));
        }

        var prefix = folder.Relative.Length == 0 ? 0 : folder.Relative.Length + 1;
        var matches = WorkspaceWalker.Files(folder.Root, folder.FullPath, cancellationToken)
            .Where(f => glob.IsMatch(f.Relative[prefix..]))
            .Select(f => (f.Relative, Modified: f.Info.LastWriteTimeUtc))
            .OrderByDescending(f => f.Modified)
            .ThenBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();

        if (matches.Count == 0)
        {
            return ValueTask.FromResult(new ToolResult($"No files match '{pattern}' in '{folder.Display}'."));
        }

        var output = new StringBuilder();
        foreach (var (relative, _) in matches.Take(MaxResults))
        {
            output.Append(relative).Append('\n');
        }

        if (matches.Count > MaxResults)
        {
            output.Append($"\n(showing the newest {MaxResults} of {matches.Count} files; narrow the pattern or path)\n");
        }

        return ValueTask.FromResult(new ToolResult(output.ToString()));
    }
}
