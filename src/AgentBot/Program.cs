using AgentBot.Cli;

return await AgentBotCommand.RunAsync(args, Console.Out, Console.Error);

/// <summary>Declared for <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
