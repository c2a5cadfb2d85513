using System.Text.Json.Serialization;
using AgentBot.Runner.Definitions;

namespace AgentBot.Cli;

/// <summary>The JSON shape of <c>agentbot validate --format json</c>; other tools read it, so keep it stable.</summary>
internal sealed record ValidationReport(
    string Path,
    bool Valid,
    int Errors,
    int Warnings,
    IReadOnlyList<ValidatedAgent> Agents,
    IReadOnlyList<ValidationDiagnostic> Diagnostics)
{
    public static ValidationReport From(string path, AgentLoadResult result) => new(
        path,
        !result.HasErrors,
        result.ErrorCount,
        result.WarningCount,
        [.. result.Agents.Select(a => new ValidatedAgent(a.Name, a.SourcePath, AgentVocabulary.Roles.NameOf(a.Role), a.Model.ToString(), a.ContentHash))],
        [.. result.Diagnostics.Select(d => new ValidationDiagnostic(
            d.Path, d.Position?.Line, d.Position?.Column, d.IsError ? "error" : "warning", d.Code, d.Message))]);
}

internal sealed record ValidatedAgent(string Name, string File, string Role, string Model, string ContentHash);

internal sealed record ValidationDiagnostic(string File, int? Line, int? Column, string Severity, string Code, string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ValidationReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
