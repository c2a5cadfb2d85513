using Microsoft.Extensions.Options;

namespace AgentBot.Jobs;

/// <summary><c>Node:Role</c> (all, web, worker) and <c>Node:Id</c>: what this process does in a deployment.</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";
    public const string All = "all";
    public const string Web = "web";
    public const string Worker = "worker";

    public string Role { get; set; } = All;

    /// <summary>Unique per process in a cluster; Quartz and the inbox leases record it.</summary>
    public string Id { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Accepts deliveries, routes them and schedules runs.</summary>
    public bool IsWeb => Role is All or Web;

    /// <summary>Executes runs.</summary>
    public bool IsWorker => Role is All or Worker;
}

public sealed class NodeOptionsValidator : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options) =>
        options.Role is NodeOptions.All or NodeOptions.Web or NodeOptions.Worker
            ? string.IsNullOrWhiteSpace(options.Id) ? ValidateOptionsResult.Fail("Node:Id must not be empty.") : ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Node:Role (or --role) must be all, web or worker, got '{options.Role}'.");
}
