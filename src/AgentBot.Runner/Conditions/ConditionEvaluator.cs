using System.Globalization;

namespace AgentBot.Runner.Conditions;

/// <summary>
/// Evaluates a condition against earlier outputs. A missing output is null, so
/// <c>reviewer.verdict == "approved"</c> is false until the reviewer has said so.
/// </summary>
public static class ConditionEvaluator
{
    /// <param name="lookup">(agent, output) → a string, number, boolean or null.</param>
    public static bool Evaluate(Condition condition, Func<string, string, object?> lookup) =>
        IsTruthy(Value(condition, lookup));

    private static object? Value(Condition condition, Func<string, string, object?> lookup) => condition switch
    {
        LiteralCondition l => l.Value,
        OutputReference r => Normalize(lookup(r.Agent, r.Output)),
        NotCondition n => !IsTruthy(Value(n.Operand, lookup)),
        BinaryCondition { Operator: "&&" } b => IsTruthy(Value(b.Left, lookup)) && IsTruthy(Value(b.Right, lookup)),
        BinaryCondition { Operator: "||" } b => IsTruthy(Value(b.Left, lookup)) || IsTruthy(Value(b.Right, lookup)),
        BinaryCondition b => Compare(b.Operator, Value(b.Left, lookup), Value(b.Right, lookup)),
        _ => throw new InvalidOperationException($"Unknown condition node {condition.GetType().Name}."),
    };

    private static bool Compare(string op, object? left, object? right)
    {
        if (op is "==" or "!=")
        {
            var equal = (left, right) switch
            {
                (double a, double b) => a.Equals(b),
                (null, null) => true,
                (null, _) or (_, null) => false,
                _ => string.Equals(Text(left), Text(right), StringComparison.Ordinal),
            };
            return op == "==" ? equal : !equal;
        }

        // Ordering is defined on numbers only; anything else compares false rather than guessing.
        if (AsNumber(left) is not { } l || AsNumber(right) is not { } r)
        {
            return false;
        }

        return op switch
        {
            "<" => l < r,
            "<=" => l <= r,
            ">" => l > r,
            ">=" => l >= r,
            _ => throw new InvalidOperationException($"Unknown operator {op}."),
        };
    }

    private static object? Normalize(object? value) => value switch
    {
        null or string or bool or double => value,
        int or long or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static double? AsNumber(object? value) => value switch
    {
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string? Text(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };

    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        string s => s.Length > 0,
        _ => true,
    };
}
