using AgentBot.Bench;

// dotnet run -c Release --project bench/AgentBot.Bench [-- definitions|github|ingest] [--root <repository root>] [--concurrency N]
// No argument runs every benchmark. "fake-github" is the child process the GitHub benchmarks start.
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !Directory.Exists(a)) ?? "all";
var rootIndex = Array.IndexOf(args, "--root");
var root = rootIndex >= 0 && rootIndex + 1 < args.Length ? args[rootIndex + 1] : Directory.GetCurrentDirectory();

if (mode == "fake-github")
{
    return await FakeGitHubHost.RunAsync();
}

Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
var status = 0;
if (mode is "all" or "definitions")
{
    status = DefinitionBenchmarks.Run(root);
}

if (status == 0 && mode is "all" or "github")
{
    status = await GitHubClientBenchmarks.RunAsync();
}

if (status == 0 && mode is "all" or "ingest")
{
    var concurrency = Array.IndexOf(args, "--concurrency") is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 16;
    status = await IngestBenchmarks.RunAsync(deliveries: 10_000, concurrency);
}

return status;
