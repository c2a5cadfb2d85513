namespace AgentBot.Runner.Definitions;

// The closed vocabularies of an agent definition. Their YAML spellings live in AgentVocabulary.

public enum AgentRole { General, Ceo, Coder, Reviewer, QA, Designer, Security, DevOps, PM }

public enum Effort { Low, Medium, High }

public enum AgentAdapter { Builtin, ClaudeCode, Codex }

/// <summary>How far a run may act on its own; supervised pauses before anything leaves the workspace.</summary>
public enum PermissionMode { Supervised, Autonomous, Interactive, Unrestricted }

/// <summary>What the credential broker grants the run.</summary>
public enum Capability { Push, GitHubApi, Ticketing, Network }

public enum AgentScope { Repo, Org }

public enum Invocation { Auto, Manual }

public enum Behavior { Advisory, Blocking }
