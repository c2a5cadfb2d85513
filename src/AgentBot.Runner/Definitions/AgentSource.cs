namespace AgentBot.Runner.Definitions;

/// <summary>An agent file's text and the path to report it under (a disk path or a repository path).</summary>
public sealed record AgentSource(string Path, string Content);
