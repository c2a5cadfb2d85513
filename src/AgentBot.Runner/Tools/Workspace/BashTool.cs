using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentBot.Runner.Definitions;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>
/// Runs a shell command in the workspace. The command gets a fresh environment (nothing of the app's,
/// so no secret can leak through <c>env</c>), no stdin, a time limit that kills its whole process tree,
/// and, unless the run has the network capability, no network where the host allows taking it away.
/// </summary>
public sealed class BashTool : ITool
{
    public const int DefaultTimeoutSeconds = 120;
    public const int MaxTimeoutSeconds = 600;
    public const int MaxOutputChars = 30_000;

    /// <summary>A fixed PATH: the app's own PATH may point into folders the command has no business in.</summary>
    public const string SafePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public const string NoIsolationNote =
        "note: network isolation is not available on this host; the command ran with network access.";

    /// <summary>After the shell exits, how long to wait for a background child still holding the output pipe.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    private static readonly JsonElement Schema = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "command": { "type": "string", "description": "The command, run with /bin/bash -c in the workspace root" },
            "timeout_seconds": { "type": "integer", "minimum": 1, "maximum": 600, "description": "Time limit in seconds. Default 120, at most 600." }
          },
          "required": ["command"],
          "additionalProperties": false
        }
        """);

    public string Name => "Bash";

    public string Description =>
        "Run a shell command with /bin/bash -c. The working directory is the workspace root; each call starts a new shell, " +
        "so cd and variables do not carry over. There is no stdin: nothing can prompt. The environment is minimal " +
        "(PATH, HOME, LANG, TERM and what the run provides). stdout and stderr are returned together, " +
        $"limited to {MaxOutputChars} characters (the middle of longer output is cut), with the exit code. " +
        $"The command and everything it started are killed after `timeout_seconds` (default {DefaultTimeoutSeconds}, at most {MaxTimeoutSeconds}). " +
        "Without the network capability the command runs without network access (the result says so when this host cannot isolate it). " +
        "Prefer Read, Glob, Grep, Edit and Write for files.";

    public JsonElement InputSchema => Schema;

    public bool LeavesWorkspace => false;

    public async ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, "command", "timeout_seconds");
        var command = args.RequiredString("command");
        var timeoutSeconds = args.OptionalInt("timeout_seconds", 1, MaxTimeoutSeconds) ?? DefaultTimeoutSeconds;
        if (args.Error is { } argumentError)
        {
            return ToolResult.Error(argumentError);
        }

        if (string.IsNullOrWhiteSpace(command))
        {
            return ToolResult.Error("command is empty");
        }

        if (!WorkspacePath.TryGetRoot(context.Workspace, out var root, out var error))
        {
            return ToolResult.Error(error);
        }

        var isolate = !context.Has(Capability.Network);
        var isolation = isolate ? await NetworkIsolation.GetAsync().ConfigureAwait(false) : null;
        var note = isolation is { IsAvailable: false } ? NoIsolationNote + "\n" : string.Empty;
        IReadOnlyList<string> program = isolation is null ? ["/bin/bash", "-c", command] : isolation.Wrap(command);

        ProcessStartInfo start;
        try
        {
            start = StartInfo(root, program, context.Environment);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ToolResult.Error($"could not prepare the command's home folder: {e.Message}");
        }

        return await RunAsync(start, timeoutSeconds, note, cancellationToken).ConfigureAwait(false);
    }

    private static ProcessStartInfo StartInfo(string root, IReadOnlyList<string> program, IReadOnlyDictionary<string, string>? environment)
    {
        // The outer shell points stderr at stdout and then becomes the real command, so both streams
        // share one pipe and arrive in the order they were written.
        var start = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec 2>&1; exec \"$@\"");
        start.ArgumentList.Add("bash");
        foreach (var part in program)
        {
            start.ArgumentList.Add(part);
        }

        // Built from nothing: the app's environment holds its GitHub key, model keys and connection strings.
        start.Environment.Clear();
        start.Environment["PATH"] = SafePath;
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["TERM"] = "dumb";
        if (environment is null || !environment.ContainsKey("HOME"))
        {
            start.Environment["HOME"] = DefaultHome(root);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    /// <summary>
    /// A private home per workspace, outside it so tool caches and dotfiles never show up in the run's
    /// diff. The engine may pass its own HOME (inside the run's folder) through the context instead.
    /// </summary>
    private static string DefaultHome(string root)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..16];
        var home = Path.Combine(Path.GetTempPath(), $"agentbot-home-{hash}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(home);
        }
        else
        {
            Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return home;
    }

    private static async Task<ToolResult> RunAsync(ProcessStartInfo start, int timeoutSeconds, string note, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return ToolResult.Error($"could not start /bin/bash: {e.Message}");
        }

        process.StandardInput.Close();
        var output = new CappedOutput(MaxOutputChars);
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput, output), PumpAsync(process.StandardError, output));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        try
        {
            await pumps.WaitAsync(DrainGrace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A child that detached from the shell still holds the pipe; what arrived so far is the output.
        }

        var text = output.TotalChars == 0 ? "(no output)" : output.ToString().TrimEnd('\n');
        if (timedOut)
        {
            return new ToolResult(
                $"{note}{text}\n\ncommand timed out after {timeoutSeconds} s; it and every process it started were killed. " +
                "Run long tasks with a larger timeout_seconds, or in smaller steps.",
                IsError: true);
        }

        return new ToolResult($"{note}{text}\n\n(exit code {process.ExitCode})");
    }

    private static async Task PumpAsync(StreamReader reader, CappedOutput output)
    {
        var buffer = new char[8192];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
            {
                output.Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process was disposed while a detached child kept the pipe open; nothing more to read.
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }
}
