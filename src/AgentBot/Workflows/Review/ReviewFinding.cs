namespace AgentBot.Workflows.Review;

/// <summary>
/// One comment of a reviewer's answer. Path or line may be missing when the model left them out; such a finding
/// cannot sit inline and is folded into the review's body instead of being lost.
/// </summary>
public sealed record ReviewFinding(string? Path, int? Line, string Body);
