namespace AgentBot.Runner.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
