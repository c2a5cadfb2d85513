using System.Diagnostics;

namespace AgentBot.Bench;

/// <summary>Runs an action after a warm-up and reports latency percentiles; wall-clock, so run on a quiet machine.</summary>
internal static class Harness
{
    public static void Run(string name, int warmup, int iterations, Action action)
    {
        for (var i = 0; i < warmup; i++)
        {
            action();
        }

        var samples = new double[iterations];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)iterations;
        Array.Sort(samples);
        Console.WriteLine(
            $"| {name} | {iterations} | {P(samples, 0.50):F1} | {P(samples, 0.90):F1} | {P(samples, 0.99):F1} | {samples[^1]:F1} | {allocated / 1024:F1} |");
    }

    public static void Header() =>
        Console.WriteLine("| benchmark | iterations | p50 µs | p90 µs | p99 µs | max µs | KiB allocated / op |\n|---|---:|---:|---:|---:|---:|---:|");

    public static void ThroughputHeader() =>
        Console.WriteLine("\n| benchmark | calls | concurrency | requests/s | p50 µs | p99 µs | KiB allocated / call |\n|---|---:|---:|---:|---:|---:|---:|");

    /// <summary>Calls per second with <paramref name="concurrency"/> callers, after a warm-up of a tenth of the calls.</summary>
    public static async Task ThroughputAsync(string name, int calls, int concurrency, Func<Task> call)
    {
        for (var i = 0; i < Math.Max(50, calls / 10); i++)
        {
            await call();
        }

        var samples = new double[calls];
        var next = -1;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        })));
        total.Stop();
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)calls;
        Array.Sort(samples);
        Console.WriteLine(
            $"| {name} | {calls} | {concurrency} | {calls / total.Elapsed.TotalSeconds:F0} | {P(samples, 0.50):F0} | {P(samples, 0.99):F0} | {allocated / 1024:F1} |");
    }

    /// <summary>The q-quantile of sorted samples (nearest rank).</summary>
    internal static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
