namespace AgentBot.Workflows.Review;

/// <summary>The verdicts a reviewer may give; also the run's <c>verdict</c> output, so workflows compare these spellings.</summary>
public static class ReviewVerdicts
{
    public const string Approved = "approved";
    public const string Commented = "commented";
    public const string ChangesRequested = "changes_requested";
}
