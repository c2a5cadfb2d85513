using System.Text.Json;
using AgentBot.Runner.Tools;

namespace AgentBot.Runner.Engine;

/// <summary>
/// Offered to <c>permissions: interactive</c> agents only: a question for the humans. The engine never invokes
/// it; calling it pauses the run until an answer arrives (AgentBot posts the question as a comment and resumes
/// the run with the reply).
/// </summary>
internal sealed class AskHumanTool : ITool
{
    public const string ToolName = "ask_human";

    public static AskHumanTool Instance { get; } = new();

    public string Name => ToolName;

    public string Description => "Ask the humans on this issue or pull request a question when you cannot go on without their decision. The run pauses until someone answers.";

    public JsonElement InputSchema { get; } = JsonDocument.Parse("""
        {"type":"object","properties":{"question":{"type":"string","description":"The question, with the options you see and what you would choose."}},"required":["question"]}
        """).RootElement.Clone();

    public bool LeavesWorkspace => true;

    public ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("ask_human pauses the run; the engine answers it with the human's reply.");
}
