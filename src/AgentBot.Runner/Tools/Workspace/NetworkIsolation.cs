using System.ComponentModel;
using System.Diagnostics;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>
/// Whether this host can run a command without network: <c>unshare -rn</c> puts it in a new user and
/// network namespace, where the only interface is a private loopback. Needs user namespaces, which
/// some kernels and container runtimes forbid, so the answer is probed once per process and cached.
/// </summary>
internal sealed record NetworkIsolation(string? Unshare, string? Ip)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    private static readonly Lazy<Task<NetworkIsolation>> Probed = new(ProbeAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public bool IsAvailable => Unshare is not null;

    public static Task<NetworkIsolation> GetAsync() => Probed.Value;

    /// <summary>
    /// The program and arguments that run <paramref name="command"/> isolated. Loopback is brought up
    /// inside the namespace when <c>ip</c> exists, so a build's own tests can still listen on 127.0.0.1;
    /// that loopback is the namespace's own and reaches nothing on the host.
    /// </summary>
    public IReadOnlyList<string> Wrap(string command)
    {
        if (Unshare is null)
        {
            return ["/bin/bash", "-c", command];
        }

        return Ip is null
            ? [Unshare, "-rn", "/bin/bash", "-c", command]
            : [Unshare, "-rn", "/bin/bash", "-c", $"{Ip} link set dev lo up >/dev/null 2>&1; exec /bin/bash -c \"$1\"", "bash", command];
    }

    private static async Task<NetworkIsolation> ProbeAsync()
    {
        if (OperatingSystem.IsWindows() || Find("unshare") is not { } unshare)
        {
            return new NetworkIsolation(null, null);
        }

        if (!await SucceedsAsync(unshare, "--help").ConfigureAwait(false)
            || !await SucceedsAsync(unshare, "-rn", "true").ConfigureAwait(false))
        {
            return new NetworkIsolation(null, null);
        }

        var ip = Find("ip");
        if (ip is not null && !await SucceedsAsync(unshare, "-rn", ip, "link", "set", "dev", "lo", "up").ConfigureAwait(false))
        {
            ip = null;
        }

        return new NetworkIsolation(unshare, ip);
    }

    private static string? Find(string program) =>
        BashTool.SafePath.Split(':').Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);

    private static async Task<bool> SucceedsAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = BashTool.SafePath;
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            process.StandardInput.Close();
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            using var timeout = new CancellationTokenSource(ProbeTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                await drain.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
