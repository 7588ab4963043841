using System.Text.Json;
using Microsoft.Playwright;

namespace Arena.Browser.Tests;

/// <summary>
/// A server of its own for the product tests (theme, shortcuts, dialog, statistics): they vote, and the
/// battle journey's vote counts must not see their votes.
/// </summary>
public sealed class ProductFixture : BrowserFixture
{
    /// <summary>Every catalog model's id and display name, as <c>GET /api/models</c> lists them.</summary>
    public async Task<IReadOnlyList<string>> CatalogNamesAsync(IPage page)
    {
        var response = await page.Context.APIRequest.GetAsync("api/models");
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(await response.TextAsync());
        var names = json.RootElement.GetProperty("models").EnumerateArray()
            .SelectMany(m => new[] { m.GetProperty("id").GetString()!, m.GetProperty("display_name").GetString()! })
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        Assert.NotEmpty(names);
        return names;
    }
}

[CollectionDefinition(Name)]
public sealed class ProductCollection : ICollectionFixture<ProductFixture>
{
    public const string Name = "browser, product";
}
