using Microsoft.AspNetCore.Http;

namespace AgentBot.Testing.FakeGitHub;

internal static class HttpContextExtensions
{
    public static RequestState Fake(this HttpContext context) =>
        context.Items[typeof(RequestState)] as RequestState
            ?? throw new InvalidOperationException("The fake GitHub's pipeline did not run for this request.");
}
