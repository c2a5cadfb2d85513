using System.Text;
using System.Text.Json;

namespace AgentBot.Testing;

/// <summary>One payload GitHub recorded: the event (X-GitHub-Event), its action if it has one, and the exact JSON text.</summary>
public sealed record WebhookExample(string Event, string? Action, string Json);

/// <summary>
/// GitHub's recorded webhook payloads from the npm package @octokit/webhooks-examples (installed by
/// <see cref="NodeTools"/>), each as the exact text the package holds, and GitHub's own signing library
/// (@octokit/webhooks-methods) run through node, to prove our HMAC agrees with it.
/// </summary>
public sealed class WebhookExamples
{
    private static readonly Lazy<Task<WebhookExamples?>> Loaded = new(LoadUncachedAsync);

    private readonly Dictionary<string, List<WebhookExample>> _byEvent;

    private WebhookExamples(Dictionary<string, List<WebhookExample>> byEvent) => _byEvent = byEvent;

    public static string IndexFile => Path.Combine(NodeTools.Folder, "node_modules", "@octokit", "webhooks-examples", "api.github.com", "index.json");

    /// <summary>Every event name that has examples (X-GitHub-Event values), in the package's order.</summary>
    public IReadOnlyList<string> Events => [.. _byEvent.Keys];

    /// <summary>Every example of every event.</summary>
    public IReadOnlyList<WebhookExample> All => [.. _byEvent.Values.SelectMany(e => e)];

    /// <summary>The examples, loaded once per test run; null when node or npm is not installed.</summary>
    public static Task<WebhookExamples?> LoadAsync() => Loaded.Value;

    /// <summary>
    /// The exact JSON text of each example of <paramref name="eventName"/> with <paramref name="action"/> (null: every
    /// example of the event). Throws when there is none, so a test can never pass on an empty list.
    /// </summary>
    public IReadOnlyList<string> Payloads(string eventName, string? action) => [.. Examples(eventName, action).Select(e => e.Json)];

    public IReadOnlyList<WebhookExample> Examples(string eventName, string? action)
    {
        if (!_byEvent.TryGetValue(eventName, out var examples))
        {
            throw new KeyNotFoundException($"@octokit/webhooks-examples has no '{eventName}' example.");
        }

        var matching = action is null ? examples : examples.Where(e => e.Action == action).ToList();
        return matching.Count > 0
            ? matching
            : throw new KeyNotFoundException(
                $"@octokit/webhooks-examples has no '{eventName}.{action}' example; its actions are {string.Join(", ", examples.Select(e => e.Action).Distinct())}.");
    }

    /// <summary>X-Hub-Signature-256 of <paramref name="body"/> (UTF-8) as @octokit/webhooks-methods' sign computes it.</summary>
    public static async Task<string> SignWithOctokitAsync(string secret, string body) =>
        (await RunSignScriptAsync(body, "sign", secret)).Trim();

    /// <summary>Whether @octokit/webhooks-methods' verify accepts <paramref name="signature"/> for <paramref name="body"/> (UTF-8).</summary>
    public static async Task<bool> VerifyWithOctokitAsync(string secret, string body, string signature) =>
        (await RunSignScriptAsync(body, "verify", secret, signature)).Trim() switch
        {
            "true" => true,
            "false" => false,
            var other => throw new InvalidOperationException($"sign.mjs verify printed '{other}'."),
        };

    private static async Task<WebhookExamples?> LoadUncachedAsync()
    {
        if (await NodeTools.EnsureInstalledAsync() is null)
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(IndexFile);
        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 256 });
        var byEvent = new Dictionary<string, List<WebhookExample>>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var name = entry.GetProperty("name").GetString()!;
            var examples = byEvent.TryGetValue(name, out var list) ? list : byEvent[name] = [];
            foreach (var example in entry.GetProperty("examples").EnumerateArray())
            {
                var action = example.TryGetProperty("action", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                // GetRawText is the element's slice of the file, unchanged: non-ASCII stays as it was, nothing is re-escaped.
                examples.Add(new WebhookExample(name, action, example.GetRawText()));
            }
        }

        return new WebhookExamples(byEvent);
    }

    private static async Task<string> RunSignScriptAsync(string body, params string[] arguments)
    {
        var folder = await NodeTools.EnsureInstalledAsync()
            ?? throw new InvalidOperationException("node and npm are not installed: @octokit/webhooks-methods cannot run.");
        // A file rather than the command line: payloads run to hundreds of kilobytes.
        var file = Path.Combine(Path.GetTempPath(), $"agentbot-webhook-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, Encoding.UTF8.GetBytes(body));
        try
        {
            string[] command = [Path.Combine(folder, "sign.mjs"), arguments[0], arguments[1], file, .. arguments[2..]];
            var result = await ProcessRunner.RunAsync(NodeTools.Node!, command, folder, TimeSpan.FromMinutes(1));
            return result.ExitCode == 0
                ? result.Output
                : throw new InvalidOperationException($"node sign.mjs {arguments[0]} failed ({result.ExitCode}):\n{result.Error}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
