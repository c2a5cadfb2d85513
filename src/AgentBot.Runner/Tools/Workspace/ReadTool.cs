using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>Reads a text file of the workspace with line numbers, a window of lines at a time.</summary>
public sealed class ReadTool : ITool
{
    public const int DefaultLimit = 2000;

    /// <summary>Minified files have single lines of megabytes; a cut line still shows what the file is.</summary>
    public const int MaxLineLength = 2000;

    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "File path relative to the workspace root, e.g. src/Program.cs" },
            "offset": { "type": "integer", "minimum": 1, "description": "First line to show (1-based). Default 1." },
            "limit": { "type": "integer", "minimum": 1, "description": "How many lines to show. Default 2000." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """);

    public string Name => "Read";

    public string Description =>
        "Read a text file in the workspace. Returns its lines numbered like `cat -n` (line number, a tab, the line). " +
        $"Shows at most {DefaultLimit} lines from `offset` unless `limit` says otherwise, and tells you how to read on when there is more. " +
        $"Lines longer than {MaxLineLength} characters are cut. Paths are relative to the workspace root. " +
        "Binary files and files over 10 MB are refused; use Grep to search them or Bash to inspect them. Use Glob to find files.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => false;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "path", "offset", "limit");
        var path = args.RequiredString("path");
        var offset = args.OptionalInt("offset", 1, int.MaxValue) ?? 1;
        var limit = args.OptionalInt("limit", 1, int.MaxValue) ?? DefaultLimit;
        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (!WorkspacePath.TryResolve(context.Workspace, path, out var resolved, out var error))
        {
            return ValueTask.FromResult(ToolResult.Error(error));
        }

        try
        {
            return ValueTask.FromResult(TextFile.TryRead(resolved, strict: false, out var file, out error)
                ? Show(resolved, file.Text, offset, limit)
                : ToolResult.Error(error));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ValueTask.FromResult(ToolResult.Error($"could not read '{resolved.Display}': {e.Message}"));
        }
    }

    private static ToolResult Show(WorkspacePath path, string text, int offset, int limit)
    {
        var lines = TextFile.Lines(text);
        if (lines.Count == 0)
        {
            return new ToolResult($"'{path.Display}' is empty.");
        }

        if (offset > lines.Count)
        {
            return ToolResult.Error($"offset {offset} is past the end of '{path.Display}', which has {lines.Count} lines");
        }

        var last = (int)Math.Min(lines.Count, (long)offset + limit - 1);
        var width = Math.Max(6, last.ToString(CultureInfo.InvariantCulture).Length);
        var output = new StringBuilder();
        for (var number = offset; number <= last; number++)
        {
            var line = lines[number - 1];
            output.Append(number.ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append('\t');
            if (line.Length > MaxLineLength)
            {
                output.Append(line.AsSpan(0, MaxLineLength)).Append($"… (line cut: {line.Length} characters)");
            }
            else
            {
                output.Append(line);
            }

            output.Append('\n');
        }

        if (last < lines.Count)
        {
            output.Append($"\n(showing lines {offset}-{last} of {lines.Count}; to read on, call Read with offset {last + 1})\n");
        }

        return new ToolResult(output.ToString());
    }
}
