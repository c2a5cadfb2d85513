using AgentBot.Workflows.Reporting;

namespace AgentBot.Tests.Workflows.Reporting;

public sealed class RunMessagesTests
{
    private const string Trail = "https://agentbot.example.com/runs/7";

    [Fact]
    public void Working_names_the_agent_and_the_run()
    {
        Assert.Equal("🤖 **reviewer** took this — run 7", RunMessages.Working("reviewer", 7));
        Assert.Equal($"🤖 **reviewer** took this — run [7]({Trail})\n\nReading 3 files", RunMessages.Working("reviewer", 7, Trail, "Reading 3 files"));
    }

    [Fact]
    public void Waiting_for_approval_names_the_step_and_how_to_release_it()
    {
        var text = RunMessages.WaitingForApproval("implementer", 7, "push `agentbot/implementer/12-crash` and open a draft pull request", Trail);

        Assert.StartsWith($"⏸️ **implementer** is waiting for approval — run [7]({Trail})\n\nNext step: push `agentbot/implementer/12-crash`", text, StringComparison.Ordinal);
        Assert.Contains("`/agent approve 7`", text, StringComparison.Ordinal);
        Assert.Contains("`/agent reject 7`", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_outcome_has_conclusion_turns_tokens_and_cost_and_links_the_trail()
    {
        var text = RunMessages.Outcome("reviewer", 7, "success", new RunUsage(4, 12_345, 678, 0.0421m), Trail, "Approved with one remark.");

        Assert.Equal(
            $"✅ **reviewer** finished — run [7]({Trail}): **success**\n\nApproved with one remark.\n\n4 turns · 12,345 tokens in / 678 out · $0.0421",
            text);
        Assert.StartsWith("❌", RunMessages.Outcome("reviewer", 7, "failure", new RunUsage(1, 10, 2, 0m)), StringComparison.Ordinal);
        Assert.EndsWith("1 turn · 10 tokens in / 2 out · $0.00", RunMessages.Outcome("reviewer", 7, "neutral", new RunUsage(1, 10, 2, 0m)), StringComparison.Ordinal);
    }
}
