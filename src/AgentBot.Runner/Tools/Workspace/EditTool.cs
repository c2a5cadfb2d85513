using System.Text.Json;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>Replaces an exact piece of text in a file of the workspace.</summary>
public sealed class EditTool : ITool
{
    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "File path relative to the workspace root" },
            "old_string": { "type": "string", "description": "The exact text to replace, including whitespace and indentation" },
            "new_string": { "type": "string", "description": "The text to put in its place; must differ from old_string" },
            "replace_all": { "type": "boolean", "description": "Replace every occurrence instead of requiring exactly one. Default false." }
          },
          "required": ["path", "old_string", "new_string"],
          "additionalProperties": false
        }
        """);

    public string Name => "Edit";

    public string Description =>
        "Replace exact text in a file of the workspace. `old_string` must match the file character for character " +
        "(whitespace and indentation included; do not include the line numbers Read shows) and must occur exactly once, " +
        "unless `replace_all` is true. If it occurs more than once, include more surrounding lines to make it unique. " +
        "Use Write to create a new file. Returns the lines added and removed.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => false;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "path", "old_string", "new_string", "replace_all");
        var path = args.RequiredString("path");
        var oldString = args.RequiredString("old_string");
        var newString = args.RequiredString("new_string");
        var replaceAll = args.OptionalBool("replace_all", fallback: false);
        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (oldString.Length == 0)
        {
            return ValueTask.FromResult(ToolResult.Error("old_string is empty; use Write to create a file or replace its whole content"));
        }

        if (oldString == newString)
        {
            return ValueTask.FromResult(ToolResult.Error("old_string and new_string are the same; there is nothing to change"));
        }

        if (!WorkspacePath.TryResolve(context.Workspace, path, out var resolved, out var error))
        {
            return ValueTask.FromResult(ToolResult.Error(error));
        }

        try
        {
            return ValueTask.FromResult(Edit(resolved, oldString, newString, replaceAll));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ValueTask.FromResult(ToolResult.Error($"could not edit '{resolved.Display}': {e.Message}"));
        }
    }

    private static ToolResult Edit(WorkspacePath path, string oldString, string newString, bool replaceAll)
    {
        if (!TextFile.TryRead(path, strict: true, out var file, out var error))
        {
            return ToolResult.Error(error);
        }

        var text = file.Text;
        var count = Occurrences(text, oldString);

        // Read hides the CR of CRLF line ends, so a model copies lines without it; match them as the file has them.
        if (count == 0 && text.Contains("\r\n", StringComparison.Ordinal) && oldString.Contains('\n', StringComparison.Ordinal)
            && !oldString.Contains('\r', StringComparison.Ordinal))
        {
            var crlfOld = oldString.Replace("\n", "\r\n", StringComparison.Ordinal);
            count = Occurrences(text, crlfOld);
            if (count > 0)
            {
                oldString = crlfOld;
                newString = newString.Contains('\r', StringComparison.Ordinal) ? newString : newString.Replace("\n", "\r\n", StringComparison.Ordinal);
            }
        }

        if (count == 0)
        {
            return ToolResult.Error($"old_string not found in '{path.Display}'; Read the file and copy the text exactly, including whitespace");
        }

        if (count > 1 && !replaceAll)
        {
            return ToolResult.Error($"old_string found {count} times in '{path.Display}'; add more context to make it unique or set replace_all");
        }

        var updated = replaceAll
            ? text.Replace(oldString, newString, StringComparison.Ordinal)
            : ReplaceFirst(text, oldString, newString);
        TextFile.Write(path.FullPath, updated, file.HasBom);
        var (added, removed) = LineDiff.Count(text, updated);
        var replaced = count == 1 ? "1 occurrence" : $"{count} occurrences";
        return new ToolResult(
            $"Edited '{path.Display}': replaced {replaced} (+{added} -{removed} lines).",
            Changes: [new FileChange(path.Relative, added, removed)]);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string ReplaceFirst(string text, string oldString, string newString)
    {
        var at = text.IndexOf(oldString, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), newString, text.AsSpan(at + oldString.Length));
    }
}
