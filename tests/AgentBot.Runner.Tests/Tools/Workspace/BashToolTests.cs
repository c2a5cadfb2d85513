using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AgentBot.Runner.Definitions;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Tools.Workspace;

namespace AgentBot.Runner.Tests.Tools.Workspace;

public sealed class BashToolTests : IDisposable
{
    private readonly TempWorkspace _ws = new();
    private readonly BashTool _bash = new();

    public void Dispose() => _ws.Dispose();

    private Task<ToolResult> Run(string command, ToolContext? context = null, int? timeoutSeconds = null)
    {
        var arguments = new JsonObject { ["command"] = command };
        if (timeoutSeconds is { } seconds)
        {
            arguments["timeout_seconds"] = seconds;
        }

        return _ws.Invoke(_bash, arguments, context);
    }

    [Fact]
    public async Task Runs_in_the_workspace_root_and_reports_no_file_changes()
    {
        _ws.Put("marker.txt", "here\n");

        var result = await Run("pwd; cat marker.txt");

        Assert.False(result.IsError, result.Content);
        Assert.Equal($"{Path.GetFullPath(_ws.Root)}\nhere\n\n(exit code 0)", result.Content);
        Assert.Null(result.Changes);
    }

    [Fact]
    public async Task Reports_a_failing_exit_code_with_the_output()
    {
        var result = await Run("echo partial; exit 3");

        Assert.False(result.IsError);
        Assert.Equal("partial\n\n(exit code 3)", result.Content);
    }

    [Fact]
    public async Task Interleaves_stdout_and_stderr_in_order()
    {
        var result = await Run("echo one; echo two >&2; echo three; no-such-command-here");

        Assert.StartsWith("one\ntwo\nthree\n", result.Content, StringComparison.Ordinal);
        Assert.Contains("no-such-command-here: command not found", result.Content, StringComparison.Ordinal);
        Assert.EndsWith("(exit code 127)", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdin_is_closed_so_nothing_waits_for_input()
    {
        var watch = Stopwatch.StartNew();

        var result = await Run("read -r line; echo \"read:[$line] $?\"; cat; echo done", timeoutSeconds: 20);

        Assert.Equal("read:[] 1\ndone\n\n(exit code 0)", result.Content);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_timeout_kills_the_command_and_everything_it_started()
    {
        // A duration no other process uses, so the check below finds only our sleeps.
        var marker = $"29.{Random.Shared.Next(100_000, 999_999)}";
        var watch = Stopwatch.StartNew();

        var result = await Run($"echo started; sleep {marker} & sleep {marker}", timeoutSeconds: 1);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
        Assert.True(result.IsError);
        Assert.StartsWith("started\n", result.Content, StringComparison.Ordinal);
        Assert.Contains("timed out after 1 s", result.Content, StringComparison.Ordinal);
        await AssertNoProcessRunsAsync("sleep\0" + marker);
    }

    [Fact]
    public async Task Cancelling_the_call_kills_the_command()
    {
        var marker = $"28.{Random.Shared.Next(100_000, 999_999)}";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TempWorkspace.Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(500));
        using var arguments = System.Text.Json.JsonDocument.Parse(new JsonObject { ["command"] = $"sleep {marker}" }.ToJsonString());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await _bash.InvokeAsync(arguments.RootElement, _ws.Context(), cancel.Token));

        await AssertNoProcessRunsAsync("sleep\0" + marker);
    }

    [Fact]
    public async Task Caps_long_output_keeping_its_beginning_and_end()
    {
        var result = await Run("echo BEGIN; head -c 100000 /dev/zero | tr '\\0' a; echo; echo END");

        Assert.StartsWith("BEGIN\n", result.Content, StringComparison.Ordinal);
        Assert.EndsWith("END\n\n(exit code 0)", result.Content, StringComparison.Ordinal);
        Assert.Contains("characters cut from the middle", result.Content, StringComparison.Ordinal);
        Assert.InRange(result.Content.Length, BashTool.MaxOutputChars, BashTool.MaxOutputChars + 400);
    }

    [Fact]
    public async Task The_environment_is_built_from_scratch_and_leaks_nothing_of_the_app()
    {
        Environment.SetEnvironmentVariable("AGENTBOT_TEST_SECRET", "hunter2-do-not-leak");
        try
        {
            var context = new ToolContext(
                _ws.Root,
                new HashSet<Capability>(),
                new Dictionary<string, string> { ["HOME"] = _ws.Home, ["GIVEN_BY_RUN"] = "from-context" });

            var result = await Run("env", context);

            Assert.DoesNotContain("AGENTBOT_TEST_SECRET", result.Content, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", result.Content, StringComparison.Ordinal);
            var variables = result.Content.Split('\n');
            Assert.Contains("GIVEN_BY_RUN=from-context", variables);
            Assert.Contains($"PATH={BashTool.SafePath}", variables);
            Assert.Contains($"HOME={_ws.Home}", variables);
            Assert.Contains("LANG=C.UTF-8", variables);
            Assert.Contains("TERM=dumb", variables);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AGENTBOT_TEST_SECRET", null);
        }
    }

    [Fact]
    public async Task Without_a_home_from_the_run_gets_a_private_one_outside_the_workspace()
    {
        var context = new ToolContext(_ws.Root, new HashSet<Capability>());

        var result = await Run("echo \"$HOME\"; touch \"$HOME/.probe\" && echo writable", context);

        var home = result.Content.Split('\n')[0];
        try
        {
            Assert.NotEqual(Environment.GetEnvironmentVariable("HOME"), home);
            Assert.False(home.StartsWith(_ws.Root, StringComparison.Ordinal), home);
            Assert.Contains("\nwritable\n", result.Content, StringComparison.Ordinal);
        }
        finally
        {
            if (home.Contains("agentbot-home-", StringComparison.Ordinal) && Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Without_the_network_capability_a_connection_fails()
    {
        if (!(await NetworkIsolation.GetAsync()).IsAvailable)
        {
            Assert.Skip("network isolation is not available on this host: `unshare -rn` needs user namespaces");
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var result = await Run($"echo hi > /dev/tcp/127.0.0.1/{port} && echo connected", timeoutSeconds: 20);

        Assert.DoesNotContain("connected", result.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("(exit code 0)", result.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(BashTool.NoIsolationNote, result.Content, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task With_the_network_capability_a_connection_succeeds()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var result = await Run($"echo hi > /dev/tcp/127.0.0.1/{port} && echo connected", _ws.Context(Capability.Network), timeoutSeconds: 20);

        Assert.Equal("connected\n\n(exit code 0)", result.Content);
        using var accepted = await listener.AcceptTcpClientAsync(TempWorkspace.Ct);
        Assert.True(accepted.Connected);
    }

    [Theory]
    [InlineData("""{}""", "'command' is required")]
    [InlineData("""{"command": "  "}""", "command is empty")]
    [InlineData("""{"command": "true", "timeout_seconds": 0}""", "between 1 and 600")]
    [InlineData("""{"command": "true", "timeout_seconds": 601}""", "between 1 and 600")]
    [InlineData("""{"command": "true", "cwd": "/"}""", "unknown argument 'cwd'")]
    public async Task Bad_arguments_are_errors(string json, string message)
    {
        var result = await _ws.Invoke(_bash, json);

        Assert.True(result.IsError);
        Assert.Contains(message, result.Content, StringComparison.Ordinal);
    }

    private static async Task AssertNoProcessRunsAsync(string commandLine)
    {
        // SIGKILL is delivered at once, but a process may take a moment to leave /proc.
        for (var attempt = 0; attempt < 50 && RunningWith(commandLine).Count > 0; attempt++)
        {
            await Task.Delay(100, TempWorkspace.Ct);
        }

        Assert.Empty(RunningWith(commandLine));
    }

    private static List<string> RunningWith(string commandLine)
    {
        var found = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(commandLine, StringComparison.Ordinal))
                {
                    found.Add(folder);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not a process folder, or the process ended while we looked.
            }
        }

        return found;
    }
}
