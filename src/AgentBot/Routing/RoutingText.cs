using System.Text;
using AgentBot.Runner.Definitions;

namespace AgentBot.Routing;

// The wording of reasons and summaries, kept in one place so they read alike.
internal static class RoutingText
{
    public static string RoleName(AgentRole role) => AgentVocabulary.Roles.NameOf(role);

    // An event as people say it: "pull_request opened", "issues labeled bug", "push to main".
    public static string Describe(WorkEvent work)
    {
        if (work.Event == Trigger.PushEvent)
        {
            return work.Branch is null ? work.Event : $"push to {work.Branch}";
        }

        var what = work.Action is null ? work.Event : $"{work.Event} {work.Action}";
        return work.Action == "labeled" && work.AddedLabel is not null ? $"{what} {work.AddedLabel}" : what;
    }

    // A trigger as written under on: "issues.labeled: agent:coder", "pull_request: [opened, synchronize]".
    public static string Describe(Trigger trigger)
    {
        var values = trigger.Values.Count switch
        {
            0 => null,
            1 => trigger.Values[0],
            _ => $"[{string.Join(", ", trigger.Values)}]",
        };
        if (trigger.Actions.Count == 1 && values is not null)
        {
            return $"{trigger.Event}.{trigger.Actions[0]}: {values}";
        }

        if (trigger.Actions.Count > 0)
        {
            return $"{trigger.Event}: [{string.Join(", ", trigger.Actions)}]";
        }

        return values is null ? trigger.Event : $"{trigger.Event}: {values}";
    }

    // " (on: pull_request: [ready_for_review]; command: test)", so a reason shows what the agent does listen to.
    public static string OnList(AgentDefinition agent) =>
        agent.Triggers.Count == 0 ? " (no 'on' triggers)" : $" (on: {string.Join("; ", agent.Triggers.Select(Describe))})";

    public static string Skills(IEnumerable<string> skills) => string.Join(", ", skills);

    // The answer to a request nothing fits: the roster and how to ask. Markdown, because the workflows
    // post it as a comment; placeholders sit in code spans so GitHub does not take them for HTML tags.
    public static string NothingFits(string asked, IReadOnlyList<AgentDefinition> roster)
    {
        var text = new StringBuilder($"No agent named or of role '{asked}'.");
        if (roster.Count == 0)
        {
            return text.Append(" This repository defines no agents yet: add them as YAML files in agents/ on the default branch.").ToString();
        }

        text.Append(" Available:");
        foreach (var agent in roster.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            text.Append($"\n- {agent.Name} ({RoleName(agent.Role)}{(agent.Invocation == Invocation.Manual ? ", manual" : string.Empty)})");
            if (!string.IsNullOrWhiteSpace(agent.Description))
            {
                text.Append($": {agent.Description.Trim()}");
            }
        }

        return text.Append("\nAsk with `/agent <name>`, or a label `agent:<name>` or `agent:<role>`.").ToString();
    }
}
