namespace AgentBot.Routing;

/// <summary>
/// What happened on GitHub, reduced to what routing needs. Built from a webhook payload by the inbox
/// processor (which also fetches a pull request's changed paths and checks the sender's permission).
/// </summary>
public sealed record WorkEvent
{
    /// <summary>GitHub's event name: issues, issue_comment, pull_request, pull_request_review, check_run, push.</summary>
    public required string Event { get; init; }

    public string? Action { get; init; }

    /// <summary>owner/name.</summary>
    public required string Repository { get; init; }

    /// <summary>The issue or pull request number, when there is one.</summary>
    public int? Number { get; init; }

    public bool IsPullRequest { get; init; }

    /// <summary>Every label now on the issue or pull request.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The label just added (action labeled).</summary>
    public string? AddedLabel { get; init; }

    /// <summary>The <c>/agent</c> command of an issue_comment, already parsed; null for other events.</summary>
    public AgentCommand? Command { get; init; }

    /// <summary>Changed file paths of a pull request (for skills inferred from paths).</summary>
    public IReadOnlyList<string> ChangedPaths { get; init; } = [];

    /// <summary>For push: the branch pushed (without refs/heads/).</summary>
    public string? Branch { get; init; }

    /// <summary>The check run's name, for check_run events (e.g. agent/reviewer).</summary>
    public string? CheckRunName { get; init; }

    /// <summary>A pull request whose head is in a fork: its code is untrusted until a maintainer says <c>/agent trust</c>.</summary>
    public bool FromFork { get; init; }

    /// <summary>A maintainer trusted this fork pull request's current head.</summary>
    public bool Trusted { get; init; }

    public required string Sender { get; init; }

    public bool SenderIsBot { get; init; }
}
