using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using AgentBot.Jobs;
using AgentBot.Runs;
using AgentBot.Storage;
using AgentBot.Testing;
using AgentBot.Tests.Infrastructure;
using AgentBot.Webhooks;

namespace AgentBot.Tests.Jobs;

/// <summary>
/// AgentBot on a real PostgreSQL: versioned migrations and Quartz's schema, and the clustered job store that lets
/// several workers share the runs and recover those of a worker that died mid-run. Each test gets its own server.
/// </summary>
public sealed class PostgresClusterTests : IAsyncLifetime
{
    private const int RunCount = 200;
    private const string WorkerA = "worker-a";
    private const string WorkerB = "worker-b";

    private PostgresCluster? _cluster;

    public async ValueTask InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        Output($"PostgreSQL: {_cluster?.Describe() ?? "not installed"}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Migrates_the_database_once_creates_the_Quartz_schema_and_answers_healthz()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await Cluster().CreateDatabaseAsync(cancellationToken: ct);
        var scripts = Migrator.Scripts(StorageOptions.Postgres);

        await using var first = OnPostgres(connectionString, NodeOptions.All, "node-1");
        await AssertHealthyAsync(first, ct);

        var tables = await ColumnAsync(first, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", ct);
        Assert.Subset(tables.ToHashSet(), new HashSet<string> { "inbox", "runs", "run_events", "agentbot_schema" });
        Assert.Subset(tables.ToHashSet(), new HashSet<string> { "qrtz_job_details", "qrtz_triggers", "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks" });
        Assert.Contains(first.Logs.Lines, l => l.Message.StartsWith($"Database (postgres) migrated: {scripts.Count} new migrations", StringComparison.Ordinal));
        var applied = await ColumnAsync(first, "SELECT version || ' ' || name || ' ' || applied_at FROM agentbot_schema ORDER BY version", ct);
        Assert.Equal(scripts.Select(s => $"{s.Version} {s.Name}"), applied.Select(a => string.Join(' ', a.Split(' ').Take(2))));

        await using var second = OnPostgres(connectionString, NodeOptions.All, "node-2");
        await AssertHealthyAsync(second, ct);

        Assert.Contains(second.Logs.Lines, l => l.Message.StartsWith("Database (postgres) migrated: 0 new migrations", StringComparison.Ordinal));
        Assert.Equal(applied, await ColumnAsync(second, "SELECT version || ' ' || name || ' ' || applied_at FROM agentbot_schema ORDER BY version", ct));
        Assert.Equal(0, await second.Service<Migrator>().MigrateAsync(ct));
    }

    [Fact]
    public async Task Two_workers_share_200_runs_and_killing_one_mid_run_loses_none_and_runs_none_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await Cluster().CreateDatabaseAsync(cancellationToken: ct);

        // A web node migrates, provisions Quartz's tables and schedules; its scheduler stays in standby, so it runs nothing.
        await using var web = OnPostgres(connectionString, NodeOptions.Web, "web-1");
        var ids = await CreateRunsAsync(web, ct);
        await web.Service<RunScheduler>().ScheduleAsync(ids, TimeSpan.Zero, ct);

        await using var workerA = WorkerProcess.Start(WorkerA, connectionString);
        await using var workerB = WorkerProcess.Start(WorkerB, connectionString);
        var workers = new[] { workerA, workerB };
        var stopwatch = Stopwatch.StartNew();

        // Kill when about a quarter is done and worker-a is inside runs, so the kill lands mid-run, not between runs.
        var progress = await WaitForAsync(web, workers, TimeSpan.FromMinutes(1),
            p => p.Completed >= RunCount / 4 && p.RunningOn(WorkerA) > 0, "a quarter of the runs completed while worker-a runs some", ct);
        var killedAt = DateTimeOffset.UtcNow;
        workerA.Kill();
        var orphans = await ColumnAsync(web, $"SELECT id FROM runs WHERE state = 'running' AND node = '{WorkerA}' ORDER BY id", ct);
        Output($"{stopwatch.Elapsed.TotalSeconds:F1}s: killed {WorkerA} at {progress}; left running on it: [{string.Join(", ", orphans)}]");

        // Quartz declares a node dead 15 s (CheckinMisfireThreshold) after its last 5 s check-in, then recovers its jobs.
        var done = await WaitForAsync(web, [workerB], TimeSpan.FromMinutes(3), p => p.Completed == RunCount, "every run completed", ct);
        Output($"{stopwatch.Elapsed.TotalSeconds:F1}s: {done}");

        var runs = await web.Service<RunStore>().ListAsync("octo/failover", ct);
        var events = await EventsAsync(web, ct);
        var context = $"{RunCount} runs, killed {WorkerA} at {progress} with runs [{string.Join(", ", orphans)}] in flight.\n" +
            $"{WorkerA} log (tail):\n{workerA.Tail()}\n{WorkerB} log (tail):\n{workerB.Tail()}";

        Assert.Equal(RunCount, runs.Count);
        Assert.True(runs.All(r => r.State == RunStates.Completed), $"not completed: {string.Join(", ", runs.Where(r => r.State != RunStates.Completed).Select(r => $"{r.Id}={r.State}"))}\n{context}");
        var completions = events.Where(e => e.Type == TrailEvents.Completed).GroupBy(e => e.RunId).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(runs.All(r => completions.GetValueOrDefault(r.Id) == 1),
            $"runs without exactly one {TrailEvents.Completed} event: {string.Join(", ", runs.Where(r => completions.GetValueOrDefault(r.Id) != 1).Select(r => $"{r.Id}×{completions.GetValueOrDefault(r.Id)}"))}\n{context}");
        var starts = events.Where(e => e.Type == TrailEvents.Started).ToLookup(e => e.RunId);
        var startedTwiceWithoutRecovery = runs.Where(r => starts[r.Id].Count(e => !IsRecovering(e)) > 1).Select(r => r.Id).ToList();
        Assert.True(startedTwiceWithoutRecovery.Count == 0, $"runs started twice by ordinary firings: {string.Join(", ", startedTwiceWithoutRecovery)}\n{context}");
        Assert.Equal(new[] { WorkerA, WorkerB }, runs.Select(r => r.Node ?? "(none)").Distinct().Order());

        var takenOver = runs.Where(r => r.Attempts > 1 || starts[r.Id].Any(IsRecovering)).ToList();
        Assert.True(takenOver.Count > 0, orphans.Count == 0
            ? $"The kill landed between runs ({WorkerA} had none in state running when it died), so there was nothing to take over.\n{context}"
            : $"{WorkerA} died with runs [{string.Join(", ", orphans)}] running, but no run shows a recovered second attempt.\n{context}");
        // Attempts 2: worker-a had started the run. Attempts 1: worker-a's Quartz was already executing the job but died
        // before the job marked the run started; the recovered firing still counts as a takeover.
        Assert.All(takenOver, r => Assert.True(r.Node == WorkerB && r.Attempts is 1 or 2 && starts[r.Id].Any(IsRecovering),
            $"run {r.Id}: node {r.Node}, attempts {r.Attempts}, started events {string.Join(" ", starts[r.Id].Select(e => e.Data))}\n{context}"));

        var recovered = takenOver.Max(r => r.CompletedAt!.Value);
        Output($"{takenOver.Count} runs taken over by {WorkerB} ([{string.Join(", ", takenOver.Select(r => $"{r.Id} attempt {r.Attempts}"))}]); " +
            $"the last completed {(recovered - killedAt).TotalSeconds:F1}s after the kill; runs per node: " +
            string.Join(", ", runs.GroupBy(r => r.Node).Select(g => $"{g.Key} {g.Count()}")));
        Output($"{WorkerB} cluster manager, kill at {killedAt.ToLocalTime():HH:mm:ss.fff}:\n{string.Join('\n', workerB.Lines("ClusterManager"))}");
    }

    /// <summary>
    /// /healthz answers 200 once the node is up. Quartz's hosted service starts the scheduler just after the host has
    /// started (AwaitApplicationStarted), and its health check says Unhealthy ("created but never started") until then,
    /// so the first request right after start may see 503: a few seconds are allowed for that.
    /// </summary>
    private static async Task AssertHealthyAsync(AgentBotFactory factory, CancellationToken ct)
    {
        using var client = factory.CreateClient();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var health = await client.GetAsync("/healthz", ct);
            var body = await health.Content.ReadAsStringAsync(ct);
            if (health.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"/healthz answered {(int)health.StatusCode} {body} for {waited.Elapsed.TotalSeconds:F1}s");
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
    }

    private static bool IsRecovering(RunEvent started) => started.Data.Contains("\"recovering\":true", StringComparison.Ordinal);

    private PostgresCluster Cluster()
    {
        if (_cluster is null)
        {
            Assert.Skip(PostgresCluster.SkipMessage);
        }

        return _cluster;
    }

    private static AgentBotFactory OnPostgres(string connectionString, string role, string nodeId)
    {
        var factory = new AgentBotFactory()
            .With("Storage:Provider", StorageOptions.Postgres)
            .With("ConnectionStrings:AgentBot", connectionString)
            .With("Node:Role", role)
            .With("Node:Id", nodeId);
        // The host starts (and migrates) on first use of its services.
        _ = factory.Services;
        return factory;
    }

    /// <summary>One routed delivery per run in the inbox (runs.delivery_id references it), and one queued run each.</summary>
    private static async Task<IReadOnlyList<long>> CreateRunsAsync(AgentBotFactory web, CancellationToken ct)
    {
        var inbox = web.Service<Inbox>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= RunCount; i++)
        {
            await inbox.StoreAsync(new InboxItem($"failover-{i}", "issues", "labeled", 1, "octo/failover", "octocat", "{}", now, InboxStatus.Routed, 0), ct);
        }

        await using var connection = await web.Service<Database>().OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var ids = new List<long>();
        for (var i = 1; i <= RunCount; i++)
        {
            ids.AddRange(await web.Service<RunStore>().CreateAsync(connection, transaction, $"failover-{i}",
                [new NewRun("octo/failover", 1, i, false, "coder", "sha256:test", "issues.labeled:agent:coder", 1)], """{"reason":"failover test"}""", ct));
        }

        await transaction.CommitAsync(ct);
        Assert.Equal(RunCount, ids.Count);
        return ids;
    }

    private static async Task<Progress> WaitForAsync(
        AgentBotFactory web, IReadOnlyList<WorkerProcess> workers, TimeSpan limit, Func<Progress, bool> until, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var progress = await ProgressAsync(web, ct);
            if (until(progress))
            {
                return progress;
            }

            if (workers.FirstOrDefault(w => w.HasExited) is { } exited)
            {
                Assert.Fail($"{exited.Id} exited ({exited.ExitCode}) before {what}; {progress}.\n{exited.Tail()}");
            }

            if (deadline.Elapsed > limit)
            {
                Assert.Fail($"Not within {limit}: {what}; {progress}.\n" + string.Join('\n', workers.Select(w => $"{w.Id} log (tail):\n{w.Tail()}")));
            }

            // Polling the database is the only view into two other processes; 100 ms keeps the kill close to the condition.
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    private static async Task<Progress> ProgressAsync(AgentBotFactory web, CancellationToken ct)
    {
        await using var connection = await web.Service<Database>().OpenAsync(ct);
        await using var reader = await connection.Command("SELECT state, COALESCE(node, ''), COUNT(*) FROM runs GROUP BY state, node").ExecuteReaderAsync(ct);
        var counts = new Dictionary<(string State, string Node), long>();
        while (await reader.ReadAsync(ct))
        {
            counts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        return new Progress(counts);
    }

    private static async Task<IReadOnlyList<RunEvent>> EventsAsync(AgentBotFactory web, CancellationToken ct)
    {
        await using var connection = await web.Service<Database>().OpenAsync(ct);
        await using var reader = await connection.Command("SELECT id, run_id, at, type, data FROM run_events ORDER BY id").ExecuteReaderAsync(ct);
        var events = new List<RunEvent>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(new RunEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetTime(2), reader.GetString(3), reader.GetString(4)));
        }

        return events;
    }

    private static async Task<IReadOnlyList<string>> ColumnAsync(AgentBotFactory factory, string sql, CancellationToken ct)
    {
        await using var connection = await factory.Service<Database>().OpenAsync(ct);
        await using var reader = await connection.Command(sql).ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private sealed record Progress(IReadOnlyDictionary<(string State, string Node), long> Counts)
    {
        public long Completed => Counts.Where(c => c.Key.State == RunStates.Completed).Sum(c => c.Value);

        public long RunningOn(string node) => Counts.GetValueOrDefault((RunStates.Running, node));

        public override string ToString() =>
            string.Join(", ", Counts.OrderBy(c => c.Key.State, StringComparer.Ordinal).ThenBy(c => c.Key.Node, StringComparer.Ordinal)
                .Select(c => $"{c.Key.State}{(c.Key.Node.Length > 0 ? "@" + c.Key.Node : string.Empty)} {c.Value}"));
    }

    /// <summary>The built agentbot executable as a worker node in its own process, so it can die by SIGKILL like a real node.</summary>
    private sealed class WorkerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly string _folder;

        private WorkerProcess(string id, Process process, string folder)
        {
            Id = id;
            _process = process;
            _folder = folder;
        }

        public string Id { get; }

        public bool HasExited => _process.HasExited;

        public int ExitCode => _process.ExitCode;

        public static WorkerProcess Start(string id, string connectionString)
        {
            // Its own working folder: nothing the node might write lands in the checkout.
            var folder = Directory.CreateTempSubdirectory($"agentbot-{id}-").FullName;
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "agentbot.dll"), "serve", "--role", "worker", "--urls", "http://127.0.0.1:0",
                "--Storage:Provider", "postgres", "--ConnectionStrings:AgentBot", connectionString, "--Node:Id", id,
                "--Jobs:PlaceholderDuration", "00:00:00.300", "--Jobs:Concurrency", "4",
                // Quartz's cluster manager says at Information when it finds a dead node and recovers its jobs.
                "--Logging:LogLevel:Quartz", "Information", "--Logging:Console:TimestampFormat", "HH:mm:ss.fff ",
            })
            {
                info.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = info };
            var worker = new WorkerProcess(id, process, folder);
            process.OutputDataReceived += (_, e) => worker.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return worker;
        }

        /// <summary>SIGKILL: no shutdown hooks, no requeueing; the node simply vanishes mid-run.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        public string Tail(int lines = 80) => string.Join('\n', _lines.TakeLast(lines));

        /// <summary>Matching messages, each with the console logger's header line before it (time, level, category).</summary>
        public IEnumerable<string> Lines(string containing)
        {
            var lines = _lines.ToArray();
            return lines.Index().Where(l => l.Item.Contains(containing, StringComparison.Ordinal))
                .Select(l => $"{(l.Index > 0 ? lines[l.Index - 1] : string.Empty)} {l.Item.Trim()}");
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await _process.WaitForExitAsync(timeout.Token);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill.
            }
            finally
            {
                _process.Dispose();
                try
                {
                    Directory.Delete(_folder, recursive: true);
                }
                catch (IOException)
                {
                    // Left to the OS's temp cleaning.
                }
            }
        }

        private void Keep(string? line)
        {
            if (line is not null)
            {
                _lines.Enqueue(line);
            }
        }
    }
}
