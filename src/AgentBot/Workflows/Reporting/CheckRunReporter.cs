using System.Globalization;
using AgentBot.GitHub.Api;
using AgentBot.GitHub.Models;
using AgentBot.Runner.Definitions;
using AgentBot.Workflows.Review;

namespace AgentBot.Workflows.Reporting;

/// <summary>
/// The check run <c>agent/&lt;name&gt;</c> of one run on one head commit (design §4): in_progress with a live,
/// coalesced summary, then completed with a conclusion, or action_required with Approve / Reject buttons.
/// </summary>
public sealed class CheckRunReporter : IAsyncDisposable
{
    public const string ApproveAction = "approve";
    public const string RejectAction = "reject";

    /// <summary>GitHub requires a title with every output; progress rarely has a better one.</summary>
    public const string WorkingTitle = "Working";

    // GitHub's limits on requested actions: label ≤ 20, description ≤ 40 characters.
    private static readonly IReadOnlyList<CheckRunAction> ApprovalActions =
    [
        new("Approve", "Let the run take this step", ApproveAction),
        new("Reject", "Stop the run before this step", RejectAction),
    ];

    private readonly ChecksApi _checks;
    private readonly string _owner;
    private readonly string _repo;
    private readonly string _headSha;
    private readonly long _runId;
    private readonly string? _detailsUrl;
    private readonly Coalescer<CheckRunOutput> _progress;

    // Set once by StartAsync, before any progress can be sent.
    private long _checkRunId;
    private int _writes;
    private volatile bool _completed;

    public CheckRunReporter(
        ChecksApi checks, string owner, string repo, string agent, string headSha, long runId, string? detailsUrl, TimeProvider time, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(repo);
        ArgumentException.ThrowIfNullOrEmpty(agent);
        ArgumentException.ThrowIfNullOrEmpty(headSha);
        _checks = checks;
        _owner = owner;
        _repo = repo;
        _headSha = headSha;
        _runId = runId;
        _detailsUrl = detailsUrl;
        Name = NameFor(agent);
        _progress = new Coalescer<CheckRunOutput>(SendProgressAsync, time, window);
    }

    /// <summary>Each agent has its own check run, so one agent's failure is visible on its own line.</summary>
    public string Name { get; }

    public long? CheckRunId
    {
        get
        {
            var id = Interlocked.Read(ref _checkRunId);
            return id == 0 ? null : id;
        }
    }

    /// <summary>Requests made to create or update the check run (annotation batches the client adds not counted).</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>The failure of the last progress update sent when a window ended (nobody awaited it).</summary>
    public Exception? LastError => _progress.LastError;

    public static string NameFor(string agent) => $"agent/{agent}";

    /// <summary>Creates the check run in_progress: the pull request's acknowledgement, so it is sent at once and opens a window.</summary>
    public async Task<CheckRun> StartAsync(string summary, string? title = null, CancellationToken cancellationToken = default)
    {
        CheckRun? run = null;
        await _progress.SendNowAsync(async ct =>
        {
            // Checked inside the serialised send, so two racing starts cannot create two check runs.
            if (Interlocked.Read(ref _checkRunId) != 0)
            {
                throw new InvalidOperationException($"The check run {Name} has already been started.");
            }

            run = await _checks.CreateAsync(_owner, _repo, new CheckRunRequest(
                Name: Name,
                HeadSha: _headSha,
                Status: CheckStatuses.InProgress,
                ExternalId: _runId.ToString(CultureInfo.InvariantCulture),
                DetailsUrl: _detailsUrl,
                Output: new CheckRunOutput(title ?? WorkingTitle, summary)), ct);
            Interlocked.Exchange(ref _checkRunId, run.Id);
            Interlocked.Increment(ref _writes);
        }, cancellationToken);
        return run!;
    }

    /// <summary>Updates the live summary, coalesced: within a window only the latest is sent.</summary>
    public Task ProgressAsync(string summary, string? title = null, CancellationToken cancellationToken = default)
    {
        RequireStarted();

        // A late progress update must not touch a check run that has already concluded.
        return _completed ? Task.CompletedTask : _progress.UpdateAsync(new CheckRunOutput(title ?? WorkingTitle, summary), cancellationToken);
    }

    /// <summary>Sends a pending progress update now.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _progress.FlushAsync(cancellationToken);

    /// <summary>Completes the check run; pending progress is dropped, since the conclusion supersedes it.</summary>
    public Task CompleteAsync(
        string conclusion, string title, string summary, string? text = null, IReadOnlyList<CheckAnnotation>? annotations = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conclusion);
        return FinishAsync(new CheckRunRequest(
            Status: CheckStatuses.Completed,
            Conclusion: conclusion,
            Output: new CheckRunOutput(title, summary, text, annotations is { Count: > 0 } ? annotations : null)), cancellationToken);
    }

    /// <summary>Completes the check run as action_required with Approve and Reject buttons: the run waits for a user with write access.</summary>
    public Task RequireApprovalAsync(string title, string summary, string? text = null, CancellationToken cancellationToken = default) =>
        FinishAsync(new CheckRunRequest(
            Status: CheckStatuses.Completed,
            Conclusion: CheckConclusions.ActionRequired,
            Output: new CheckRunOutput(title, summary, text),
            Actions: ApprovalActions), cancellationToken);

    /// <summary>
    /// The conclusion for a review verdict. Blocking and negative fails; advisory never fails; a review that skipped
    /// part of the diff is never green (design §4, "Quiet and honest"). An unknown verdict counts as negative, so
    /// a reply the bot could not read does not pass.
    /// </summary>
    public static string ConclusionFor(Behavior behavior, string? verdict, bool complete = true)
    {
        var positive = verdict is ReviewVerdicts.Approved or ReviewVerdicts.Commented;
        if (!positive)
        {
            return behavior == Behavior.Blocking ? CheckConclusions.Failure : CheckConclusions.Neutral;
        }

        return complete ? CheckConclusions.Success : CheckConclusions.Neutral;
    }

    public ValueTask DisposeAsync() => _progress.DisposeAsync();

    private async Task FinishAsync(CheckRunRequest request, CancellationToken cancellationToken)
    {
        RequireStarted();
        _completed = true;
        await _progress.SendNowAsync(async ct =>
        {
            await _checks.UpdateAsync(_owner, _repo, _checkRunId, request, ct);
            Interlocked.Increment(ref _writes);
        }, cancellationToken);
    }

    private async Task SendProgressAsync(CheckRunOutput output, CancellationToken cancellationToken)
    {
        await _checks.UpdateAsync(_owner, _repo, _checkRunId, new CheckRunRequest(Output: output), cancellationToken);
        Interlocked.Increment(ref _writes);
    }

    private void RequireStarted()
    {
        if (CheckRunId is null)
        {
            throw new InvalidOperationException($"The check run {Name} has not been started.");
        }
    }
}
