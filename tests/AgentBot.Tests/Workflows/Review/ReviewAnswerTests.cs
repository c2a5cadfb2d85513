using AgentBot.Workflows.Review;

namespace AgentBot.Tests.Workflows.Review;

public sealed class ReviewAnswerTests
{
    [Fact]
    public void Bare_json_is_read_whole()
    {
        var answer = ReviewAnswer.Parse("""
            {"verdict": "changes_requested", "summary": "Two problems.",
             "comments": [{"path": "src/a.cs", "line": 12, "body": "Null check missing."}, {"path": "b.md", "line": "3", "body": "Typo."}]}
            """);

        Assert.Equal(ReviewVerdicts.ChangesRequested, answer.Verdict);
        Assert.Equal("Two problems.", answer.Summary);
        Assert.Equal([new ReviewFinding("src/a.cs", 12, "Null check missing."), new ReviewFinding("b.md", 3, "Typo.")], answer.Comments);
    }

    [Fact]
    public void A_json_fence_amid_prose_is_found()
    {
        var answer = ReviewAnswer.Parse("Here is my review:\n\n```json\n{\"verdict\": \"approved\", \"summary\": \"Fine.\", \"comments\": []}\n```\nThanks!");

        Assert.Equal((ReviewVerdicts.Approved, "Fine.", 0), (answer.Verdict, answer.Summary, answer.Comments.Count));
    }

    [Fact]
    public void An_object_amid_prose_without_a_fence_is_found()
    {
        var answer = ReviewAnswer.Parse("Verdict follows. {\"verdict\": \"commented\", \"summary\": \"Hm.\"} Done.");

        Assert.Equal((ReviewVerdicts.Commented, "Hm."), (answer.Verdict, answer.Summary));
    }

    [Theory]
    [InlineData("approved", ReviewVerdicts.Approved)]
    [InlineData("APPROVE", ReviewVerdicts.Approved)]
    [InlineData("request_changes", ReviewVerdicts.ChangesRequested)]
    [InlineData("Changes-Requested", ReviewVerdicts.ChangesRequested)]
    [InlineData("commented", ReviewVerdicts.Commented)]
    [InlineData("lgtm", ReviewVerdicts.Commented)]
    [InlineData("", ReviewVerdicts.Commented)]
    public void Verdicts_are_read_leniently_and_an_unknown_one_is_a_comment(string given, string expected) =>
        Assert.Equal(expected, ReviewAnswer.Parse($$"""{"verdict": "{{given}}", "summary": "s"}""").Verdict);

    [Fact]
    public void Missing_fields_are_tolerated()
    {
        var answer = ReviewAnswer.Parse("""
            {"comments": [{"body": "General remark."}, {"path": "a.cs", "body": "No line."}, {"path": "a.cs", "line": 0, "body": "Line zero."},
                          {"path": "a.cs", "line": 4}, "not an object", {"path": " ", "line": 2.0, "body": " Blank path. "}],}
            """);

        Assert.Equal((ReviewVerdicts.Commented, ""), (answer.Verdict, answer.Summary));
        Assert.Equal(
            [new ReviewFinding(null, null, "General remark."), new ReviewFinding("a.cs", null, "No line."), new ReviewFinding("a.cs", null, "Line zero."),
             new ReviewFinding(null, 2, "Blank path.")],
            answer.Comments);
    }

    [Fact]
    public void A_verdict_without_a_verdict_field_is_a_comment_and_comments_not_an_array_are_none()
    {
        var answer = ReviewAnswer.Parse("""{"summary": "Looks fine", "comments": "none"}""");

        Assert.Equal((ReviewVerdicts.Commented, "Looks fine", 0), (answer.Verdict, answer.Summary, answer.Comments.Count));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("I approve this change.")]
    [InlineData("[1, 2]")]
    [InlineData("```json\n{\"verdict\": \n```")]
    public void Text_without_a_json_object_is_a_clear_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => ReviewAnswer.Parse(text));

        Assert.Contains("JSON object", error.Message, StringComparison.Ordinal);
    }
}
