using System.Globalization;
using System.Text.Json.Nodes;
using AgentBot.GitHub;
using AgentBot.Testing;
using AgentBot.Testing.FakeGitHub;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentBot.Tests.GitHub;

/// <summary>The real GitHub client, wired as the app wires it, against a fake GitHub on 127.0.0.1, with every log line kept.</summary>
internal sealed class GitHubHarness : IAsyncDisposable
{
    private GitHubHarness(FakeGitHubServer github, ServiceProvider services, CapturingLoggerProvider logs)
    {
        GitHub = github;
        Services = services;
        Logs = logs;
        Repo = github.AddRepository("octo", "hello");
    }

    public FakeGitHubServer GitHub { get; }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>octo/hello, default branch main.</summary>
    public FakeRepository Repo { get; }

    public GitHubClient Client => Services.GetRequiredService<GitHubClientFactory>().ForInstallation(1);

    public static async Task<GitHubHarness> StartAsync(TimeProvider? clock = null, IDictionary<string, string?>? settings = null)
    {
        clock ??= TimeProvider.System;
        var github = await FakeGitHubServer.StartAsync(clock);
        var values = new Dictionary<string, string?>
        {
            ["GitHub:AppId"] = github.App.AppId.ToString(CultureInfo.InvariantCulture),
            ["GitHub:PrivateKey"] = github.App.PrivateKeyPem,
            ["GitHub:ApiUrl"] = github.BaseUrl.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddSingleton(clock)
            .AddGitHub()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        return new GitHubHarness(github, services, logs);
    }

    /// <summary>The one request to the path (the token exchange aside).</summary>
    public RecordedRequest Single(string method, string path)
    {
        var requests = GitHub.RequestsTo(method, path);
        return Assert.Single(requests);
    }

    public static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await GitHub.DisposeAsync();
    }
}
