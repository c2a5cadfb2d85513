using System.Security.Cryptography;
using System.Text;
using AgentBot.Testing.FakeGitHub.GitData;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// One repository of the fake: seed it (files and commits, issues, comments, pull requests, permissions) and assert
/// on what the client did to it. Every read returns a snapshot; all state sits behind the server's lock.
/// </summary>
public sealed class FakeRepository
{
    private static readonly string[] Permissions = ["admin", "maintain", "write", "triage", "read", "none"];

    private readonly FakeGitHubServer _server;
    private string _cloneUrl;

    internal FakeRepository(FakeGitHubServer server, FakeUser owner, string name, string defaultBranch, bool isPrivate, long id)
    {
        _server = server;
        Owner = owner;
        Name = name;
        DefaultBranch = defaultBranch;
        IsPrivate = isPrivate;
        Id = id;
        NodeId = GitHubJson.NodeId("R", id);
        _cloneUrl = $"{GitHubJson.WebUrl}{FullName}.git";
    }

    public FakeUser Owner { get; }

    public string Name { get; }

    public string FullName => $"{Owner.Login}/{Name}";

    public long Id { get; }

    public string NodeId { get; }

    public string DefaultBranch { get; }

    public bool IsPrivate { get; }

    /// <summary>What clone_url says; point it at a local bare repository when a test really clones.</summary>
    public string CloneUrl
    {
        get
        {
            lock (_server.Gate)
            {
                return _cloneUrl;
            }
        }
        set
        {
            lock (_server.Gate)
            {
                _cloneUrl = value;
            }
        }
    }

    internal GitObjectStore Git { get; } = new();

    internal Dictionary<int, FakeIssue> IssuesByNumber { get; } = [];

    internal Dictionary<int, FakePullRequest> PullsByNumber { get; } = [];

    internal SortedDictionary<long, FakeComment> CommentsById { get; } = [];

    internal List<FakeReaction> ReactionList { get; } = [];

    internal SortedDictionary<long, FakeReview> ReviewsById { get; } = [];

    internal SortedDictionary<long, FakeCheckRun> CheckRunsById { get; } = [];

    internal Dictionary<string, string> PermissionsByLogin { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal Dictionary<string, FakeLabel> LabelsByName { get; } = new(StringComparer.OrdinalIgnoreCase);

    // ---- Git data -------------------------------------------------------------------------------------------

    /// <summary>
    /// Writes the files (path → UTF-8 text) as blobs, a tree and a commit on top of the branch, and moves the branch.
    /// A branch that does not exist yet starts from the default branch (or from nothing, for the first commit).
    /// Returns the commit's sha.
    /// </summary>
    public string CommitFiles(string branch, string message, IDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Commit(branch, message, files.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)));
    }

    /// <summary>A commit on the branch that deletes these paths (a folder path deletes everything under it).</summary>
    public string DeleteFiles(string branch, string message, params IEnumerable<string> paths) =>
        Commit(branch, message, paths.Select(p => new KeyValuePair<string, string?>(p, null)));

    private string Commit(string branch, string message, IEnumerable<KeyValuePair<string, string?>> changes)
    {
        lock (_server.Gate)
        {
            var parent = Git.Ref(BranchRef(branch)) ?? (branch == DefaultBranch ? null : Git.Ref(BranchRef(DefaultBranch)));
            var files = parent is null ? new Dictionary<string, GitFile>(StringComparer.Ordinal) : Git.Flatten(Git.Commit(parent)!.TreeSha);
            foreach (var (path, content) in changes)
            {
                if (content is null)
                {
                    TreeEdit.Remove(files, path);
                }
                else
                {
                    TreeEdit.Put(files, path, new GitFile("100644", "blob", Git.WriteBlob(Encoding.UTF8.GetBytes(content))));
                }
            }

            var signature = new GitSignature("Fake Seeder", "seeder@example.com", _server.Time.GetUtcNow());
            var sha = Git.WriteCommit(Git.WriteFiles(files), parent is null ? [] : [parent], message, signature, signature);
            Git.SetRef(BranchRef(branch), sha);
            return sha;
        }
    }

    /// <summary>A branch at the commit another branch (default: the default branch) or sha points to.</summary>
    public string CreateBranch(string name, string? from = null)
    {
        lock (_server.Gate)
        {
            var sha = Git.ResolveCommit(from ?? DefaultBranch) ?? throw new InvalidOperationException($"No commit for '{from ?? DefaultBranch}' in {FullName}.");
            Git.SetRef(BranchRef(name), sha);
            return sha;
        }
    }

    /// <summary>The sha a branch points to, or null when there is no such branch.</summary>
    public string? Head(string branch)
    {
        lock (_server.Gate)
        {
            return Git.Ref(BranchRef(branch));
        }
    }

    public IReadOnlyList<string> Branches
    {
        get
        {
            lock (_server.Gate)
            {
                return [.. Git.Refs.Keys.Where(r => r.StartsWith("refs/heads/", StringComparison.Ordinal)).Select(r => r["refs/heads/".Length..])];
            }
        }
    }

    public GitCommit? Commit(string sha)
    {
        lock (_server.Gate)
        {
            return Git.Commit(sha);
        }
    }

    /// <summary>A file's text at a branch, tag or commit, or null when it is not there.</summary>
    public string? ReadFile(string reference, string path) =>
        Files(reference).GetValueOrDefault(path.Trim('/'));

    /// <summary>Every file's text (path → content) at a branch, tag or commit; empty when the reference is unknown.</summary>
    public IReadOnlyDictionary<string, string> Files(string reference)
    {
        lock (_server.Gate)
        {
            if (Git.ResolveCommit(reference) is not { } sha)
            {
                return new Dictionary<string, string>();
            }

            return Git.Flatten(Git.Commit(sha)!.TreeSha)
                .Where(f => f.Value.Type == "blob")
                .ToDictionary(f => f.Key, f => Encoding.UTF8.GetString(Git.Blob(f.Value.Sha)!), StringComparer.Ordinal);
        }
    }

    // ---- Issues, comments, pull requests -------------------------------------------------------------------

    public FakeIssue AddIssue(int number, string title, string body = "", string user = "octocat", IEnumerable<string>? labels = null)
    {
        lock (_server.Gate)
        {
            EnsureNumberFree(number);
            var issue = NewIssue(number, title, body, _server.User(user), labels ?? [], isPullRequest: false);
            IssuesByNumber[number] = issue;
            return issue;
        }
    }

    /// <summary>A comment by a person (or another bot); comments the client posts are by the app's bot.</summary>
    public FakeComment AddComment(int issue, string user, string body)
    {
        lock (_server.Gate)
        {
            if (!IssuesByNumber.ContainsKey(issue))
            {
                throw new InvalidOperationException($"No issue or pull request #{issue} in {FullName}.");
            }

            return NewComment(issue, _server.User(user), body);
        }
    }

    /// <summary>
    /// A pull request from <paramref name="headRef"/> into <paramref name="baseRef"/>. Without <paramref name="files"/>
    /// its changed files are computed from the branches in the object store (seed them with CommitFiles first);
    /// with them, the branches need not exist.
    /// </summary>
    public FakePullRequest AddPullRequest(
        int number,
        string title,
        string body,
        string user,
        string headRef,
        string baseRef,
        IEnumerable<FakePullRequestFile>? files = null,
        bool draft = false)
    {
        lock (_server.Gate)
        {
            EnsureNumberFree(number);
            var seeded = files?.Select(f => f with { Sha = f.Sha ?? MadeUpSha($"{FullName}#{number}:{f.Filename}") }).ToList();
            IssuesByNumber[number] = NewIssue(number, title, body, _server.User(user), [], isPullRequest: true);
            var id = _server.NextId();
            var pull = new FakePullRequest(number, id, GitHubJson.NodeId("PR", id), headRef, baseRef, draft)
            {
                SeededFiles = seeded,
                SeededHeadSha = Git.Ref(BranchRef(headRef)) is null ? MadeUpSha($"{FullName}#{number}:head") : null,
            };
            PullsByNumber[number] = pull;
            return pull;
        }
    }

    /// <summary>admin, maintain, write, triage, read or none; users never set have none.</summary>
    public void SetPermission(string user, string permission)
    {
        if (!Permissions.Contains(permission))
        {
            throw new ArgumentException($"Permission must be one of {string.Join(", ", Permissions)}.", nameof(permission));
        }

        lock (_server.Gate)
        {
            _server.User(user);
            PermissionsByLogin[user] = permission;
        }
    }

    public string Permission(string user)
    {
        lock (_server.Gate)
        {
            return PermissionsByLogin.GetValueOrDefault(user, "none");
        }
    }

    public FakeIssue Issue(int number) => Snapshot(() => IssuesByNumber.GetValueOrDefault(number)) ?? throw Missing("issue or pull request", number);

    public IReadOnlyList<FakeIssue> Issues => Snapshot(() => IssuesByNumber.Values.OrderBy(i => i.Number).ToList());

    public FakePullRequest PullRequest(int number) => Snapshot(() => PullsByNumber.GetValueOrDefault(number)) ?? throw Missing("pull request", number);

    public IReadOnlyList<FakePullRequest> PullRequests => Snapshot(() => PullsByNumber.Values.OrderBy(p => p.Number).ToList());

    /// <summary>All issue comments, oldest first.</summary>
    public IReadOnlyList<FakeComment> Comments => Snapshot(() => CommentsById.Values.ToList());

    public IReadOnlyList<FakeComment> CommentsOn(int issue) => Snapshot(() => CommentsById.Values.Where(c => c.IssueNumber == issue).ToList());

    public FakeComment Comment(long id) => Snapshot(() => CommentsById.GetValueOrDefault(id)) ?? throw Missing("comment", id);

    public IReadOnlyList<FakeReaction> Reactions => Snapshot(() => ReactionList.ToList());

    public IReadOnlyList<FakeReview> Reviews => Snapshot(() => ReviewsById.Values.ToList());

    public IReadOnlyList<FakeReviewComment> ReviewComments => Snapshot(() => ReviewsById.Values.SelectMany(r => r.Comments).ToList());

    /// <summary>Check runs with everything sent so far, annotations accumulated.</summary>
    public IReadOnlyList<FakeCheckRun> CheckRuns => Snapshot(() => CheckRunsById.Values.ToList());

    public FakeCheckRun CheckRun(long id) => Snapshot(() => CheckRunsById.GetValueOrDefault(id)) ?? throw Missing("check run", id);

    public IReadOnlyList<FakeLabel> Labels => Snapshot(() => LabelsByName.Values.OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList());

    public override string ToString() => FullName;

    // ---- Used by the routes, under the server's lock ---------------------------------------------------------

    internal static string BranchRef(string branch) => "refs/heads/" + branch;

    internal FakeIssue RequireIssue(int number, string documentationUrl = Docs.Issues) =>
        IssuesByNumber.GetValueOrDefault(number) ?? throw GitHubError.NotFound(documentationUrl);

    internal FakePullRequest RequirePull(int number, string documentationUrl = Docs.Pulls) =>
        PullsByNumber.GetValueOrDefault(number) ?? throw GitHubError.NotFound(documentationUrl);

    internal FakeComment RequireComment(long id) =>
        CommentsById.GetValueOrDefault(id) ?? throw GitHubError.NotFound(Docs.Comments);

    internal int NextNumber() => IssuesByNumber.Keys.DefaultIfEmpty(0).Max() + 1;

    internal FakeIssue NewIssue(int number, string title, string body, FakeUser user, IEnumerable<string> labels, bool isPullRequest)
    {
        var now = _server.Time.GetUtcNow();
        var id = _server.NextId();
        var names = labels.Select(l => EnsureLabel(l).Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new FakeIssue(number, id, GitHubJson.NodeId("I", id), title, body, user, "open", names, now, now)
        {
            IsPullRequest = isPullRequest,
        };
    }

    internal FakeComment NewComment(int issue, FakeUser user, string body)
    {
        var now = _server.Time.GetUtcNow();
        var id = _server.NextId();
        var comment = new FakeComment(id, GitHubJson.NodeId("IC", id), issue, body, user, now, now);
        CommentsById[id] = comment;
        return comment;
    }

    internal FakeLabel EnsureLabel(string name)
    {
        if (!LabelsByName.TryGetValue(name, out var label))
        {
            var id = _server.NextId();
            // GitHub picks a colour for a label created on the fly; any stable six hex digits will do.
            label = new FakeLabel(id, GitHubJson.NodeId("LA", id), name, MadeUpSha(name)[..6]);
            LabelsByName[name] = label;
        }

        return label;
    }

    internal string HeadSha(FakePullRequest pull) =>
        Git.Ref(BranchRef(pull.HeadRef)) ?? pull.SeededHeadSha ?? MadeUpSha($"{FullName}#{pull.Number}:head");

    internal string BaseSha(FakePullRequest pull) =>
        Git.Ref(BranchRef(pull.BaseRef)) ?? MadeUpSha($"{FullName}:{pull.BaseRef}");

    /// <summary>The seeded files, or base...head from the object store (empty when either branch is gone).</summary>
    internal IReadOnlyList<FakePullRequestFile> PullFiles(FakePullRequest pull)
    {
        if (pull.SeededFiles is { } seeded)
        {
            return seeded;
        }

        return Git.Ref(BranchRef(pull.BaseRef)) is { } baseSha
            && Git.Ref(BranchRef(pull.HeadRef)) is { } headSha
            && GitComparison.Compute(Git, baseSha, headSha) is { } comparison
            ? comparison.Files
            : [];
    }

    /// <summary>A sha that is not in the object store but answers the same every time, for seeded data without git objects.</summary>
    internal static string MadeUpSha(string seed)
    {
#pragma warning disable CA5350 // An identifier in git's format, not a security boundary.
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(seed)));
#pragma warning restore CA5350
    }

    /// <summary>GitHub's author_association: OWNER, COLLABORATOR for anyone with a permission, else NONE.</summary>
    internal string AuthorAssociation(FakeUser user) =>
        string.Equals(user.Login, Owner.Login, StringComparison.OrdinalIgnoreCase) ? "OWNER"
        : PermissionsByLogin.GetValueOrDefault(user.Login, "none") != "none" ? "COLLABORATOR"
        : "NONE";

    private void EnsureNumberFree(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (IssuesByNumber.ContainsKey(number))
        {
            throw new InvalidOperationException($"#{number} is already taken in {FullName}: issues and pull requests share numbers.");
        }
    }

    private T Snapshot<T>(Func<T> read)
    {
        lock (_server.Gate)
        {
            return read();
        }
    }

    private KeyNotFoundException Missing(string what, long id) => new($"No {what} {id} in {FullName}.");
}
