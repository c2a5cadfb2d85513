using System.Text.Json;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>Creates or replaces a whole file of the workspace.</summary>
public sealed class WriteTool : ITool
{
    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "File path relative to the workspace root; missing folders are created" },
            "content": { "type": "string", "description": "The complete new content of the file" }
          },
          "required": ["path", "content"],
          "additionalProperties": false
        }
        """);

    public string Name => "Write";

    public string Description =>
        "Create a file, or replace a file's whole content, in the workspace. Missing parent folders are created. " +
        "Paths are relative to the workspace root. To change part of an existing file prefer Edit, which sends only the changed text. " +
        "Returns the lines added and removed.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => false;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "path", "content");
        var path = args.RequiredString("path");
        var content = args.RequiredString("content");
        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (path.EndsWith('/'))
        {
            return ValueTask.FromResult(ToolResult.Error($"'{path}' names a folder; give a file path"));
        }

        if (!WorkspacePath.TryResolve(context.Workspace, path, out var resolved, out var error))
        {
            return ValueTask.FromResult(ToolResult.Error(error));
        }

        try
        {
            return ValueTask.FromResult(Write(resolved, content));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ValueTask.FromResult(ToolResult.Error($"could not write '{resolved.Display}': {e.Message}"));
        }
    }

    private static ToolResult Write(WorkspacePath path, string content)
    {
        if (path.Relative.Length == 0 || Directory.Exists(path.FullPath))
        {
            return ToolResult.Error($"'{path.Display}' is a directory; give a file path");
        }

        var existed = File.Exists(path.FullPath);
        string? before = existed ? null : string.Empty;
        var hasBom = false;
        if (existed && TextFile.TryRead(path, strict: false, out var old, out _))
        {
            before = old.Text;
            hasBom = old.HasBom;
        }

        if (existed && before == content)
        {
            return new ToolResult($"'{path.Display}' already has this content; nothing changed.");
        }

        // A binary or oversized file is replaced whole: all its lines count as removed, without a diff.
        var removedWhole = before is null ? File.ReadLines(path.FullPath).Count() : 0;
        TextFile.Write(path.FullPath, content, hasBom);
        var (added, removed) = before is null ? (LineCount(content), removedWhole) : LineDiff.Count(before, content);
        var change = new FileChange(path.Relative, added, removed);
        var verb = existed ? "Wrote" : "Created";
        return new ToolResult($"{verb} '{path.Display}' (+{added} -{removed} lines).", Changes: [change]);
    }

    private static int LineCount(string text) =>
        text.Length == 0 ? 0 : text.Count(c => c == '\n') + (text[^1] == '\n' ? 0 : 1);
}
