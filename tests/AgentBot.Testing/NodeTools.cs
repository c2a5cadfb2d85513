namespace AgentBot.Testing;

/// <summary>
/// The npm packages in tests/node/package.json, installed on first use into tests/node/node_modules
/// (ignored by git). Returns null when node or npm is not installed, so callers can skip and say why.
/// </summary>
public static class NodeTools
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string Folder => RepositoryRoot.Combine("tests", "node");

    public static string? Node => ProcessRunner.Find("node");

    public static async Task<string?> EnsureInstalledAsync()
    {
        if (Node is null || ProcessRunner.Find("npm") is not { } npm)
        {
            return null;
        }

        await Gate.WaitAsync();
        try
        {
            var marker = Path.Combine(Folder, "node_modules", ".installed");
            var manifest = Path.Combine(Folder, "package.json");
            if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(manifest))
            {
                return Folder;
            }

            // Another test assembly may be installing at the same moment; an exclusive lock file serialises them.
            using var lockFile = await AcquireLockAsync(Path.Combine(Folder, ".install.lock"));
            if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(manifest))
            {
                return Folder;
            }

            var result = await ProcessRunner.RunAsync(
                npm, ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"], Folder, TimeSpan.FromMinutes(5));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm install in {Folder} failed ({result.ExitCode}):\n{result.Error}");
            }

            await File.WriteAllTextAsync(marker, DateTime.UtcNow.ToString("O"));
            return Folder;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500);
            }
        }
    }
}
