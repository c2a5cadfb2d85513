using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace AgentBot.Testing;

/// <summary>
/// A throw-away PostgreSQL server for one test class: its own data directory under the temp folder, its own
/// TCP port on 127.0.0.1, trust authentication for user <c>postgres</c>, started from the installed server
/// binaries (never a system service) and removed on dispose. <see cref="StartAsync"/> returns null when the
/// binaries are not installed, so callers can skip and say why.
/// </summary>
public sealed partial class PostgresCluster : IAsyncDisposable
{
    public const string SkipMessage = "PostgreSQL server binaries (initdb, pg_ctl) are not installed: this test needs them; .ci/run installs them";

    /// <summary>PostgreSQL refuses to run as root, so a root test process runs the server as this system user.</summary>
    public const string ServiceUser = "agentbot-pg";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private static readonly SemaphoreSlim UserGate = new(1, 1);
    private static readonly Lazy<Task<bool>> RunningAsRoot = new(IsRootAsync);

    // Servers still running when the test process exits normally without disposing them (a failed fixture) are stopped
    // then, so they do not outlive the test run holding ports and temp folders.
    private static readonly ConcurrentDictionary<PostgresCluster, byte> Live = new();

    private readonly Binaries _binaries;
    private readonly string? _runAs;
    private int _disposed;

    static PostgresCluster() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var cluster in Live.Keys)
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    };

    private PostgresCluster(Binaries binaries, string? runAs, string folder, string version)
    {
        _binaries = binaries;
        _runAs = runAs;
        Folder = folder;
        Version = version;
    }

    /// <summary>Holds the data directory, the server log and the Unix socket.</summary>
    public string Folder { get; }

    public string DataDirectory => Path.Combine(Folder, "data");

    public string LogFile => Path.Combine(Folder, "server.log");

    public int Port { get; private set; }

    /// <summary>What <c>initdb --version</c> says, e.g. "initdb (PostgreSQL) 15.18".</summary>
    public string Version { get; }

    /// <summary>Whether commits are flushed to disk (fsync on), as a production server does.</summary>
    public bool Durable { get; private init; }

    /// <summary>
    /// Starts a fresh server, or returns null when no <c>initdb</c> and <c>pg_ctl</c> are found on PATH or under
    /// /usr/lib/postgresql/*/bin. Throws, with the server log, when they are there but the server does not start.
    /// </summary>
    /// <param name="durable">Keep fsync on, as in production (benchmarks); tests leave it off for speed.</param>
    public static async Task<PostgresCluster?> StartAsync(bool durable = false, CancellationToken cancellationToken = default)
    {
        if (FindBinaries() is not { } binaries)
        {
            return null;
        }

        var runAs = await RunningAsRoot.Value ? ServiceUser : null;
        if (runAs is not null)
        {
            await EnsureServiceUserAsync(cancellationToken);
        }

        var version = await ProcessRunner.RunAsync(binaries.InitDb, ["--version"], Path.GetTempPath(), CommandTimeout, cancellationToken);
        var folder = Directory.CreateTempSubdirectory("agentbot-pg-").FullName;
        var cluster = new PostgresCluster(binaries, runAs, folder, version.Output.Trim()) { Durable = durable };
        Live.TryAdd(cluster, 0);
        try
        {
            await cluster.InitializeAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= $"agentbot_{Guid.NewGuid():N}";
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name ([a-z_][a-z0-9_]*, at most 63 characters).", nameof(name));
        }

        var result = await ProcessRunner.RunAsync(_binaries.Psql,
            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres",
                "-c", $"CREATE DATABASE {name}"],
            Path.GetTempPath(), CommandTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"CREATE DATABASE {name} failed ({result.ExitCode}) on {Describe()}:\n{result.Output}{result.Error}");
        }

        return $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={name};Pooling=true";
    }

    /// <summary>Which binaries run the server, as whom, and where: for test output and failure messages.</summary>
    public string Describe() =>
        $"{Version} on 127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)} (initdb {_binaries.InitDb}, pg_ctl {_binaries.PgCtl}, psql {_binaries.Psql}; " +
        $"run as {_runAs ?? Environment.UserName}; data {DataDirectory}; log {LogFile})";

    /// <summary>The server log so far, for failure messages.</summary>
    public string ReadLog()
    {
        try
        {
            return File.ReadAllText(LogFile);
        }
        catch (IOException ex)
        {
            return $"(no server log: {ex.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Live.TryRemove(this, out _);
        if (Directory.Exists(Path.Combine(DataDirectory, "global")))
        {
            // Immediate: nothing of a throw-away server is worth a checkpoint. A server that never started answers
            // "no server running", which is fine here.
            await RunAsServiceUserAsync(_binaries.PgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left to the OS's temp cleaning; a failed delete must not hide the test's own result.
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_runAs is not null)
        {
            // initdb creates data/ inside, and pg_ctl writes the log and the socket here, as the service user.
            var chown = await ProcessRunner.RunAsync("chown", [_runAs, Folder], Folder, CommandTimeout, cancellationToken);
            Check(chown, $"chown {_runAs} {Folder}");
        }

        var init = await RunAsServiceUserAsync(_binaries.InitDb,
            ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"], cancellationToken);
        Check(init, "initdb");

        // The port is free when chosen but another process may take it before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k '{Folder}' -c listen_addresses=127.0.0.1 {(Durable ? string.Empty : "-c fsync=off ")}-c max_connections=200";
            var start = await RunAsServiceUserAsync(_binaries.PgCtl, ["-D", DataDirectory, "-o", options, "-l", LogFile, "-w", "start"], cancellationToken);
            if (start.ExitCode == 0)
            {
                return;
            }

            if (attempt == 3 || !ReadLog().Contains("could not bind", StringComparison.Ordinal))
            {
                Check(start, "pg_ctl start");
            }
        }
    }

    private void Check(ProcessResult result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{what} failed ({result.ExitCode}) for {Describe()}:\n{result.Output}{result.Error}\nserver log:\n{ReadLog()}");
        }
    }

    private Task<ProcessResult> RunAsServiceUserAsync(string binary, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (_runAs is null)
        {
            return ProcessRunner.RunAsync(binary, arguments, Folder, CommandTimeout, cancellationToken);
        }

        // runuser is util-linux's su for root without PAM prompts; su with an explicit shell is the fallback where it is missing.
        var runuser = ProcessRunner.Find("runuser") ?? FirstExisting("/usr/sbin/runuser", "/sbin/runuser");
        return runuser is not null
            ? ProcessRunner.RunAsync(runuser, ["-u", _runAs, "--", binary, .. arguments], Folder, CommandTimeout, cancellationToken)
            : ProcessRunner.RunAsync("su", [_runAs, "-s", "/bin/sh", "-c", string.Join(' ', new[] { binary }.Concat(arguments).Select(ShellQuote))],
                Folder, CommandTimeout, cancellationToken);
    }

    private static string ShellQuote(string value) => $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static string? FirstExisting(params string[] paths) => paths.FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task<bool> IsRootAsync()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        // The effective uid decides what PostgreSQL refuses, whatever the account is called.
        var id = await ProcessRunner.RunAsync("id", ["-u"], Path.GetTempPath(), CommandTimeout);
        return id.ExitCode == 0 ? id.Output.Trim() == "0" : Environment.UserName == "root";
    }

    private static async Task EnsureServiceUserAsync(CancellationToken cancellationToken)
    {
        await UserGate.WaitAsync(cancellationToken);
        try
        {
            if ((await ProcessRunner.RunAsync("id", [ServiceUser], Path.GetTempPath(), CommandTimeout, cancellationToken)).ExitCode == 0)
            {
                return;
            }

            var add = await ProcessRunner.RunAsync("useradd", ["--system", "--no-create-home", ServiceUser], Path.GetTempPath(), CommandTimeout, cancellationToken);
            // Another test process may have created it in the meantime (useradd then fails with "already exists").
            if (add.ExitCode != 0 && (await ProcessRunner.RunAsync("id", [ServiceUser], Path.GetTempPath(), CommandTimeout, cancellationToken)).ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL does not run as root, and creating the system user {ServiceUser} to run it failed ({add.ExitCode}): {add.Error}");
            }
        }
        finally
        {
            UserGate.Release();
        }
    }

    private static Binaries? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        // Debian and Ubuntu keep every installed major version side by side; the newest one wins.
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: ParseVersion(Path.GetFileName(dir))))
                .Where(v => v.Version is not null)
                .OrderByDescending(v => v.Version)
                .Select(v => v.Dir)
            : [];
        foreach (var dir in onPath.Concat(versioned))
        {
            var initDb = Path.Combine(dir, "initdb");
            var pgCtl = Path.Combine(dir, "pg_ctl");
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                // psql of the same installation first (PATH may hold symlinks into it), else any psql.
                var home = Path.GetDirectoryName(new FileInfo(initDb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initDb)!;
                var psql = FirstExisting(Path.Combine(dir, "psql"), Path.Combine(home, "psql")) ?? ProcessRunner.Find("psql") ?? "psql";
                return new Binaries(initDb, pgCtl, psql);
            }
        }

        return null;
    }

    private static Version? ParseVersion(string name) =>
        System.Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : $"{name}.0", out var version) ? version : null;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();

    private sealed record Binaries(string InitDb, string PgCtl, string Psql);
}
