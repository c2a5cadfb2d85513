using System.CommandLine;
using System.Globalization;
using AgentBot.Runner.Definitions;
using AgentBot.Runner.Engine;
using AgentBot.Runner.Models;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Tools.Mcp;
using AgentBot.Runner.Tools.Workspace;
using Microsoft.Extensions.Options;

namespace AgentBot.Cli;

/// <summary>
/// <c>agentbot run &lt;agent.yml&gt; --repo &lt;path-or-url&gt; --task "…"</c>: try an agent on a fresh clone before
/// committing it. The trail prints live; a summary with tokens and cost ends the run. Models come from the usual
/// configuration (appsettings.json, environment, or <c>--Models:Providers:&lt;name&gt;:Kind …</c> on the command line).
/// </summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var agent = new Argument<string>("agent") { Description = "The agent's YAML file." };
        var repo = new Option<string>("--repo") { Description = "The repository to work on: a local path or any URL git clones. It is cloned; the original is never changed.", Required = true };
        var task = new Option<string>("--task") { Description = "What the agent should do.", Required = true };
        var command = new Command("run", "Run one agent on a task in a fresh clone, printing its trail.") { agent, repo, task };
        // Configuration travels as --Section:Key value pairs, as for the host.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(agent)!, parse.GetValue(repo)!, parse.GetValue(task)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string agentFile, string repository, string task, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (Configuration(parse.UnmatchedTokens) is not { } configuration)
        {
            await error.WriteLineAsync($"agentbot: configuration is given as --Section:Key value pairs; got {string.Join(' ', parse.UnmatchedTokens)}");
            return AgentBotCommand.UsageError;
        }

        var loaded = AgentLoader.LoadPath(agentFile);
        foreach (var diagnostic in loaded.Diagnostics)
        {
            await error.WriteLineAsync(diagnostic.ToString());
        }

        if (loaded.HasErrors || loaded.Agents.Count != 1)
        {
            await error.WriteLineAsync(loaded.HasErrors ? "agentbot: the agent definition has errors" : $"agentbot: {agentFile} must hold exactly one agent");
            return AgentBotCommand.Failure;
        }

        var definition = loaded.Agents[0];
        var options = configuration.GetSection(ModelOptions.Section).Get<ModelOptions>() ?? new ModelOptions();
        var validator = new ModelOptionsValidator();
        var problems = validator.Validate(null, options).Failures?.ToList() ?? [];
        problems.AddRange(validator.Validate(options, [definition]));
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"agentbot: configuration error: {problem}");
            }

            return AgentBotCommand.Failure;
        }

        using var registry = new ModelRegistry(Options.Create(options));
        using var workspace = await GitWorkspace.CloneAsync(repository, cancellationToken);
        await using var trail = new ConsoleTrail(output, interactive: !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out));
        await using var mcp = await McpToolSource.ConnectAsync(definition.McpServers, null, cancellationToken);
        foreach (var failure in mcp.Failures)
        {
            await error.WriteLineAsync($"agentbot: {failure.Message}");
        }

        Directory.CreateDirectory(workspace.Home);
        var request = new RunRequest
        {
            Agent = definition,
            Task = task,
            Context = ReadAgentsMd(workspace.Path),
            Workspace = workspace.Path,
            Tools = [.. WorkspaceTools.All, .. mcp.Tools],
            Environment = new Dictionary<string, string> { ["HOME"] = workspace.Home },
        };
        var secrets = options.Providers.Values.Select(p => p.ApiKey).Concat(options.Credentials.Values).OfType<string>().ToList();
        var engine = new AgentEngine(new ModelAccess(registry, new ModelPrices(options.Prices)), trail, TimeProvider.System, new EngineOptions { Secrets = secrets });

        var outcome = await engine.RunAsync(request, cancellationToken);
        while (outcome is RunAwaitingApproval pause)
        {
            var approved = await AskAsync(output, pause.Request);
            outcome = await engine.ResumeAsync(request, pause.State, approved, Environment.UserName, cancellationToken);
        }

        await trail.DisposeAsync();
        await WriteSummaryAsync(output, outcome, workspace, cancellationToken);
        return outcome is RunCompleted ? AgentBotCommand.Success : AgentBotCommand.Failure;
    }

    /// <summary>A local run asks at the terminal; without one (CI, a pipe) nothing leaves the workspace unasked, so the answer is no.</summary>
    private static async Task<bool> AskAsync(TextWriter output, PendingApproval request)
    {
        if (Console.IsInputRedirected)
        {
            await output.WriteLineAsync($"  no terminal to approve {request.Tool}: rejected");
            return false;
        }

        await output.WriteAsync($"Approve {request.Tool} {request.Arguments}? [y/N] ");
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }

    private static async Task WriteSummaryAsync(TextWriter output, RunOutcome outcome, GitWorkspace workspace, CancellationToken cancellationToken)
    {
        var t = outcome.Totals;
        var (conclusion, detail) = outcome switch
        {
            RunCompleted => ("completed", null),
            RunStopped s => (s.Conclusion, s.Reason),
            RunFailed f => ("failed", f.Reason),
            _ => ("unknown", null),
        };
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Result: {conclusion}{(detail is null ? string.Empty : $" ({detail})")}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Model calls: {t.Turns} · tokens: {t.InputTokens:N0} in ({t.CachedTokens:N0} cached) / {t.OutputTokens:N0} out · cost: ${t.CostUsd:0.0000} · time: {t.Elapsed.TotalSeconds:0.0} s"));
        if (outcome is RunCompleted { Outputs: { } outputs })
        {
            await output.WriteLineAsync($"Outputs: {outputs.ToJsonString()}");
        }

        var status = await workspace.StatusAsync(cancellationToken);
        await output.WriteLineAsync(string.IsNullOrWhiteSpace(status) ? "Changes: none" : $"Changes:\n{status.TrimEnd()}");
        await output.WriteLineAsync($"Workspace: {workspace.Path}");
    }

    private static string? ReadAgentsMd(string workspace)
    {
        var file = Path.Combine(workspace, "AGENTS.md");
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    /// <summary>appsettings.json beside the executable, the environment, then <c>--Section:Key value</c> pairs.</summary>
    private static IConfiguration? Configuration(IReadOnlyList<string> tokens)
    {
        var pairs = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':', StringComparison.Ordinal))
            {
                return null;
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                pairs[token[2..equals]] = token[(equals + 1)..];
            }
            else if (i + 1 < tokens.Count)
            {
                pairs[token[2..]] = tokens[++i];
            }
            else
            {
                return null;
            }
        }

        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(pairs)
            .Build();
    }
}
