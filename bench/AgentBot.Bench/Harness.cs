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

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
