namespace AgentBot.Runner.Diagnostics;

/// <summary>Stable codes; the README's agents reference lists them and users may filter on them.</summary>
public static class DiagnosticCodes
{
    public const string YamlSyntax = "AB1001";
    public const string TabIndentation = "AB1002";
    public const string DuplicateKey = "AB1003";
    public const string NotAMapping = "AB1004";
    public const string UnknownKey = "AB1101";
    public const string WrongType = "AB1102";
    public const string BadEnumValue = "AB1103";
    public const string MissingKey = "AB1104";
    public const string BadIdentifier = "AB1105";
    public const string BadModel = "AB1106";
    public const string BadDuration = "AB1107";
    public const string OutOfRange = "AB1108";
    public const string BadTrigger = "AB1109";
    public const string BadMcpServer = "AB1110";
    public const string UnknownDataSource = "AB1111";
    public const string DuplicateEntry = "AB1112";
    public const string DuplicateAgent = "AB1201";
    public const string FileNameMismatch = "AB1202";
    public const string UnknownReportsTo = "AB1203";
    public const string ReportsToCycle = "AB1204";
    public const string UnknownTool = "AB1301";
    public const string UndeclaredMcpServer = "AB1302";
    public const string AllowedAndDenied = "AB1303";
    public const string BadSkip = "AB1401";
    public const string SkipUnknownReference = "AB1402";
    public const string EmptyPrompt = "AB1501";
    public const string ManualWithTriggers = "AB1502";
    public const string FolderNotFound = "AB1601";
    public const string NoAgentFiles = "AB1602";
}
