namespace AgentBot.GitHub.Api;

/// <summary>Builds request paths with every segment escaped, so a name can never reach another route.</summary>
internal static class GitHubPath
{
    public static string Repo(string owner, string repo) => $"repos/{Segment(owner)}/{Segment(repo)}";

    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>A slash-separated path (a file path or a ref such as heads/feature/x), each part escaped.</summary>
    public static string Segments(string value) => string.Join('/', value.Trim('/').Split('/').Select(Segment));

    public static string Query(string name, string? value) => value is null ? string.Empty : $"{name}={Uri.EscapeDataString(value)}";
}
