namespace AgentBot.Jobs;

/// <summary>The <c>Jobs</c> section: how many runs one worker executes at once.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// PLACEHOLDER until the engine is joined to GitHub runs (issue #6): how long the stand-in run job takes, so failover can be
    /// tested with runs that are in flight. Zero in production.
    /// </summary>
    public TimeSpan PlaceholderDuration { get; set; } = TimeSpan.Zero;
}
