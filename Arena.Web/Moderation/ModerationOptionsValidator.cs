using Microsoft.Extensions.Options;

namespace Arena.Web.Moderation;

/// <summary>Checks the moderation settings on start: a readable block list whose patterns compile, and a usable OpenAI endpoint.</summary>
public sealed class ModerationOptionsValidator(IHostEnvironment environment) : IValidateOptions<ModerationOptions>
{
    public ValidateOptionsResult Validate(string? name, ModerationOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BlockListFile))
        {
            var path = BlockListPattern.FilePath(options.BlockListFile, environment.ContentRootPath);
            if (!File.Exists(path))
            {
                failures.Add($"{ModerationOptions.Section}:BlockListFile names '{options.BlockListFile}', which does not exist (read from {path}).");
            }
        }

        if (failures.Count == 0)
        {
            try
            {
                BlockListPattern.Build(BlockListPattern.Entries(options, environment.ContentRootPath));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or IOException)
            {
                failures.Add($"{ModerationOptions.Section}:BlockList has an entry that is not a valid pattern: {ex.Message}");
            }
        }

        var openAi = options.OpenAi;
        if (!Uri.TryCreate(openAi.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            failures.Add($"{OpenAiModerationOptions.Section}:BaseUrl '{openAi.BaseUrl}' is not an absolute http(s) address.");
        }

        if (string.IsNullOrWhiteSpace(openAi.Model))
        {
            failures.Add($"{OpenAiModerationOptions.Section}:Model is empty; the default is omni-moderation-latest.");
        }

        if (openAi.Timeout <= TimeSpan.Zero || openAi.Timeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{OpenAiModerationOptions.Section}:Timeout is {openAi.Timeout}; give a time above zero and at most a minute.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
