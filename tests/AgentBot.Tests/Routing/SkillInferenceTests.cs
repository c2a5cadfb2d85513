using AgentBot.Routing;

namespace AgentBot.Tests.Routing;

public sealed class SkillInferenceTests
{
    [Theory]
    [InlineData("src/App/Program.cs", "csharp")]
    [InlineData("src/App/App.csproj", "csharp, dotnet")]
    [InlineData("AgentBot.sln", "csharp, dotnet")]
    [InlineData("AgentBot.slnx", "csharp, dotnet")]
    [InlineData("src/Web/Pages/Index.razor", "csharp")]
    [InlineData("lib/main.dart", "dart, flutter")]
    [InlineData("app/pubspec.yaml", "dart, flutter")]
    [InlineData("Dockerfile", "docker")]
    [InlineData("deploy/Dockerfile.prod", "docker")]
    [InlineData("deploy/api.dockerfile", "docker")]
    [InlineData("docker-compose.yml", "docker")]
    [InlineData("docker-compose.override.yaml", "docker")]
    [InlineData("web/src/App.tsx", "typescript")]
    [InlineData("web/src/api.ts", "typescript")]
    [InlineData("web/app.js", "javascript")]
    [InlineData("web/Button.jsx", "javascript")]
    [InlineData("web/build.mjs", "javascript")]
    [InlineData("tools/gen.py", "python")]
    [InlineData("cmd/main.go", "go")]
    [InlineData("src/lib.rs", "rust")]
    [InlineData("src/Main.java", "java")]
    [InlineData("app/Main.kt", "kotlin")]
    [InlineData("ios/App.swift", "swift")]
    [InlineData("lib/app.rb", "ruby")]
    [InlineData("public/index.php", "php")]
    [InlineData("db/001_init.sql", "sql")]
    [InlineData("infra/main.tf", "terraform")]
    [InlineData(".github/workflows/ci.yml", "ci")]
    [InlineData("scripts/setup.sh", "shell")]
    [InlineData("docs/routing.md", "docs")]
    [InlineData("web/site.css", "css")]
    [InlineData("web/site.scss", "css")]
    [InlineData("web/index.html", "html")]
    [InlineData("SRC\\APP\\PROGRAM.CS", "csharp")]
    [InlineData("LICENSE", "")]
    [InlineData("config/app.yml", "")]
    [InlineData("docs/.github/workflows/x.yml", "")]
    public void Infers_skills_from_a_changed_path(string path, string expected) =>
        Assert.Equal(expected, string.Join(", ", SkillInference.FromPaths([path])));

    [Fact]
    public void Skills_of_many_paths_are_one_sorted_set()
    {
        var skills = SkillInference.FromPaths(["src/A.cs", "src/B.cs", "src/A.csproj", "README.md", "Dockerfile"]);

        Assert.Equal(["csharp", "docker", "docs", "dotnet"], skills);
    }

    [Fact]
    public void Skill_labels_give_their_skill_lower_cased()
    {
        var skills = SkillInference.FromLabels(["bug", "skill:CSharp", "Skill:flutter", "skill: docker ", "skill:", "agent:coder"]);

        Assert.Equal(["csharp", "docker", "flutter"], skills);
    }

    [Fact]
    public void Skill_words_of_a_command_give_their_skill()
    {
        var skills = SkillInference.FromArguments("the login page skill:TypeScript,skill:css. Also skills: none");

        Assert.Equal(["css", "typescript"], skills);
    }
}
