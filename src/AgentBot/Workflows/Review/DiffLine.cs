namespace AgentBot.Workflows.Review;

/// <summary>A line a review comment may sit on: <see cref="Side"/> RIGHT counts the new file's lines, LEFT the old file's.</summary>
public readonly record struct DiffLine(int Line, string Side)
{
    public const string Right = "RIGHT";
    public const string Left = "LEFT";
}
