using System.Text.RegularExpressions;
using AgentBot.Runner.Diagnostics;
using AgentBot.Runner.Yaml;

namespace AgentBot.Runner.Definitions;

/// <summary>Reads <c>on:</c>: bare <c>event</c> / <c>event.action</c> strings or one-key maps <c>event: value</c>.</summary>
internal static partial class TriggerReader
{
    public delegate void Report(SourcePosition at, string code, string message);

    public static IReadOnlyList<Trigger> Read(YamlNode node, Report error)
    {
        if (node is not YamlSequence sequence)
        {
            error(node.Start, DiagnosticCodes.WrongType, $"'on' must be a list of triggers (e.g. - issues.labeled: agent:coder), not {node.Describe()}");
            return [];
        }

        var triggers = new List<Trigger>();
        foreach (var item in sequence.Items)
        {
            var trigger = item switch
            {
                YamlScalar { IsNull: false } s => ReadOne(s, null, error),
                YamlMapping { Entries.Count: 1 } m => ReadOne(m.Entries[0].Key, m.Entries[0].Value, error),
                YamlMapping m => Fail(error, m.Start, $"each trigger is one 'event: value' pair, found {m.Entries.Count}"),
                _ => Fail(error, item.Start, $"a trigger must be a string or an 'event: value' pair, not {item.Describe()}"),
            };
            if (trigger is not null)
            {
                triggers.Add(trigger);
            }
        }

        return triggers;
    }

    private static Trigger? ReadOne(YamlScalar key, YamlNode? value, Report error)
    {
        var dot = key.Value.IndexOf('.', StringComparison.Ordinal);
        var eventName = dot < 0 ? key.Value : key.Value[..dot];
        var action = dot < 0 ? null : key.Value[(dot + 1)..];
        if (!Trigger.Events.TryGetValue(eventName, out var actions))
        {
            return Fail(error, key.Start, $"unknown event '{eventName}'{Suggestions.DidYouMean(eventName, Trigger.Events.Keys)} (allowed: {string.Join(", ", Trigger.Events.Keys)})");
        }

        var values = value is null or YamlScalar { IsNull: true } ? [] : ReadValues(key.Value, value, error);
        if (values is null)
        {
            return null;
        }

        var position = key.Start;
        if (eventName is Trigger.CommandEvent or Trigger.PushEvent)
        {
            if (action is not null)
            {
                return Fail(error, key.Start, $"'{eventName}' takes no action; write '{eventName}: <{(eventName == Trigger.PushEvent ? "branch" : "word")}>'");
            }

            if (eventName == Trigger.CommandEvent)
            {
                if (values.Count == 0)
                {
                    return Fail(error, key.Start, "'command' needs the word that follows /agent, e.g. 'command: review'");
                }

                var bad = values.FirstOrDefault(v => !CommandWord().IsMatch(v.Value));
                if (bad is not null)
                {
                    return Fail(error, bad.Start, $"command word '{bad.Value}' must be one lower-case word ([a-z][a-z0-9-]*)");
                }
            }

            return new Trigger(eventName, [], [.. values.Select(v => v.Value)], position);
        }

        if (action is not null)
        {
            if (!actions.Contains(action, StringComparer.Ordinal))
            {
                return Fail(error, key.Start, UnknownAction(eventName, action, actions));
            }

            if (values.Count > 0 && action != "labeled")
            {
                return Fail(error, value!.Start, $"trigger '{key.Value}' takes no value; only 'labeled' takes label names");
            }

            return new Trigger(eventName, [action], [.. values.Select(v => v.Value)], position);
        }

        var unknown = values.FirstOrDefault(v => !actions.Contains(v.Value, StringComparer.Ordinal));
        if (unknown is not null)
        {
            return Fail(error, unknown.Start, UnknownAction(eventName, unknown.Value, actions));
        }

        return new Trigger(eventName, [.. values.Select(v => v.Value)], [], position);
    }

    private static List<YamlScalar>? ReadValues(string key, YamlNode value, Report error)
    {
        if (value is YamlScalar scalar)
        {
            return [scalar];
        }

        if (value is YamlSequence sequence)
        {
            var items = new List<YamlScalar>();
            foreach (var item in sequence.Items)
            {
                if (item is not YamlScalar { IsNull: false } s)
                {
                    error(item.Start, DiagnosticCodes.BadTrigger, $"each value of trigger '{key}' must be a string, not {item.Describe()}");
                    return null;
                }

                items.Add(s);
            }

            return items;
        }

        error(value.Start, DiagnosticCodes.BadTrigger, $"the value of trigger '{key}' must be a string or a list of strings, not {value.Describe()}");
        return null;
    }

    private static string UnknownAction(string eventName, string action, IReadOnlyList<string> actions) =>
        $"unknown action '{action}' for event '{eventName}'{Suggestions.DidYouMean(action, actions)} (allowed: {string.Join(", ", actions)})";

    private static Trigger? Fail(Report error, SourcePosition at, string message)
    {
        error(at, DiagnosticCodes.BadTrigger, message);
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex CommandWord();
}
