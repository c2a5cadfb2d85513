using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AgentBot.Runner.Tools;

namespace AgentBot.Runner.Engine;

/// <summary>
/// Tool names as the model APIs accept them. OpenAI and Anthropic take only <c>[A-Za-z0-9_-]{1,64}</c>, while our
/// catalogue names have dots (<c>github.comment</c>, <c>mcp.docs.search</c>): offered as <c>github__comment</c>,
/// mapped back when the model calls them. The trail and every permission check use the catalogue name.
/// </summary>
public sealed partial class WireNames
{
    private readonly Dictionary<string, ITool> _byWire = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _wireOf = new(StringComparer.Ordinal);

    public WireNames(IEnumerable<ITool> tools)
    {
        foreach (var tool in tools)
        {
            var wire = ToWire(tool.Name);
            for (var i = 2; _byWire.ContainsKey(wire); i++)
            {
                wire = Fit($"{ToWire(tool.Name)}_{i}");
            }

            _byWire[wire] = tool;
            _wireOf[tool.Name] = wire;
        }
    }

    public string WireOf(ITool tool) => _wireOf[tool.Name];

    /// <summary>The catalogue name the model meant; a name never offered is un-mangled for the record, and then refused.</summary>
    public string Resolve(string called) =>
        _byWire.TryGetValue(called, out var tool) ? tool.Name : called.Replace("__", ".", StringComparison.Ordinal);

    public static string ToWire(string name) => Fit(Invalid().Replace(name.Replace(".", "__", StringComparison.Ordinal), "_"));

    private static string Fit(string name) =>
        name.Length <= 64 ? name : $"{name[..55]}_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8]}";

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex Invalid();
}
