using Arena.Web.Moderation;

namespace Arena.Web.Tests.Moderation;

/// <summary>The block list's matching rules: whole words and phrases in any case and spacing, entries edged by symbols, and regex entries.</summary>
public sealed class BlockListPatternTests
{
    [Theory]
    [InlineData("tell me about zorblax", true)]
    [InlineData("ZORBLAX!", true)]
    [InlineData("(Zorblax)", true)]
    [InlineData("the zorblaxian empire", false)]
    [InlineData("antizorblax", false)]
    [InlineData("a bad\t\n phrase here", true)]
    [InlineData("a badphrase here", false)]
    [InlineData("I like c++ a lot", true)]
    [InlineData("I like c+ a lot", false)]
    [InlineData("code SECRET123CODE now", true)]
    [InlineData("code secretcode now", false)]
    [InlineData("nothing to see", false)]
    public void Build_Entries_MatchWholeWordsCaseInsensitively(string prompt, bool flagged)
    {
        var pattern = BlockListPattern.Build(["Zorblax", "bad phrase", "c++", @"regex:secret\d+code"]);

        Assert.NotNull(pattern);
        Assert.Equal(flagged, pattern.IsMatch(prompt));
    }

    [Fact]
    public void Build_NoEntries_ReturnsNull()
    {
        Assert.Null(BlockListPattern.Build([]));
        Assert.Null(BlockListPattern.Build(["regex:"]));
    }

    [Fact]
    public void Build_InvalidRegexEntry_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => BlockListPattern.Build(["regex:(unclosed"]));
    }

    [Fact]
    public void Entries_FromConfigurationAndFile_SkipBlankLinesAndComments()
    {
        var directory = Path.Combine(Path.GetTempPath(), "arena-blocklist-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "blocked.txt"), "# words we refuse\nfile word\n\n  spaced entry  \n");
            var options = new ModerationOptions { BlockList = ["  zorblax ", ""], BlockListFile = "blocked.txt" };

            var entries = BlockListPattern.Entries(options, directory);

            Assert.Equal(["zorblax", "file word", "spaced entry"], entries);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Validate_MissingFileOrBadPattern_FailsOnStart()
    {
        var validator = new ModerationOptionsValidator(new TestEnvironment(Path.GetTempPath()));

        var missing = validator.Validate(null, new ModerationOptions { BlockListFile = "no-such-file-" + Guid.NewGuid().ToString("N") });
        var badPattern = validator.Validate(null, new ModerationOptions { BlockList = ["regex:(unclosed"] });
        var badUrl = validator.Validate(null, new ModerationOptions { OpenAi = { BaseUrl = "not a url" } });
        var fine = validator.Validate(null, new ModerationOptions { BlockList = ["zorblax"] });

        Assert.Contains("BlockListFile", missing.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("not a valid pattern", badPattern.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("BaseUrl", badUrl.FailureMessage, StringComparison.Ordinal);
        Assert.True(fine.Succeeded);
    }

    private sealed class TestEnvironment(string contentRoot) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "Arena.Web.Tests";
        public string ContentRootPath { get; set; } = contentRoot;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
