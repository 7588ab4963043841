using Microsoft.Extensions.Options;

namespace Arena.Models;

/// <summary>Checks the model list as a whole; each entry's fields are checked by data annotations.</summary>
public sealed class ModelCatalogValidation : IValidateOptions<ModelCatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelCatalogOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Models.Count; i++)
        {
            var model = options.Models[i];
            var path = $"Arena:Models:{i}";
            var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(model, new(model), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
            }

            if (!string.IsNullOrWhiteSpace(model.BaseUrl)
                && (!Uri.TryCreate(model.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                failures.Add($"{path}:BaseUrl: '{model.BaseUrl}' is not an absolute http(s) URL.");
            }

            if (model.ResolvedBaseUrl is null && model.Provider != "vllm")
            {
                failures.Add($"{path}:BaseUrl: a {model.Provider} model needs a base URL.");
            }
        }

        failures.AddRange(options.Models.GroupBy(m => m.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Arena:Models: the id '{g.Key}' appears {g.Count()} times; ids must be unique."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
