using System.CommandLine;
using Microsoft.Extensions.Options;
using AgentBot.Hosting;

namespace AgentBot.Cli;

/// <summary>
/// The <c>agentbot</c> executable: no verb or <c>serve</c> starts the web host (with the host's usual
/// command-line configuration, e.g. <c>--urls</c> or <c>--Section:Key value</c>); <c>validate</c> checks agents.
/// Exit codes: 0 success, 1 failure (e.g. invalid agents), 2 usage error.
/// </summary>
public static class AgentBotCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Build();
        var parse = root.Parse(args);
        // Only the host verbs take free-form configuration tokens; for any other verb a stray token is a mistake.
        var stray = parse.CommandResult.Command.TreatUnmatchedTokensAsErrors ? parse.UnmatchedTokens : [];
        if (parse.Errors.Count > 0 || stray.Count > 0)
        {
            foreach (var message in parse.Errors.Select(e => e.Message).Concat(stray.Select(t => $"unexpected argument '{t}'")).Distinct())
            {
                await error.WriteLineAsync($"agentbot: {message}");
            }

            await error.WriteLineAsync("Run 'agentbot --help' for usage.");
            return UsageError;
        }

        try
        {
            // Exceptions are not swallowed into exit codes: the test host stops Main with one, and must see it.
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync($"agentbot: configuration error: {failure}");
            }

            // Rethrown, not turned into an exit code: the test host waits for Main to fail this way.
            throw;
        }
    }

    internal static RootCommand Build()
    {
        var root = new RootCommand("AgentBot: AI agents as governed members of a GitHub team.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var role = RoleOption();
        root.Options.Add(role);
        root.SetAction((parse, ct) => ServeAsync(parse, role, ct));

        var serve = new Command("serve", "Start the web host and worker (the default). Accepts host configuration such as --urls http://127.0.0.1:5000.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var serveRole = RoleOption();
        serve.Options.Add(serveRole);
        serve.SetAction((parse, ct) => ServeAsync(parse, serveRole, ct));
        root.Subcommands.Add(serve);
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        return root;
    }

    private static Option<string> RoleOption()
    {
        var role = new Option<string>("--role") { Description = "What this process does: all (web and worker, the default), web or worker. Same as Node:Role." };
        role.AcceptOnlyFromAmong("all", "web", "worker");
        return role;
    }

    private static async Task<int> ServeAsync(ParseResult parse, Option<string> role, CancellationToken cancellationToken)
    {
        var tokens = parse.UnmatchedTokens.ToArray();
        if (parse.GetValue(role) is { } chosen)
        {
            tokens = [.. tokens, "--Node:Role", chosen];
        }

        // Without this a mistyped verb ("agentbot valdate") would silently start the server.
        if (parse.CommandResult.Command is RootCommand && parse.UnmatchedTokens.Count > 0 && !parse.UnmatchedTokens[0].StartsWith('-'))
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"agentbot: unknown command '{parse.UnmatchedTokens[0]}'. Commands: serve, validate. Run 'agentbot --help' for usage.");
            return UsageError;
        }

        var app = AgentBotHost.Create(tokens);
        await app.RunAsync(cancellationToken);
        return Success;
    }
}
