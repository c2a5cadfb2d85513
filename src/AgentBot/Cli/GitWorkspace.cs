using System.Diagnostics;

namespace AgentBot.Cli;

/// <summary>A fresh clone for one run, so the run never touches the checkout it came from.</summary>
public sealed class GitWorkspace : IDisposable
{
    private GitWorkspace(string path) => Path = path;

    public string Path { get; }

    /// <summary>A private home for the run's commands, removed with the workspace's folder.</summary>
    public string Home => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, "home");

    public static async Task<GitWorkspace> CloneAsync(string repository, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("agentbot-run-").FullName;
        var workspace = new GitWorkspace(System.IO.Path.Combine(folder, "workspace"));
        var source = Directory.Exists(repository) ? System.IO.Path.GetFullPath(repository) : repository;
        var (code, output) = await GitAsync(folder, cancellationToken, "clone", "--quiet", "--no-hardlinks", "--", source, workspace.Path);
        if (code != 0)
        {
            workspace.Dispose();
            throw new InvalidOperationException($"git clone {repository} failed: {output.Trim()}");
        }

        return workspace;
    }

    /// <summary>What the run changed: <c>git status --short</c> of the workspace.</summary>
    public async Task<string> StatusAsync(CancellationToken cancellationToken) =>
        (await GitAsync(Path, cancellationToken, "status", "--short")).Output;

    public static async Task<(int Code, string Output)> GitAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        // Hooks are code from the repository (and the agent can write .git through Bash): git never runs them for us.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("core.hooksPath=/dev/null");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // No prompt for credentials can hang a run.
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("git could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        // Kept on purpose: the user inspects the result. Only a failed clone is removed.
        if (!Directory.Exists(System.IO.Path.Combine(Path, ".git")) && Directory.Exists(System.IO.Path.GetDirectoryName(Path)))
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
        }
    }
}
