namespace AgentBot.Runner.Definitions;

/// <summary>Maps an enum to its YAML spellings, in the order the docs list them.</summary>
public sealed class Vocabulary<T>
    where T : struct, Enum
{
    private readonly (string Name, T Value)[] _entries;

    public Vocabulary(bool caseInsensitive, params (string Name, T Value)[] entries)
    {
        _entries = entries;
        Names = [.. entries.Select(e => e.Name)];
        CaseInsensitive = caseInsensitive;
        if (Enum.GetValues<T>().Any(v => !entries.Any(e => EqualityComparer<T>.Default.Equals(e.Value, v))))
        {
            throw new InvalidOperationException($"Vocabulary of {typeof(T).Name} misses a value.");
        }
    }

    public bool CaseInsensitive { get; }

    public IReadOnlyList<string> Names { get; }

    public bool TryParse(string text, out T value)
    {
        var comparison = CaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (name, v) in _entries)
        {
            if (string.Equals(name, text, comparison))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    public string NameOf(T value) => _entries.First(e => EqualityComparer<T>.Default.Equals(e.Value, value)).Name;
}
