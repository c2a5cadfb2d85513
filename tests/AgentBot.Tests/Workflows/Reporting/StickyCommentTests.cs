using AgentBot.Testing;
using AgentBot.Tests.GitHub;
using AgentBot.Workflows.Reporting;

namespace AgentBot.Tests.Workflows.Reporting;

/// <summary>The sticky comment through the real client: one per run, edited in place, coalesced, never a human's.</summary>
public sealed class StickyCommentTests : IAsyncLifetime
{
    private const string Marker = "<!-- agentbot:run:7 -->";
    private const string CommentsPath = "/repos/octo/hello/issues/12/comments";

    private readonly ManualTimeProvider _clock = new();
    private GitHubHarness _h = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _h = await ReportingHarness.StartAsync(_clock);
        _h.Repo.AddIssue(12, "Crash on start");
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_h.GitHub.UnhandledRequests);
        await _h.DisposeAsync();
    }

    private StickyComment Sticky(TimeSpan? window = null) =>
        new(_h.Client.Issues, "octo", "hello", 12, runId: 7, _h.GitHub.App.AppId, _clock, window);

    private int Posts => _h.GitHub.RequestsTo("POST", CommentsPath).Count;

    private int Patches => _h.GitHub.RequestsTo("PATCH", "/repos/octo/hello/issues/comments/*").Count;

    [Fact]
    public async Task The_first_update_creates_one_comment_by_the_app_with_the_marker_after_a_blank_line()
    {
        await using var sticky = Sticky();

        await sticky.UpdateAsync("🤖 **reviewer** took this — run 7", Ct);

        var comment = Assert.Single(_h.Repo.CommentsOn(12));
        Assert.Equal("🤖 **reviewer** took this — run 7\n\n" + Marker, comment.Body);
        Assert.True(comment.ViaApp);
        Assert.Equal((comment.Id, 1, 1, 0), (sticky.CommentId, sticky.Writes, Posts, Patches));
        Assert.Equal(Marker, sticky.Marker);
    }

    [Fact]
    public async Task Ten_quick_updates_make_at_most_two_requests_and_the_last_body_wins()
    {
        await using var sticky = Sticky();

        for (var i = 1; i <= 10; i++)
        {
            await sticky.UpdateAsync($"step {i}", Ct);
        }

        Assert.Equal(1, sticky.Writes);
        await sticky.FlushAsync(Ct);

        var comment = Assert.Single(_h.Repo.CommentsOn(12));
        Assert.Equal("step 10\n\n" + Marker, comment.Body);
        Assert.Equal((2, 1, 1, 1), (sticky.Writes, Posts, Patches, comment.Edits));

        // Nothing pending: flushing again sends nothing.
        await sticky.FlushAsync(Ct);
        Assert.Equal(2, sticky.Writes);
    }

    [Fact]
    public async Task A_pending_update_goes_out_when_the_window_ends_without_a_flush()
    {
        await using var sticky = Sticky();
        await sticky.UpdateAsync("one", Ct);
        await sticky.UpdateAsync("two", Ct);
        await sticky.UpdateAsync("three", Ct);

        _clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(1, sticky.Writes);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        await ReportingHarness.UntilAsync(() => sticky.Writes == 2, "the window's send");

        Assert.Equal("three\n\n" + Marker, Assert.Single(_h.Repo.CommentsOn(12)).Body);
        Assert.Null(sticky.LastError);

        // The next window: the first update after it ends goes out at once again.
        _clock.Advance(TimeSpan.FromSeconds(3));
        await sticky.UpdateAsync("four", Ct);
        Assert.Equal((3, 2), (sticky.Writes, Patches));
    }

    [Fact]
    public async Task Racing_updates_create_one_comment()
    {
        await using var sticky = Sticky(TimeSpan.Zero);

        await Task.WhenAll(Enumerable.Range(1, 5).Select(i => sticky.UpdateAsync($"racer {i}", Ct)));
        await sticky.FlushAsync(Ct);

        Assert.Single(_h.Repo.CommentsOn(12));
        Assert.Equal(1, Posts);
    }

    [Fact]
    public async Task An_unchanged_body_is_not_sent_again()
    {
        await using var sticky = Sticky();
        await sticky.UpdateAsync("same", Ct);
        _clock.Advance(TimeSpan.FromSeconds(5));

        await sticky.UpdateAsync("same", Ct);

        Assert.Equal((1, 0), (sticky.Writes, Patches));
    }

    [Fact]
    public async Task After_a_restart_the_comment_is_found_by_its_marker_and_edited_in_place()
    {
        await using (var before = Sticky())
        {
            await before.UpdateAsync("working", Ct);
        }

        await using var after = Sticky();
        await after.UpdateAsync("done", Ct);

        var comment = Assert.Single(_h.Repo.CommentsOn(12));
        Assert.Equal(("done\n\n" + Marker, 1), (comment.Body, comment.Edits));
        Assert.Equal((comment.Id, 1, 1), (after.CommentId, Posts, Patches));
    }

    [Fact]
    public async Task A_human_comment_carrying_the_marker_is_never_edited()
    {
        var forged = _h.Repo.AddComment(12, "mallory", "I am the bot now\n\n" + Marker);

        await using (var sticky = Sticky())
        {
            await sticky.UpdateAsync("working", Ct);
            Assert.NotEqual(forged.Id, sticky.CommentId);
        }

        await using var restarted = Sticky();
        await restarted.UpdateAsync("done", Ct);

        Assert.Equal((forged.Body, 0), (_h.Repo.Comment(forged.Id).Body, _h.Repo.Comment(forged.Id).Edits));
        var ours = Assert.Single(_h.Repo.CommentsOn(12), c => c.Id != forged.Id);
        Assert.Equal(("done\n\n" + Marker, restarted.CommentId), (ours.Body, (long?)ours.Id));
    }
}
