namespace AgentBot.Runner.Conditions;

/// <summary>A syntax error in a condition; <see cref="Offset"/> is 0-based into the text.</summary>
public sealed class ConditionSyntaxException(string message, int offset) : Exception(message)
{
    public int Offset { get; } = offset;
}
