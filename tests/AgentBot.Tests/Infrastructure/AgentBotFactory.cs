using System.Globalization;
using AgentBot.Testing;
using AgentBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentBot.Tests.Infrastructure;

/// <summary>
/// The whole app in process, on its own SQLite file (or a given PostgreSQL database), talking to a fake GitHub,
/// with every log line kept. Settings can be changed per test before the first request.
/// </summary>
public sealed class AgentBotFactory : WebApplicationFactory<Program>
{
    public const string WebhookSecret = "It's a Secret to Everybody";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _folder = Directory.CreateTempSubdirectory("agentbot-test-").FullName;

    /// <summary>Local mode: no GitHub settings.</summary>
    public AgentBotFactory()
        : this(null, null)
    {
    }

    private AgentBotFactory(FakeGitHubServer? gitHub, string? databaseFile)
    {
        GitHub = gitHub;
        DatabaseFile = databaseFile ?? Path.Combine(_folder, "agentbot.db");
        _settings["ConnectionStrings:AgentBot"] = $"Data Source={DatabaseFile}";
        if (gitHub is not null)
        {
            _settings["GitHub:AppId"] = gitHub.App.AppId.ToString(CultureInfo.InvariantCulture);
            _settings["GitHub:PrivateKey"] = gitHub.App.PrivateKeyPem;
            _settings["GitHub:ApiUrl"] = gitHub.BaseUrl.ToString();
            _settings["GitHub:WebhookSecret"] = WebhookSecret;
        }
    }

    /// <summary>The app talking to <paramref name="gitHub"/>; a given database file outlives the factory (for restart tests).</summary>
    public static AgentBotFactory Create(FakeGitHubServer gitHub, string? databaseFile = null) => new(gitHub, databaseFile);

    public FakeGitHubServer? GitHub { get; }

    public string DatabaseFile { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public AgentBotFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle still closing; the temp folder is cleaned by the OS eventually.
        }
    }
}
