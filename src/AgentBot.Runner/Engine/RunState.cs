using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Engine;

/// <summary>
/// Everything a paused run needs to go on: the conversation so far and what it has used. Serialised as JSON so
/// a run waiting for approval can resume on another worker, after a restart, in a fresh engine.
/// </summary>
public sealed class RunState
{
    public List<ChatMessage> Messages { get; init; } = [];

    public int Turns { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long CachedTokens { get; set; }

    public decimal CostUsd { get; set; }

    /// <summary>Wall time spent in earlier parts of the run (before a pause).</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>The tool call waiting for approval, when paused.</summary>
    public string? PendingCallId { get; set; }

    /// <summary>Tool calls a human approved, by call id: each releases that one step only.</summary>
    public HashSet<string> Approved { get; init; } = [];

    public int MilestonesReached { get; set; }

    public bool OutputRepairAsked { get; set; }

    public RunTotals Totals(TimeSpan elapsed) => new(Turns, InputTokens, OutputTokens, CachedTokens, CostUsd, elapsed);

    private static JsonSerializerOptions MessageOptions => AIJsonUtilities.DefaultOptions;

    public string Serialize() => new JsonObject
    {
        ["version"] = 1,
        ["messages"] = JsonSerializer.SerializeToNode(Messages, MessageOptions.GetTypeInfo(typeof(List<ChatMessage>))),
        ["turns"] = Turns,
        ["inputTokens"] = InputTokens,
        ["outputTokens"] = OutputTokens,
        ["cachedTokens"] = CachedTokens,
        ["costUsd"] = CostUsd.ToString(CultureInfo.InvariantCulture),
        ["elapsedMs"] = (long)Elapsed.TotalMilliseconds,
        ["pendingCallId"] = PendingCallId,
        ["approved"] = new JsonArray([.. Approved.Select(a => (JsonNode)JsonValue.Create(a))]),
        ["milestonesReached"] = MilestonesReached,
        ["outputRepairAsked"] = OutputRepairAsked,
    }.ToJsonString();

    public static RunState Deserialize(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("A run state is a JSON object.");
        if (root["version"]?.GetValue<int>() != 1)
        {
            throw new FormatException("Unknown run state version.");
        }

        var messages = (List<ChatMessage>?)root["messages"].Deserialize(MessageOptions.GetTypeInfo(typeof(List<ChatMessage>))) ?? [];
        return new RunState
        {
            Messages = messages,
            Turns = root["turns"]!.GetValue<int>(),
            InputTokens = root["inputTokens"]!.GetValue<long>(),
            OutputTokens = root["outputTokens"]!.GetValue<long>(),
            CachedTokens = root["cachedTokens"]!.GetValue<long>(),
            CostUsd = decimal.Parse(root["costUsd"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            Elapsed = TimeSpan.FromMilliseconds(root["elapsedMs"]!.GetValue<long>()),
            PendingCallId = root["pendingCallId"]?.GetValue<string>(),
            Approved = [.. root["approved"]!.AsArray().Select(a => a!.GetValue<string>())],
            MilestonesReached = root["milestonesReached"]!.GetValue<int>(),
            OutputRepairAsked = root["outputRepairAsked"]!.GetValue<bool>(),
        };
    }
}
