namespace AgentBot.Runner.Diagnostics;

/// <summary>
/// One problem in one file, printed as <c>path:line:col: error AB1234: message</c> so that
/// GitHub's problem matchers and editors turn it into an annotation.
/// </summary>
public sealed record Diagnostic(
    string Path,
    SourcePosition? Position,
    DiagnosticSeverity Severity,
    string Code,
    string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString()
    {
        var severity = IsError ? "error" : "warning";
        return Position is { } p
            ? $"{Path}:{p.Line}:{p.Column}: {severity} {Code}: {Message}"
            : $"{Path}: {severity} {Code}: {Message}";
    }

    public static int Compare(Diagnostic a, Diagnostic b)
    {
        var c = string.CompareOrdinal(a.Path, b.Path);
        if (c != 0)
        {
            return c;
        }

        c = (a.Position?.Line ?? 0).CompareTo(b.Position?.Line ?? 0);
        if (c != 0)
        {
            return c;
        }

        c = (a.Position?.Column ?? 0).CompareTo(b.Position?.Column ?? 0);
        return c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
    }
}
