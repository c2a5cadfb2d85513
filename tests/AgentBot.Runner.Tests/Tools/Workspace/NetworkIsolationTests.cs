using AgentBot.Runner.Tools.Workspace;

namespace AgentBot.Runner.Tests.Tools.Workspace;

public sealed class NetworkIsolationTests
{
    [Fact]
    public void Without_unshare_the_command_runs_as_is()
    {
        var none = new NetworkIsolation(Unshare: null, Ip: null);

        Assert.False(none.IsAvailable);
        Assert.Equal(["/bin/bash", "-c", "make"], none.Wrap("make"));
    }

    [Fact]
    public void With_unshare_the_command_runs_in_new_user_and_network_namespaces()
    {
        Assert.Equal(
            ["/usr/bin/unshare", "-rn", "/bin/bash", "-c", "make"],
            new NetworkIsolation("/usr/bin/unshare", Ip: null).Wrap("make"));
    }

    [Fact]
    public void With_ip_the_private_loopback_is_brought_up_first_and_the_command_passed_untouched()
    {
        var wrapped = new NetworkIsolation("/usr/bin/unshare", "/usr/sbin/ip").Wrap("echo \"$1\" 'quoted'");

        Assert.Equal(["/usr/bin/unshare", "-rn", "/bin/bash", "-c"], wrapped.Take(4));
        Assert.StartsWith("/usr/sbin/ip link set dev lo up", wrapped[4], StringComparison.Ordinal);
        Assert.Equal(["bash", "echo \"$1\" 'quoted'"], wrapped.Skip(5));
    }
}
