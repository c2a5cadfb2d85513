using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using AgentBot.Tests.Infrastructure;

namespace AgentBot.Tests.Hosting;

public sealed class HostTests(AgentBotFactory factory) : IClassFixture<AgentBotFactory>
{
    [Fact]
    public async Task Healthz_answers_200()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_GitHub_settings_the_webhook_route_answers_503_naming_what_to_configure()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/github/webhooks", new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Contains("GitHub:AppId", problem!.Detail);
        Assert.Contains("GitHub:WebhookSecret", problem.Detail);
    }
}

/// <summary>
/// Misconfiguration fails at start, naming the key, in the real executable: the message a person sees and a
/// non-zero exit. (In process, the test host races the failing host's own disposal, so a process it is.)
/// </summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("GitHub:AppId", "12", "GitHub:PrivateKey or GitHub:PrivateKeyPath is required")]
    [InlineData("GitHub:PrivateKeyPath", "/no/such/key.pem", "GitHub:PrivateKeyPath: no such file")]
    [InlineData("GitHub:ApiUrl", "ftp://example.com/", "GitHub:ApiUrl must be an absolute http or https URL")]
    [InlineData("Models:Providers:local:Kind", "openai-compatible", "Models:Providers:local:Endpoint")]
    [InlineData("Storage:Provider", "mysql", "Storage:Provider must be 'sqlite' or 'postgres'")]
    [InlineData("Node:Role", "boss", "Node:Role (or --role) must be all, web or worker")]
    public async Task A_misconfigured_setting_fails_at_start_naming_the_key(string key, string value, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("agentbot-start-");
        try
        {
            var result = await AgentBot.Testing.ProcessRunner.RunAsync(
                "dotnet",
                [Path.Combine(AppContext.BaseDirectory, "agentbot.dll"), "--urls", "http://127.0.0.1:0", $"--{key}", value,
                 "--ConnectionStrings:AgentBot", $"Data Source={Path.Combine(folder.FullName, "agentbot.db")}"],
                folder.FullName, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains($"agentbot: configuration error: {expected}", result.Error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
