using System.Globalization;
using System.Text;

namespace AgentBot.Runner.Conditions;

/// <summary>
/// Parses <c>skip</c> conditions: <c>||</c>, <c>&amp;&amp;</c>, <c>!</c>, comparisons, parentheses,
/// <c>agent.output</c> references and string, number, boolean and null literals.
/// </summary>
public sealed class ConditionParser
{
    private static readonly string[] Comparisons = ["==", "!=", "<=", ">=", "<", ">"];
    private readonly string _text;
    private int _pos;

    private ConditionParser(string text) => _text = text;

    /// <exception cref="ConditionSyntaxException">with the offset of the mistake.</exception>
    public static Condition Parse(string text)
    {
        var parser = new ConditionParser(text);
        parser.SkipSpace();
        if (parser.AtEnd)
        {
            throw new ConditionSyntaxException("empty condition", 0);
        }

        var condition = parser.ParseOr();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw new ConditionSyntaxException($"unexpected '{parser.Peek()}' after a complete condition; combine conditions with && or ||", parser._pos);
        }

        return condition with { Source = text };
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek() => _text[_pos];

    private Condition ParseOr()
    {
        var left = ParseAnd();
        while (TryOperator("||"))
        {
            left = new BinaryCondition("||", left, ParseAnd());
        }

        return left;
    }

    private Condition ParseAnd()
    {
        var left = ParseUnary();
        while (TryOperator("&&"))
        {
            left = new BinaryCondition("&&", left, ParseUnary());
        }

        return left;
    }

    private Condition ParseUnary()
    {
        SkipSpace();
        if (!AtEnd && Peek() == '!' && !(_pos + 1 < _text.Length && _text[_pos + 1] == '='))
        {
            _pos++;
            return new NotCondition(ParseUnary());
        }

        var left = ParsePrimary();
        SkipSpace();
        foreach (var op in Comparisons)
        {
            if (TryOperator(op))
            {
                return new BinaryCondition(op, left, ParsePrimary());
            }
        }

        if (!AtEnd && Peek() == '=')
        {
            throw new ConditionSyntaxException("'=' is not an operator; compare with '=='", _pos);
        }

        return left;
    }

    private Condition ParsePrimary()
    {
        SkipSpace();
        if (AtEnd)
        {
            throw new ConditionSyntaxException("the condition ends too early; expected a value", _pos);
        }

        var c = Peek();
        if (c == '(')
        {
            _pos++;
            var inner = ParseOr();
            SkipSpace();
            if (AtEnd || Peek() != ')')
            {
                throw new ConditionSyntaxException("expected ')'", _pos);
            }

            _pos++;
            return inner;
        }

        if (c is '"' or '\'')
        {
            return new LiteralCondition(ReadString(c));
        }

        if (char.IsAsciiDigit(c) || (c == '-' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
        {
            return new LiteralCondition(ReadNumber());
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            return ReadReferenceOrKeyword();
        }

        throw new ConditionSyntaxException($"unexpected '{c}'; expected agent.output, a string, a number, true, false or null", _pos);
    }

    private Condition ReadReferenceOrKeyword()
    {
        var start = _pos;
        var agent = ReadIdentifier();
        if (AtEnd || Peek() != '.')
        {
            return agent switch
            {
                "true" => new LiteralCondition(true),
                "false" => new LiteralCondition(false),
                "null" => new LiteralCondition(null),
                _ => throw new ConditionSyntaxException($"'{agent}' is not an output reference; write agent.output, e.g. reviewer.verdict", start),
            };
        }

        _pos++;
        if (AtEnd || !(char.IsAsciiLetter(Peek()) || Peek() == '_'))
        {
            throw new ConditionSyntaxException($"expected an output name after '{agent}.'", _pos);
        }

        var output = ReadIdentifier();
        if (!AtEnd && Peek() == '.')
        {
            throw new ConditionSyntaxException("a reference has exactly two parts: agent.output", _pos);
        }

        return new OutputReference(agent, output, start);
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek()) || Peek() is '_' or '-'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private string ReadString(char quote)
    {
        var start = _pos++;
        var sb = new StringBuilder();
        while (!AtEnd && Peek() != quote)
        {
            if (Peek() == '\\' && _pos + 1 < _text.Length)
            {
                _pos++;
            }

            sb.Append(_text[_pos++]);
        }

        if (AtEnd)
        {
            throw new ConditionSyntaxException("unterminated string", start);
        }

        _pos++;
        return sb.ToString();
    }

    private double ReadNumber()
    {
        var start = _pos;
        _pos++;
        while (!AtEnd && (char.IsAsciiDigit(Peek()) || Peek() == '.'))
        {
            _pos++;
        }

        var text = _text[start.._pos];
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ConditionSyntaxException($"invalid number '{text}'", start);
    }

    private bool TryOperator(string op)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) != 0)
        {
            return false;
        }

        _pos += op.Length;
        return true;
    }

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek()))
        {
            _pos++;
        }
    }
}
