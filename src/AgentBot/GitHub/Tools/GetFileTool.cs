using System.Globalization;
using System.Text;
using System.Text.Json;
using AgentBot.GitHub.Models;
using AgentBot.Runner.Tools;

namespace AgentBot.GitHub.Tools;

/// <summary>github.get_file: a text file of the repository at a branch, tag or commit, with line numbers.</summary>
internal sealed class GetFileTool(GitHubToolContext target) : ITool
{
    /// <summary>The answer's size; a longer file is cut at a line and says so.</summary>
    public const int MaxOutputLength = 100_000;

    /// <summary>Minified files have single lines of megabytes; a cut line still shows what the file is.</summary>
    public const int MaxLineLength = 2_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "File path from the repository root, e.g. src/Program.cs" },
            "ref": { "type": "string", "description": "Branch, tag or commit sha to read at. Default: the repository's default branch." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """);

    public string Name => "github.get_file";

    public string Description =>
        "Read a text file of this repository on GitHub at a branch, tag or commit (`ref`; default: the default branch), " +
        "for instance a pull request's head branch. Returns its lines numbered like `cat -n` (line number, a tab, the line). " +
        $"Answers over {MaxOutputLength:N0} characters are cut at a line and say so; lines over {MaxLineLength:N0} characters are cut. " +
        "Binary files, directories and files over 1 MB are refused. To read the run's own checkout, use Read instead.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => false;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "path", "ref");
        var path = args.RequiredText("path").Trim().Trim('/');
        var reference = args.OptionalString("ref") is { } given && !string.IsNullOrWhiteSpace(given) ? given.Trim() : null;
        if (args.Error is { } argumentError)
        {
            return ValueTask.FromResult(ToolResult.Error(argumentError));
        }

        if (path.Length == 0)
        {
            return ValueTask.FromResult(ToolResult.Error("'path' must name a file, not the repository root"));
        }

        var at = reference is null ? "the default branch" : reference;
        return GitHubToolCall.RunAsync(async () =>
        {
            RepositoryFile file;
            try
            {
                file = await target.Client.Repositories.GetFileAsync(target.Owner, target.Repo, path, reference, cancellationToken);
            }
            catch (JsonException)
            {
                // The contents API answers a directory with a list, which the client cannot read as a file.
                return await DirectoryAsync(path, reference, at, cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // A submodule or symlink target, or a file over 1 MB, which the contents API sends without content.
                return ToolResult.Error($"'{path}' at {at} is not a text file GitHub sends content for (a submodule, or a file over 1 MB). " +
                    "Read it in the workspace, or with Bash.");
            }

            if (Array.IndexOf(file.Bytes, (byte)0) >= 0 || !TryDecode(file.Bytes, out var text))
            {
                return ToolResult.Error($"'{path}' at {at} is a binary file ({file.Bytes.Length:N0} bytes); only text files can be read.");
            }

            return new ToolResult(Show(file, at, text));
        }, cancellationToken);
    }

    private async Task<ToolResult> DirectoryAsync(string path, string? reference, string at, CancellationToken cancellationToken)
    {
        var entries = await target.Client.Repositories.ListDirectoryAsync(target.Owner, target.Repo, path, reference, cancellationToken);
        var names = entries.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => e.Type == "dir" ? e.Name + "/" : e.Name);
        return ToolResult.Error($"'{path}' at {at} is a directory, not a file. It holds: {string.Join(", ", names)}");
    }

    private static bool TryDecode(byte[] bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static string Show(RepositoryFile file, string at, string text)
    {
        var lines = text.Split('\n');
        var count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        if (text.Length == 0)
        {
            return $"{file.Path} at {at} (blob {ToolText.ShortSha(file.Sha)}) is empty.";
        }

        var width = Math.Max(6, count.ToString(CultureInfo.InvariantCulture).Length);
        var output = new StringBuilder();
        output.Append($"{file.Path} at {at} (blob {ToolText.ShortSha(file.Sha)}, {count} line{(count == 1 ? string.Empty : "s")}):\n");
        for (var i = 0; i < count; i++)
        {
            if (output.Length > MaxOutputLength)
            {
                output.Append($"\n(cut after line {i} of {count}; read the rest in the workspace, or with Bash)\n");
                break;
            }

            var line = lines[i].TrimEnd('\r');
            output.Append((i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append('\t');
            output.Append(line.Length > MaxLineLength ? $"{line[..MaxLineLength]}… (line cut: {line.Length} characters)" : line).Append('\n');
        }

        return output.ToString();
    }
}
