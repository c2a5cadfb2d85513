namespace AgentBot.Testing.FakeGitHub;

/// <summary>A check-run annotation; Level is notice, warning or failure.</summary>
public sealed record FakeAnnotation(string Path, int StartLine, int EndLine, string Level, string Message)
{
    public int? StartColumn { get; init; }

    public int? EndColumn { get; init; }

    public string? Title { get; init; }

    public string? RawDetails { get; init; }
}
