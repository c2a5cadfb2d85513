using System.CommandLine;
using System.Text.Json;
using AgentBot.Runner.Definitions;

namespace AgentBot.Cli;

/// <summary><c>agentbot validate [path] [--format text|json]</c>: exit 0 when clean, 1 on errors.</summary>
internal static class ValidateCommand
{
    public static Command Build()
    {
        var path = new Argument<string>("path")
        {
            Description = "Folder of agent files (*.yml, *.yaml), or one file.",
            DefaultValueFactory = _ => "agents",
        };
        // An unknown option would otherwise be taken for the path.
        path.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.StartsWith('-')) is { } token)
            {
                result.AddError($"unknown option '{token.Value}'");
            }
        });
        var format = new Option<string>("--format")
        {
            Description = "Output format: text (path:line:col: error AB1234: message) or json.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("validate", "Check agent definitions and report every problem with file, line and column.") { path, format };
        command.SetAction(async (parse, ct) =>
        {
            var result = AgentLoader.LoadPath(parse.GetValue(path)!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(ValidationReport.From(parse.GetValue(path)!, result), CliJsonContext.Default.ValidationReport));
            }
            else
            {
                await WriteTextAsync(output, result);
            }

            return result.HasErrors ? AgentBotCommand.Failure : AgentBotCommand.Success;
        });
        return command;
    }

    private static async Task WriteTextAsync(TextWriter output, AgentLoadResult result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            await output.WriteLineAsync(diagnostic.ToString());
        }

        var names = result.Agents.Count == 0 ? string.Empty : $" ({string.Join(", ", result.Agents.Select(a => a.Name))})";
        await output.WriteLineAsync(
            $"{Plural(result.Agents.Count, "agent")} loaded{names}, {Plural(result.ErrorCount, "error")}, {Plural(result.WarningCount, "warning")}");
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
