using System.Text.RegularExpressions;

namespace AgentBot.Runner.Definitions;

/// <summary><c>provider/model-id</c>: the provider names a <c>Models:Providers:*</c> entry.</summary>
public sealed partial record ModelReference(string Provider, string ModelId)
{
    public static bool TryParse(string text, out ModelReference? model)
    {
        var match = Pattern().Match(text);
        model = match.Success ? new ModelReference(match.Groups[1].Value, match.Groups[2].Value) : null;
        return match.Success;
    }

    public override string ToString() => $"{Provider}/{ModelId}";

    [GeneratedRegex(@"^([a-z][a-z0-9-]*)/(\S+)$")]
    private static partial Regex Pattern();
}
