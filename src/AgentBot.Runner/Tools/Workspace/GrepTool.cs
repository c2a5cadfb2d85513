using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>Searches the contents of the workspace's text files with a .NET regular expression.</summary>
public sealed class GrepTool : ITool
{
    public const int DefaultMaxResults = 200;
    public const int MaxContext = 20;

    /// <summary>The same ceiling as Bash output: past it a model learns nothing more from a listing.</summary>
    public const int MaxOutputChars = 30_000;

    private const int MaxLineLength = 1000;

    /// <summary>A pathological pattern (nested quantifiers) must not hold a run for minutes.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "pattern": { "type": "string", "description": ".NET regular expression matched against each line" },
            "path": { "type": "string", "description": "File or folder to search, relative to the workspace root. Default: the root." },
            "glob": { "type": "string", "description": "Only search files matching this glob, e.g. *.cs or src/**/*.{ts,tsx}; without a '/' it matches file names" },
            "ignore_case": { "type": "boolean", "description": "Case-insensitive match. Default false." },
            "context": { "type": "integer", "minimum": 0, "maximum": 20, "description": "Lines to show before and after each match (content output). Default 0." },
            "max_results": { "type": "integer", "minimum": 1, "maximum": 5000, "description": "Most matching lines (content) or files (files, count) to return. Default 200." },
            "output": { "type": "string", "enum": ["content", "files", "count"], "description": "content: path:line:text for each matching line (default); files: paths of matching files; count: matches per file" }
          },
          "required": ["pattern"],
          "additionalProperties": false
        }
        """);

    public string Name => "Grep";

    public string Description =>
        "Search file contents in the workspace with a .NET regular expression, line by line. " +
        "`output` \"content\" (default) gives `path:line:text` for each matching line (context lines as `path-line-text`, groups separated by `--`); " +
        "\"files\" lists matching files; \"count\" gives `path:count`. Narrow with `path` (a file or folder) and `glob` (e.g. `*.cs`). " +
        $"Returns at most `max_results` (default {DefaultMaxResults}) and says when results were cut. " +
        "Skips binary files, files over 10 MB, .git and linked folders. Paths in results are relative to the workspace root.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => false;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "pattern", "path", "glob", "ignore_case", "context", "max_results", "output");
        var pattern = args.RequiredString("pattern");
        var path = args.OptionalString("path") ?? ".";
        var globText = args.OptionalString("glob");
        var ignoreCase = args.OptionalBool("ignore_case", fallback: false);
        var contextLines = args.OptionalInt("context", 0, MaxContext) ?? 0;
        var maxResults = args.OptionalInt("max_results", 1, 5000) ?? DefaultMaxResults;
        var output = args.OptionalString("output") ?? "content";
        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (output is not ("content" or "files" or "count"))
        {
            return ValueTask.FromResult(ToolResult.Error($"output '{output}' is not one of content, files, count"));
        }

        Regex regex;
        try
        {
            var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            regex = new Regex(pattern, options, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            return ValueTask.FromResult(ToolResult.Error($"invalid regular expression: {e.Message}"));
        }

        GlobPattern? glob = null;
        if (globText is not null && !GlobPattern.TryParse(globText, out glob, out var globError))
        {
            return ValueTask.FromResult(ToolResult.Error(globError));
        }

        if (!WorkspacePath.TryResolve(context.Workspace, path, out var target, out var error))
        {
            return ValueTask.FromResult(ToolResult.Error(error));
        }

        if (!Directory.Exists(target.FullPath) && !File.Exists(target.FullPath))
        {
            return ValueTask.FromResult(ToolResult.Error($"'{target.Display}' does not exist"));
        }

        var search = new Search(regex, output, contextLines, maxResults);
        try
        {
            foreach (var file in Files(target, glob, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!search.Add(file))
                {
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return ValueTask.FromResult(ToolResult.Error(
                $"the pattern took longer than {MatchTimeout.TotalSeconds:0} s on a line of '{search.CurrentFile}'; simplify it (avoid nested quantifiers like (a+)+)"));
        }

        return ValueTask.FromResult(new ToolResult(search.Result(pattern)));
    }

    private static IEnumerable<WorkspaceFile> Files(WorkspacePath target, GlobPattern? glob, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(target.FullPath))
        {
            // One named file: the glob does not apply, the caller asked for it by name.
            return [new WorkspaceFile(target.FullPath, target.Relative, new FileInfo(target.FullPath))];
        }

        var prefix = target.Relative.Length == 0 ? 0 : target.Relative.Length + 1;
        return WorkspaceWalker.Files(target.Root, target.FullPath, cancellationToken)
            .Where(f => glob is null || glob.IsMatch(glob.HasFolder ? f.Relative[prefix..] : Path.GetFileName(f.Relative)))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
    }

    /// <summary>Collects results across files and knows when to stop.</summary>
    private sealed class Search(Regex regex, string output, int context, int maxResults)
    {
        private readonly StringBuilder _text = new();
        private int _results;
        private int _matchingFiles;
        private int _totalMatches;
        private bool _cut;
        private bool _tooLong;

        public string CurrentFile { get; private set; } = string.Empty;

        /// <summary>
        /// Searches one file; false when the caller can stop. Once the limit is reached, later files are only
        /// probed for one more match, so "results were cut" is said only when it is true.
        /// </summary>
        public bool Add(WorkspaceFile file)
        {
            CurrentFile = file.Relative;
            if (Lines(file) is not { } lines)
            {
                return true;
            }

            if (_results >= maxResults)
            {
                _cut = lines.Exists(regex.IsMatch);
                return !_cut;
            }

            var matches = new List<int>();
            for (var i = 0; i < lines.Count; i++)
            {
                if (regex.IsMatch(lines[i]))
                {
                    matches.Add(i);
                }
            }

            if (matches.Count == 0)
            {
                return true;
            }

            _matchingFiles++;
            _totalMatches += matches.Count;
            switch (output)
            {
                case "files":
                    _text.Append(file.Relative).Append('\n');
                    _results++;
                    break;
                case "count":
                    _text.Append(file.Relative).Append(':').Append(matches.Count).Append('\n');
                    _results++;
                    break;
                default:
                    AppendContent(file.Relative, lines, matches);
                    break;
            }

            _tooLong = _text.Length > MaxOutputChars;
            return !_cut && !_tooLong;
        }

        public string Result(string pattern)
        {
            if (_matchingFiles == 0)
            {
                return $"No matches for '{pattern}'.";
            }

            if (_tooLong)
            {
                return _text.ToString(0, MaxOutputChars)
                    + $"…\n\n(output cut at {MaxOutputChars} characters; narrow the pattern, path or glob, lower context, or use output \"files\")\n";
            }

            var text = _text.ToString();
            if (_cut)
            {
                var unit = output == "content" ? "matching lines" : "files";
                return text + $"\n(results cut at {maxResults} {unit}; there are more. Narrow the pattern, path or glob, or raise max_results)\n";
            }

            return output == "count" ? text + $"\n{_totalMatches} matching lines in {_matchingFiles} files\n" : text;
        }

        private void AppendContent(string path, List<string> lines, List<int> matches)
        {
            var printedUpTo = -1;
            foreach (var match in matches)
            {
                if (_results >= maxResults)
                {
                    _cut = true;
                    return;
                }

                if (_text.Length > MaxOutputChars)
                {
                    return;
                }

                var from = Math.Max(printedUpTo + 1, match - context);
                if (context > 0 && _text.Length > 0 && (printedUpTo < 0 || from > printedUpTo + 1))
                {
                    _text.Append("--\n");
                }

                var to = Math.Min(lines.Count - 1, match + context);
                for (var i = from; i <= to; i++)
                {
                    // A later match inside this window is printed as a match when its turn comes.
                    if (i > match && matches.BinarySearch(i) >= 0)
                    {
                        to = i - 1;
                        break;
                    }

                    AppendLine(path, i, lines[i], i == match ? ':' : '-');
                }

                printedUpTo = to;
                _results++;
            }
        }

        private void AppendLine(string path, int index, string line, char separator)
        {
            _text.Append(path).Append(separator).Append(index + 1).Append(separator);
            _text.Append(line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line).Append('\n');
        }

        private static List<string>? Lines(WorkspaceFile file)
        {
            // Empty files have nothing to find; checking first also avoids opening a FIFO, which would block.
            if (file.Info.Length == 0 || file.Info.Length > TextFile.MaxBytes)
            {
                return null;
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file.FullPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (TextFile.IsBinary(bytes))
            {
                return null;
            }

            return TextFile.Lines(Encoding.UTF8.GetString(bytes));
        }
    }
}
