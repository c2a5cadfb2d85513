namespace AgentBot.Routing;

/// <summary>
/// The skills a piece of work calls for: from <c>skill:&lt;x&gt;</c> labels and command words, and from
/// the paths a pull request changes. Skills are lower-case, like an agent's <c>skills</c>.
/// </summary>
public static class SkillInference
{
    public const string LabelPrefix = "skill:";

    private static readonly string[] CSharp = ["csharp"];
    private static readonly string[] DotNet = ["csharp", "dotnet"];
    private static readonly string[] Flutter = ["dart", "flutter"];
    private static readonly string[] Docker = ["docker"];

    private static readonly Dictionary<string, string[]> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".cs"] = CSharp,
        [".razor"] = CSharp,
        [".cshtml"] = CSharp,
        [".csproj"] = DotNet,
        [".sln"] = DotNet,
        [".slnx"] = DotNet,
        [".dart"] = Flutter,
        [".dockerfile"] = Docker,
        [".ts"] = ["typescript"],
        [".tsx"] = ["typescript"],
        [".mts"] = ["typescript"],
        [".cts"] = ["typescript"],
        [".js"] = ["javascript"],
        [".jsx"] = ["javascript"],
        [".mjs"] = ["javascript"],
        [".cjs"] = ["javascript"],
        [".py"] = ["python"],
        [".go"] = ["go"],
        [".rs"] = ["rust"],
        [".java"] = ["java"],
        [".kt"] = ["kotlin"],
        [".kts"] = ["kotlin"],
        [".swift"] = ["swift"],
        [".rb"] = ["ruby"],
        [".php"] = ["php"],
        [".sql"] = ["sql"],
        [".tf"] = ["terraform"],
        [".tfvars"] = ["terraform"],
        [".sh"] = ["shell"],
        [".bash"] = ["shell"],
        [".md"] = ["docs"],
        [".css"] = ["css"],
        [".scss"] = ["css"],
        [".html"] = ["html"],
        [".htm"] = ["html"],
    };

    // Files whose name, not extension, says what they are.
    private static readonly Dictionary<string, string[]> ByFileName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pubspec.yaml"] = Flutter,
        ["pubspec.lock"] = Flutter,
        ["Dockerfile"] = Docker,
        [".dockerignore"] = Docker,
        ["compose.yml"] = Docker,
        ["compose.yaml"] = Docker,
        ["global.json"] = ["dotnet"],
        ["Directory.Build.props"] = ["dotnet"],
        ["Directory.Build.targets"] = ["dotnet"],
        ["Directory.Packages.props"] = ["dotnet"],
    };

    public static IReadOnlySet<string> FromPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);

        var skills = NewSet();
        foreach (var path in paths)
        {
            skills.UnionWith(FromPath(path));
        }

        return skills;
    }

    /// <summary>Every <c>skill:&lt;x&gt;</c> label gives x.</summary>
    public static IReadOnlySet<string> FromLabels(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);

        var skills = NewSet();
        foreach (var label in labels)
        {
            if (SkillOf(label) is { } skill)
            {
                skills.Add(skill);
            }
        }

        return skills;
    }

    /// <summary>Every <c>skill:&lt;x&gt;</c> word of a command's arguments (<c>/agent implement skill:flutter …</c>) gives x.</summary>
    public static IReadOnlySet<string> FromArguments(string arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);

        // Words end at whitespace or a comma; trailing punctuation belongs to the sentence, not the skill.
        var words = arguments.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
        return FromLabels(words.Select(w => w.TrimEnd('.', ';', ':', '!', '?', ')')));
    }

    private static IEnumerable<string> FromPath(string path)
    {
        var normalized = path.Replace('\\', '/').TrimStart('/');
        if (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        var name = normalized[(normalized.LastIndexOf('/') + 1)..];
        var found = new List<string>();
        if (normalized.StartsWith(".github/workflows/", StringComparison.OrdinalIgnoreCase))
        {
            found.Add("ci");
        }

        if (ByFileName.TryGetValue(name, out var byName))
        {
            found.AddRange(byName);
        }

        if (IsDockerFileName(name))
        {
            found.AddRange(Docker);
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > 0 && ByExtension.TryGetValue(extension, out var byExtension))
        {
            found.AddRange(byExtension);
        }

        return found;
    }

    // Dockerfile.dev, docker-compose.override.yml: variants are named by prefix.
    private static bool IsDockerFileName(string name) =>
        name.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase)
        || (name.StartsWith("docker-compose", StringComparison.OrdinalIgnoreCase)
            && (name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)));

    private static string? SkillOf(string label)
    {
        if (!label.StartsWith(LabelPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var skill = label[LabelPrefix.Length..].Trim().ToLowerInvariant();
        return skill.Length > 0 ? skill : null;
    }

    // Sorted, so that skills listed in reasons read the same on every run.
    private static SortedSet<string> NewSet() => new(StringComparer.Ordinal);
}
