using AgentBot.GitHub.Api;

namespace AgentBot.Workflows.Reporting;

/// <summary>
/// The one comment a run keeps on its issue or pull request (design §4, "Sticky comment"): created on the first
/// update, edited in place afterwards, found again by its hidden marker after a restart, never duplicated.
/// Updates are coalesced (see <see cref="Coalescer{T}"/>): the first goes out at once, later ones within the
/// window are merged and the latest body wins.
/// </summary>
public sealed class StickyComment : IAsyncDisposable
{
    private readonly IssuesApi _issues;
    private readonly string _owner;
    private readonly string _repo;
    private readonly int _number;
    private readonly long _appId;
    private readonly Coalescer<string> _updates;

    // Touched only by sends, which the coalescer runs one at a time.
    private long _commentId; // 0 until found or created: GitHub ids start at 1.
    private string? _sentBody;
    private int _writes;

    public StickyComment(IssuesApi issues, string owner, string repo, int number, long runId, long appId, TimeProvider time, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(repo);
        _issues = issues;
        _owner = owner;
        _repo = repo;
        _number = number;
        _appId = appId;
        Marker = MarkerFor(runId);
        _updates = new Coalescer<string>(WriteAsync, time, window);
    }

    /// <summary>The hidden marker that makes the comment findable again, e.g. <c>&lt;!-- agentbot:run:42 --&gt;</c>.</summary>
    public string Marker { get; }

    /// <summary>The comment's id once it has been found or created.</summary>
    public long? CommentId
    {
        get
        {
            var id = Interlocked.Read(ref _commentId);
            return id == 0 ? null : id;
        }
    }

    /// <summary>Content-creating requests made (creates and edits): the ones GitHub's secondary limit counts.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>The failure of the last send made when a window ended (nobody awaited it); the body stays pending.</summary>
    public Exception? LastError => _updates.LastError;

    public static string MarkerFor(long runId) => $"<!-- agentbot:run:{runId} -->";

    /// <summary>The comment's full body: the Markdown, a blank line, then the marker.</summary>
    public string Compose(string markdown) => $"{markdown}\n\n{Marker}";

    /// <summary>Sets the comment's Markdown: sent at once, or at the end of the current window if a request already went out in it.</summary>
    public Task UpdateAsync(string markdown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return _updates.UpdateAsync(Compose(markdown), cancellationToken);
    }

    /// <summary>Sends the pending body now (the end of a run).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _updates.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _updates.DisposeAsync();

    private async Task WriteAsync(string body, CancellationToken cancellationToken)
    {
        if (_commentId == 0)
        {
            // After a restart the comment may already be there: look before creating, and only among the app's own
            // comments, so a human pasting the marker cannot have their comment taken over.
            var existing = await _issues.FindCommentAsync(_owner, _repo, _number, Marker, _appId, cancellationToken);
            if (existing is not null)
            {
                Interlocked.Exchange(ref _commentId, existing.Id);
                _sentBody = existing.Body;
            }
        }

        if (string.Equals(body, _sentBody, StringComparison.Ordinal))
        {
            return;
        }

        if (_commentId != 0)
        {
            await _issues.UpdateCommentAsync(_owner, _repo, _commentId, body, cancellationToken);
        }
        else
        {
            var created = await _issues.CreateCommentAsync(_owner, _repo, _number, body, cancellationToken);
            Interlocked.Exchange(ref _commentId, created.Id);
        }

        _sentBody = body;
        Interlocked.Increment(ref _writes);
    }
}
