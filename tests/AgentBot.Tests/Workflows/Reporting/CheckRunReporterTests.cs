using AgentBot.GitHub.Models;
using AgentBot.Runner.Definitions;
using AgentBot.Testing;
using AgentBot.Tests.GitHub;
using AgentBot.Workflows.Reporting;
using AgentBot.Workflows.Review;

namespace AgentBot.Tests.Workflows.Reporting;

/// <summary>The check run agent/&lt;name&gt; through the real client: the exact bodies GitHub receives at each step.</summary>
public sealed class CheckRunReporterTests : IAsyncLifetime
{
    private const string Details = "https://agentbot.example.com/runs/7";

    private readonly ManualTimeProvider _clock = new();
    private GitHubHarness _h = null!;
    private string _head = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _h = await ReportingHarness.StartAsync(_clock);
        _head = _h.Repo.CommitFiles("main", "seed", new Dictionary<string, string> { ["README.md"] = "hi\n" });
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_h.GitHub.UnhandledRequests);
        await _h.DisposeAsync();
    }

    private CheckRunReporter Reporter() =>
        new(_h.Client.Checks, "octo", "hello", "reviewer", _head, runId: 7, Details, _clock);

    private IReadOnlyList<string> Patches(long id) => [.. _h.GitHub.RequestsTo("PATCH", $"/repos/octo/hello/check-runs/{id}").Select(r => r.Body)];

    [Fact]
    public async Task Goes_from_in_progress_with_coalesced_progress_to_completed()
    {
        await using var reporter = Reporter();

        var run = await reporter.StartAsync("Reading 3 files", cancellationToken: Ct);
        for (var i = 1; i <= 5; i++)
        {
            await reporter.ProgressAsync($"Reviewed {i} of 5 files", cancellationToken: Ct);
        }

        Assert.Empty(Patches(run.Id));
        await reporter.FlushAsync(Ct);
        await reporter.CompleteAsync(
            CheckConclusions.Success, "Approved", "No blocking findings", "Looked at 5 files.",
            [new CheckAnnotation("src/a.cs", 3, 3, AnnotationLevels.Notice, "Consider a guard clause.")], Ct);

        GitHubHarness.AssertJson(
            $$$"""{"name":"agent/reviewer","head_sha":"{{{_head}}}","status":"in_progress","external_id":"7","details_url":"{{{Details}}}","output":{"title":"Working","summary":"Reading 3 files"}}""",
            _h.Single("POST", "/repos/octo/hello/check-runs").Body);
        var patches = Patches(run.Id);
        Assert.Equal(2, patches.Count);
        GitHubHarness.AssertJson("""{"output":{"title":"Working","summary":"Reviewed 5 of 5 files"}}""", patches[0]);
        GitHubHarness.AssertJson(
            """{"status":"completed","conclusion":"success","output":{"title":"Approved","summary":"No blocking findings","text":"Looked at 5 files.","annotations":[{"path":"src/a.cs","start_line":3,"end_line":3,"annotation_level":"notice","message":"Consider a guard clause."}]}}""",
            patches[1]);
        var stored = _h.Repo.CheckRun(run.Id);
        Assert.Equal(("agent/reviewer", "completed", "success", 1), (stored.Name, stored.Status, stored.Conclusion, stored.Annotations.Count));
        Assert.Equal((run.Id, 3), (reporter.CheckRunId, reporter.Writes));
    }

    [Fact]
    public async Task The_conclusion_drops_pending_progress_and_later_progress_is_ignored()
    {
        await using var reporter = Reporter();
        var run = await reporter.StartAsync("Starting", cancellationToken: Ct);
        await reporter.ProgressAsync("halfway", cancellationToken: Ct);

        await reporter.CompleteAsync(CheckConclusions.Neutral, "Commented", "Two remarks", cancellationToken: Ct);
        await reporter.ProgressAsync("too late", cancellationToken: Ct);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await reporter.FlushAsync(Ct);

        var patch = Assert.Single(Patches(run.Id));
        GitHubHarness.AssertJson("""{"status":"completed","conclusion":"neutral","output":{"title":"Commented","summary":"Two remarks"}}""", patch);
        Assert.Equal("neutral", _h.Repo.CheckRun(run.Id).Conclusion);
    }

    [Fact]
    public async Task Progress_after_the_window_goes_out_on_its_own()
    {
        await using var reporter = Reporter();
        var run = await reporter.StartAsync("Starting", cancellationToken: Ct);
        await reporter.ProgressAsync("one", cancellationToken: Ct);
        await reporter.ProgressAsync("two", cancellationToken: Ct);

        _clock.Advance(TimeSpan.FromSeconds(3));
        await ReportingHarness.UntilAsync(() => reporter.Writes == 2, "the window's progress update");

        GitHubHarness.AssertJson("""{"output":{"title":"Working","summary":"two"}}""", Assert.Single(Patches(run.Id)));
    }

    [Fact]
    public async Task Waiting_for_approval_completes_as_action_required_with_approve_and_reject()
    {
        await using var reporter = Reporter();
        var run = await reporter.StartAsync("Implementing", cancellationToken: Ct);

        await reporter.RequireApprovalAsync("Waiting for approval", "Push 2 files and open a draft pull request?", cancellationToken: Ct);

        var sent = Assert.Single(Patches(run.Id));
        GitHubHarness.AssertJson(
            """
            {"status":"completed","conclusion":"action_required",
             "output":{"title":"Waiting for approval","summary":"Push 2 files and open a draft pull request?"},
             "actions":[{"label":"Approve","description":"Let the run take this step","identifier":"approve"},
                        {"label":"Reject","description":"Stop the run before this step","identifier":"reject"}]}
            """,
            sent);
        Assert.Equal(("action_required", 2), (_h.Repo.CheckRun(run.Id).Conclusion, _h.Repo.CheckRun(run.Id).Actions.Count));

        // GitHub's limits on requested actions.
        Assert.All(System.Text.Json.Nodes.JsonNode.Parse(sent)!["actions"]!.AsArray(), a =>
        {
            Assert.InRange(a!["label"]!.GetValue<string>().Length, 1, 20);
            Assert.InRange(a["description"]!.GetValue<string>().Length, 1, 40);
        });
    }

    [Fact]
    public async Task Progress_before_the_start_is_refused_and_a_second_start_too()
    {
        await using var reporter = Reporter();

        await Assert.ThrowsAsync<InvalidOperationException>(() => reporter.ProgressAsync("early", cancellationToken: Ct));
        await reporter.StartAsync("Starting", cancellationToken: Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reporter.StartAsync("again", cancellationToken: Ct));

        Assert.Single(_h.Repo.CheckRuns);
    }

    [Theory]
    [InlineData(Behavior.Blocking, ReviewVerdicts.Approved, true, CheckConclusions.Success)]
    [InlineData(Behavior.Blocking, ReviewVerdicts.Commented, true, CheckConclusions.Success)]
    [InlineData(Behavior.Blocking, ReviewVerdicts.ChangesRequested, true, CheckConclusions.Failure)]
    [InlineData(Behavior.Advisory, ReviewVerdicts.Approved, true, CheckConclusions.Success)]
    [InlineData(Behavior.Advisory, ReviewVerdicts.Commented, true, CheckConclusions.Success)]
    [InlineData(Behavior.Advisory, ReviewVerdicts.ChangesRequested, true, CheckConclusions.Neutral)]
    [InlineData(Behavior.Blocking, ReviewVerdicts.Approved, false, CheckConclusions.Neutral)]
    [InlineData(Behavior.Advisory, ReviewVerdicts.Commented, false, CheckConclusions.Neutral)]
    [InlineData(Behavior.Blocking, ReviewVerdicts.ChangesRequested, false, CheckConclusions.Failure)]
    [InlineData(Behavior.Advisory, ReviewVerdicts.ChangesRequested, false, CheckConclusions.Neutral)]
    [InlineData(Behavior.Blocking, "garbled", true, CheckConclusions.Failure)]
    [InlineData(Behavior.Advisory, null, true, CheckConclusions.Neutral)]
    public void Maps_behavior_and_verdict_to_a_conclusion(Behavior behavior, string? verdict, bool complete, string expected) =>
        Assert.Equal(expected, CheckRunReporter.ConclusionFor(behavior, verdict, complete));
}
