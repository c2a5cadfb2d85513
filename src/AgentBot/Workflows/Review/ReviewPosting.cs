namespace AgentBot.Workflows.Review;

/// <summary>The review AgentBot posted: its id and address, the event sent, and where each finding went.</summary>
public sealed record ReviewPosting(
    long ReviewId,
    string? HtmlUrl,
    string Event,
    string Verdict,
    int Inline,
    int Folded,
    int Duplicates,
    string Skipped);
