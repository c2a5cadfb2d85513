using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AgentBot.GitHub;
using AgentBot.Storage;
using AgentBot.Testing;
using AgentBot.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentBot.Bench;

/// <summary>
/// Webhook intake on this machine: signed deliveries per second and time to 202, for GitHub's recorded
/// issue_comment payload, with SQLite and with PostgreSQL. The host has exactly the intake path (verify,
/// store, 202) on Kestrel; the load comes from the same process over loopback.
/// </summary>
internal static class IngestBenchmarks
{
    private const string Secret = "benchmark-secret";

    public static async Task<int> RunAsync(int deliveries, int concurrency)
    {
        var payload = await PayloadAsync();
        Console.WriteLine($"\nPayload: issue_comment.created, {payload.Length:N0} bytes{(payload.Length < 2000 ? " (synthetic: node/npm missing)" : " (@octokit/webhooks-examples)")}");
        Console.WriteLine("\n| database | deliveries | concurrency | deliveries/s | p50 ms | p90 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|");
        var folder = Directory.CreateTempSubdirectory("agentbot-ingest-");
        try
        {
            await RunOneAsync("sqlite", $"Data Source={Path.Combine(folder.FullName, "agentbot.db")}", payload, deliveries, concurrency);
            await using var postgres = await PostgresCluster.StartAsync(durable: true);
            if (postgres is null)
            {
                Console.WriteLine($"| postgres | skipped: {PostgresCluster.SkipMessage} |");
            }
            else
            {
                await RunOneAsync("postgres", await postgres.CreateDatabaseAsync(), payload, deliveries, concurrency);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        return 0;
    }

    private static async Task RunOneAsync(string provider, string connectionString, byte[] payload, int deliveries, int concurrency)
    {
        await using var app = await StartIntakeAsync(provider, connectionString);
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + WebhookRoutes.Path);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        var signature = WebhookSignature.Sign(payload, Secret);

        await SendAllAsync(http, url, payload, signature, Math.Max(200, deliveries / 10), concurrency, "warmup");
        var samples = new double[deliveries];
        var clock = Stopwatch.StartNew();
        await SendAllAsync(http, url, payload, signature, deliveries, concurrency, "run", samples);
        clock.Stop();

        Array.Sort(samples);
        Console.WriteLine(
            $"| {provider} | {deliveries} | {concurrency} | {deliveries / clock.Elapsed.TotalSeconds:F0} | {Harness.P(samples, 0.50):F2} | {Harness.P(samples, 0.90):F2} | {Harness.P(samples, 0.99):F2} | {samples[^1]:F2} |");
    }

    private static async Task SendAllAsync(HttpClient http, Uri url, byte[] payload, string signature, int count, int concurrency, string prefix, double[]? samples = null)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.Add("X-GitHub-Event", "issue_comment");
                request.Headers.Add("X-GitHub-Delivery", $"{prefix}-{i}-{Guid.NewGuid():N}");
                request.Headers.Add("X-Hub-Signature-256", signature);
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"Delivery {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                if (samples is not null)
                {
                    samples[i] = elapsed;
                }
            }
        })));
    }

    private static async Task<WebApplication> StartIntakeAsync(string provider, string connectionString)
    {
        using var key = RSA.Create(2048);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GitHub:AppId"] = "1",
            ["GitHub:PrivateKey"] = key.ExportRSAPrivateKeyPem(),
            ["GitHub:WebhookSecret"] = Secret,
            ["Storage:Provider"] = provider,
            ["ConnectionStrings:AgentBot"] = connectionString,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddGitHub();
        builder.Services.AddStorage();
        builder.Services.AddSingleton<Inbox>();
        builder.Services.AddSingleton<InboxSignal>();
        builder.Services.AddSingleton<WebhookReceiver>();
        var app = builder.Build();
        app.MapWebhookRoutes();
        await app.StartAsync();
        return app;
    }

    private static async Task<byte[]> PayloadAsync()
    {
        var examples = await WebhookExamples.LoadAsync();
        var json = examples?.Payloads("issue_comment", "created").OrderByDescending(p => p.Length).FirstOrDefault()
            ?? """{"action":"created","issue":{"number":1,"title":"t","body":"b","labels":[],"state":"open","user":{"login":"a","id":1,"type":"User"}},"comment":{"id":1,"body":"/agent review","user":{"login":"a","id":1,"type":"User"}},"repository":{"id":1,"name":"r","full_name":"o/r","owner":{"login":"o","id":1,"type":"User"},"default_branch":"main"},"sender":{"login":"a","id":1,"type":"User"},"installation":{"id":1}}""";
        return Encoding.UTF8.GetBytes(json);
    }
}
