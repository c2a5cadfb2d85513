using System.Net;
using AgentBot.Testing.FakeGitHub.Routes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// A fake GitHub REST API on a real Kestrel server at 127.0.0.1 and a free port: GitHub's status codes, JSON shapes
/// and headers over in-memory state, every request recorded, faults on demand. Point the client's GitHub:ApiUrl at
/// <see cref="BaseUrl"/>, give it <see cref="App"/>'s id and key, seed with <see cref="AddRepository"/>, and assert on
/// <see cref="Requests"/> and the repositories' state. Safe for many concurrent requests.
/// </summary>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, FakeRepository> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, FakeUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private long _nextId = 1000;
    private Uri? _baseUrl;

    private FakeGitHubServer(TimeProvider time)
    {
        Time = time;
        RateLimit = new RateLimit(time);
        App = new FakeGitHubApp();
        _users[App.BotUser.Login] = App.BotUser;

        // The empty builder reads no appsettings or environment, so nothing on the machine can move the fake's port.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        _app.UseRouting();
        _app.Use(new RequestPipeline(this).InvokeAsync);
        AppRoutes.Map(_app, this);
        RepositoryRoutes.Map(_app, this);
        GitDataRoutes.Map(_app, this);
        IssueRoutes.Map(_app, this);
        PullRequestRoutes.Map(_app, this);
        ReviewRoutes.Map(_app, this);
        CheckRunRoutes.Map(_app, this);
        GraphQlRoutes.Map(_app, this);
    }

    public static async Task<FakeGitHubServer> StartAsync(TimeProvider? time = null)
    {
        var server = new FakeGitHubServer(time ?? TimeProvider.System);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server._baseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>http://127.0.0.1:PORT/ — every route is relative to it, as on api.github.com.</summary>
    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The fake GitHub has not started.");

    public FakeGitHubApp App { get; }

    public FakeFaults Faults { get; } = new();

    /// <summary>The fake's clock: token expiry, JWT checks, timestamps and the rate-limit window all read it.</summary>
    public TimeProvider Time { get; }

    /// <summary>The hourly limit (5,000 as for a GitHub App installation); a benchmark raises it.</summary>
    public int RateLimitPerHour
    {
        get => RateLimit.Limit;
        set => RateLimit.Limit = value;
    }

    /// <summary>What x-ratelimit-remaining will say before the next request; set it to test behaviour near the limit (at 0 every request gets 403).</summary>
    public int RateLimitRemaining
    {
        get => RateLimit.Current.Remaining;
        set => RateLimit.SetRemaining(value);
    }

    internal Lock Gate { get; } = new();

    internal RequestLog Log { get; } = new();

    internal InstallationTokens Tokens { get; } = new();

    internal RateLimit RateLimit { get; }

    /// <summary>Installation 1 exists from the start.</summary>
    public void AddInstallation(long id) => Tokens.AddInstallation(id);

    /// <summary>An installation token without the JWT exchange, for tests that are not about authentication.</summary>
    public string IssueToken(long installationId = 1)
    {
        if (!Tokens.HasInstallation(installationId))
        {
            throw new InvalidOperationException($"Installation {installationId} does not exist; call AddInstallation first.");
        }

        return Tokens.Issue(installationId, Time.GetUtcNow()).Token;
    }

    /// <summary>How many tokens POST /app/installations/{id}/access_tokens (and <see cref="IssueToken"/>) issued.</summary>
    public int TokensIssued(long installationId) => Tokens.Issued(installationId);

    /// <summary>Every token issued so far stops working (answers 401), as after a key rotation.</summary>
    public void RevokeTokens() => Tokens.RevokeAll();

    public FakeRepository AddRepository(string owner, string name, string defaultBranch = "main", bool isPrivate = false)
    {
        lock (Gate)
        {
            var repository = new FakeRepository(this, User(owner), name, defaultBranch, isPrivate, NextId());
            if (!_repositories.TryAdd(repository.FullName, repository))
            {
                throw new InvalidOperationException($"Repository {repository.FullName} already exists.");
            }

            return repository;
        }
    }

    public FakeRepository Repository(string owner, string name) =>
        FindRepository(owner, name) ?? throw new KeyNotFoundException($"No repository {owner}/{name}; call AddRepository first.");

    public IReadOnlyList<FakeRepository> Repositories
    {
        get
        {
            lock (Gate)
            {
                return [.. _repositories.Values];
            }
        }
    }

    /// <summary>The account with this login, created on first use (type Bot when it ends in "[bot]").</summary>
    public FakeUser User(string login)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        lock (Gate)
        {
            if (!_users.TryGetValue(login, out var user))
            {
                user = new FakeUser(login, NextId(), login.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User");
                _users[login] = user;
            }

            return user;
        }
    }

    /// <summary>Every request so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests => Log.Snapshot();

    /// <summary>Requests with this method ("*" for any) whose path has this prefix (on segment boundaries) or matches
    /// this pattern ("/repos/{owner}/{repo}/issues/*/comments", "**" for any depth).</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string pathPrefixOrPattern)
    {
        var matches = PathPattern.Compile(pathPrefixOrPattern);
        return [.. Requests.Where(r => (method == "*" || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) && matches(r.Path))];
    }

    /// <summary>Requests no route answered (or that broke the fake); a test usually asserts this is empty.</summary>
    public IReadOnlyList<RecordedRequest> UnhandledRequests => [.. Requests.Where(r => r.Unhandled)];

    public void ClearRequests() => Log.Clear();

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        App.Dispose();
    }

    internal long NextId() => Interlocked.Increment(ref _nextId);

    internal string ApiUrl(string relative) => BaseUrl + relative.TrimStart('/');

    internal FakeRepository? FindRepository(string owner, string name)
    {
        lock (Gate)
        {
            return _repositories.GetValueOrDefault($"{owner}/{name}");
        }
    }

    /// <summary>Runs a route's work under the state lock with the repository, or answers 404 as GitHub does for unknown repositories.</summary>
    internal T WithRepository<T>(string owner, string name, Func<FakeRepository, T> work)
    {
        lock (Gate)
        {
            var repository = FindRepository(owner, name) ?? throw GitHubError.NotFound(Docs.Repository);
            return work(repository);
        }
    }
}
