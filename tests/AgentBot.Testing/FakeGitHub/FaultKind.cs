namespace AgentBot.Testing.FakeGitHub;

public enum FaultKind
{
    /// <summary>An error status with a GitHub-style body.</summary>
    Status,

    /// <summary>403 (or 429) with x-ratelimit-remaining: 0 and the reset time.</summary>
    PrimaryRateLimit,

    /// <summary>403 or 429 with GitHub's secondary-limit message and, when given, retry-after.</summary>
    SecondaryRateLimit,

    /// <summary>A slow answer: real time passes, then the request is served normally.</summary>
    Delay,

    /// <summary>The connection is closed without an answer.</summary>
    Abort,
}
