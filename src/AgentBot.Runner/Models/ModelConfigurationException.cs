namespace AgentBot.Runner.Models;

/// <summary>An agent's model cannot be called as configured; the message names the configuration key to set.</summary>
public sealed class ModelConfigurationException(string message) : Exception(message);
