using System.Text.Json.Serialization;
using AgentBot.Routing;

namespace AgentBot.Runs;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RoutingDecision))]
public sealed partial class RunJsonContext : JsonSerializerContext;
