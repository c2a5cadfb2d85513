using AgentBot.Cli;
using AgentBot.Testing;
using AgentBot.Testing.FakeModels;

namespace AgentBot.Tests.Cli;

/// <summary><c>agentbot run</c> end to end: a real git repository on disk, the real engine and tools, a fake model server.</summary>
public sealed class RunCommandTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentbot-run-test-");
    private FakeOpenAIServer _model = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Repo => Path.Combine(_folder.FullName, "repo");

    private string AgentFile => Path.Combine(_folder.FullName, "fixer.yml");

    public async ValueTask InitializeAsync()
    {
        _model = await FakeOpenAIServer.StartAsync();
        Directory.CreateDirectory(Repo);
        await File.WriteAllTextAsync(Path.Combine(Repo, "greeting.txt"), "Helo, world!\n", Ct);
        await GitAsync(Repo, "init", "--quiet", "--initial-branch=main");
        await GitAsync(Repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "add", ".");
        await GitAsync(Repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "seed");
        await File.WriteAllTextAsync(AgentFile, """
            name: fixer
            model: local/gpt-4.1-mini
            prompt: You fix typos in text files.
            tools: [Read, Edit]
            """, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _model.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args =
        [
            "run", AgentFile, "--repo", Repo, "--task", "Fix the typo in greeting.txt",
            "--Models:Providers:local:Kind", "openai-compatible",
            "--Models:Providers:local:Endpoint", _model.Endpoint.ToString(),
            "--Models:Providers:local:ApiKey", _model.ApiKey!,
            "--Models:Prices:gpt-4.1-mini:Input", "0.4",
            "--Models:Prices:gpt-4.1-mini:Output", "1.6",
            .. extra,
        ];
        var exit = await AgentBotCommand.RunAsync(args, output, error, Ct);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Runs_the_agent_in_a_fresh_clone_printing_the_trail_and_a_summary()
    {
        _model.Reply
            .ToolCalls(("Read", """{"path":"greeting.txt"}"""))
            .ToolCalls(("Edit", """{"path":"greeting.txt","old_string":"Helo","new_string":"Hello"}"""))
            .Text("Fixed the typo.");

        var (exit, output, error) = await RunAsync();

        Assert.True(exit == 0, output + error);
        Assert.Contains("▶ fixer on local/gpt-4.1-mini · tools: Read, Edit", output);
        Assert.Contains("  tool  · Read {\"path\":\"greeting.txt\"}", output);
        Assert.Contains("  file  · greeting.txt +1 -1", output);
        Assert.Contains("Result: completed", output);
        Assert.Matches(@"Model calls: 3 · tokens: [\d,]+ in \([\d,]+ cached\) / [\d,]+ out · cost: \$0\.\d{4}", output);
        Assert.Contains(" M greeting.txt", output);
        var workspace = output.Split('\n').Single(l => l.StartsWith("Workspace: ", StringComparison.Ordinal))["Workspace: ".Length..].Trim();
        Assert.Equal("Hello, world!\n", await File.ReadAllTextAsync(Path.Combine(workspace, "greeting.txt"), Ct));
        Assert.Equal("Helo, world!\n", await File.ReadAllTextAsync(Path.Combine(Repo, "greeting.txt"), Ct)); // the original is untouched
        Assert.DoesNotContain(_model.ApiKey!, output + error, StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(workspace)!, recursive: true);
    }

    [Fact]
    public async Task A_missing_provider_is_a_configuration_error_naming_the_key()
    {
        await File.WriteAllTextAsync(AgentFile, "name: fixer\nmodel: nowhere/model\nprompt: p\n", Ct);

        var (exit, _, error) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("Models:Providers:nowhere", error);
        Assert.Empty(_model.Requests);
    }

    [Fact]
    public async Task A_broken_agent_file_is_reported_with_its_position()
    {
        await File.WriteAllTextAsync(AgentFile, "name: fixer\nmodle: local/x\n", Ct);

        var (exit, _, error) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("fixer.yml:2:1: error AB1101: unknown key 'modle'; did you mean 'model'?", error);
    }

    private static async Task GitAsync(string directory, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, directory, TimeSpan.FromMinutes(1), Ct);
        Assert.True(result.ExitCode == 0, result.Error);
    }
}
