namespace AgentBot.Runner.Conditions;

/// <summary>A parsed <c>skip</c> condition over outputs of earlier runs (<c>agent.output</c>).</summary>
public abstract record Condition
{
    /// <summary>The text it was parsed from.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Every <c>agent.output</c> it reads, with its offset in <see cref="Source"/>.</summary>
    public IEnumerable<OutputReference> References() => this switch
    {
        OutputReference r => [r],
        NotCondition n => n.Operand.References(),
        BinaryCondition b => b.Left.References().Concat(b.Right.References()),
        _ => [],
    };
}

public sealed record OutputReference(string Agent, string Output, int Offset) : Condition;

public sealed record LiteralCondition(object? Value) : Condition;

public sealed record NotCondition(Condition Operand) : Condition;

public sealed record BinaryCondition(string Operator, Condition Left, Condition Right) : Condition;
